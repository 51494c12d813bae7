import type { Prisma } from "@prisma/client";
import { Article } from "./article.type.js";
import type { Context } from "./context.js";
import { Claim } from "./claim.type.js";
import type { ConnectionArgs } from "./pagination.args.js";
import { paginate } from "./relay.js";

/** A page of the claims matching `where`: newest first, or in text order ("asc") inside one article. */
export function claimPage(where: Prisma.ClaimWhereInput, page: ConnectionArgs, { db }: Context, order: "asc" | "desc" = "desc") {
  return paginate(
    page,
    order,
    (id, take) => db.prisma.claim.findMany({ where: { ...where, id }, orderBy: { id: order }, take }),
    () => db.prisma.claim.count({ where }),
    Claim.from,
  );
}

/** A page of the articles matching `where`: newest first, or oldest first ("asc"). */
export function articlePage(where: Prisma.ArticleWhereInput, page: ConnectionArgs, { db }: Context, order: "asc" | "desc" = "desc") {
  return paginate(
    page,
    order,
    (id, take) => db.prisma.article.findMany({ where: { ...where, id }, orderBy: { id: order }, take }),
    () => db.prisma.article.count({ where }),
    Article.from,
  );
}
