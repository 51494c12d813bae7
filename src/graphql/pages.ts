import type { Prisma } from "@prisma/client";
import { Actor } from "./actor.type.js";
import { Article } from "./article.type.js";
import type { Context } from "./context.js";
import { Claim } from "./claim.type.js";
import {
  ActorOrderField,
  ArticleOrderField,
  ClaimOrderField,
  keysetAfter,
  orderedPage,
  type ActorOrder,
  type ArticleOrder,
  type ClaimOrder,
} from "./order.inputs.js";
import type { ConnectionArgs } from "./pagination.args.js";
import { paginate } from "./relay.js";

/**
 * A page of the claims matching `where`: newest first, in text order ("asc") inside one article,
 * or as `orderBy` asks.
 */
export function claimPage(
  where: Prisma.ClaimWhereInput,
  page: ConnectionArgs,
  { db }: Context,
  order: "asc" | "desc" | ClaimOrder | null = "desc",
) {
  const count = () => db.prisma.claim.count({ where });
  if (order === null) order = "desc";
  if (typeof order === "string") {
    return paginate(page, order, (id, take) => db.prisma.claim.findMany({ where: { ...where, id }, orderBy: { id: order }, take }), count, Claim.from);
  }
  const { direction } = order;
  if (order.field === ClaimOrderField.PUBLISHED_AT) {
    return orderedPage(
      page,
      {
        field: order.field,
        direction,
        value: (row: Prisma.ClaimGetPayload<{ include: { article: { select: { publishedAt: true } } } }>) => row.article.publishedAt,
        after: (cursor) => keysetAfter("publishedAt", direction, cursor, "article") as Prisma.ClaimWhereInput,
        orderBy: [{ article: { publishedAt: { sort: direction, nulls: "last" } } }, { id: direction }] as Prisma.ClaimOrderByWithRelationInput[],
      },
      (after, orderBy, take) =>
        db.prisma.claim.findMany({
          where: after ? { AND: [where, after] } : where,
          orderBy,
          take,
          include: { article: { select: { publishedAt: true } } },
        }),
      count,
      Claim.from,
    );
  }
  return orderedPage(
    page,
    {
      field: order.field,
      direction,
      value: (row: Prisma.ClaimGetPayload<object>) => row.createdAt,
      after: (cursor) => keysetAfter("createdAt", direction, cursor, undefined, false) as Prisma.ClaimWhereInput,
      orderBy: [{ createdAt: direction }, { id: direction }] as Prisma.ClaimOrderByWithRelationInput[],
    },
    (after, orderBy, take) => db.prisma.claim.findMany({ where: after ? { AND: [where, after] } : where, orderBy, take }),
    count,
    Claim.from,
  );
}

/** A page of the articles matching `where`: newest first, oldest first ("asc"), or as `orderBy` asks. */
export function articlePage(
  where: Prisma.ArticleWhereInput,
  page: ConnectionArgs,
  { db }: Context,
  order: "asc" | "desc" | ArticleOrder | null = "desc",
) {
  const count = () => db.prisma.article.count({ where });
  if (order === null) order = "desc";
  if (typeof order === "string") {
    return paginate(page, order, (id, take) => db.prisma.article.findMany({ where: { ...where, id }, orderBy: { id: order }, take }), count, Article.from);
  }
  const { direction } = order;
  const column = order.field === ArticleOrderField.PUBLISHED_AT ? "publishedAt" : "fetchedAt";
  const nullable = column === "publishedAt";
  return orderedPage(
    page,
    {
      field: order.field,
      direction,
      value: (row: Prisma.ArticleGetPayload<object>) => row[column],
      after: (cursor) => keysetAfter(column, direction, cursor, undefined, nullable) as Prisma.ArticleWhereInput,
      orderBy: [{ [column]: nullable ? { sort: direction, nulls: "last" } : direction }, { id: direction }] as Prisma.ArticleOrderByWithRelationInput[],
    },
    (after, orderBy, take) => db.prisma.article.findMany({ where: after ? { AND: [where, after] } : where, orderBy, take }),
    count,
    Article.from,
  );
}

/** A page of the actors matching `where`: oldest first, or as `orderBy` asks. */
export function actorPage(where: Prisma.ActorWhereInput, page: ConnectionArgs, { db }: Context, order: ActorOrder | null = null) {
  const count = () => db.prisma.actor.count({ where });
  if (!order) {
    return paginate(page, "asc", (id, take) => db.prisma.actor.findMany({ where: { ...where, id }, orderBy: { id: "asc" }, take }), count, Actor.from);
  }
  const { direction } = order;
  const column = order.field === ActorOrderField.NAME ? "name" : "createdAt";
  return orderedPage(
    page,
    {
      field: order.field,
      direction,
      value: (row: Prisma.ActorGetPayload<object>) => row[column],
      after: (cursor) => keysetAfter(column, direction, cursor, undefined, false) as Prisma.ActorWhereInput,
      orderBy: [{ [column]: direction }, { id: direction }] as Prisma.ActorOrderByWithRelationInput[],
    },
    (after, orderBy, take) => db.prisma.actor.findMany({ where: after ? { AND: [where, after] } : where, orderBy, take }),
    count,
    Actor.from,
  );
}
