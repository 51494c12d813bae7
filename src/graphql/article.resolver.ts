import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "./context.js";
import { Actor, ActorConnection, Mention, MentionConnection } from "./actor.type.js";
import { Article, ArticleConnection } from "./article.type.js";
import { ClaimConnection } from "./claim.type.js";
import { articlePage, claimPage } from "./pages.js";
import { ClaimKind } from "./enums.js";
import { ArticleOrder } from "./order.inputs.js";
import { badUserInput } from "./errors.js";
import { Event, EventConnection } from "./event.type.js";
import { ConnectionArgs } from "./pagination.args.js";
import { expectGlobalId, paginate } from "./relay.js";
import { Source } from "./source.type.js";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => ArticleConnection, { description: "Articles, newest stored first unless `orderBy` says otherwise. Near-duplicates are left out unless asked for." })
  articles(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("orderBy", () => ArticleOrder, { nullable: true, description: "Order of the list, e.g. {field: PUBLISHED_AT, direction: DESC}. Default: newest stored first." })
    orderBy: ArticleOrder | null,
    @Arg("includeDuplicates", () => Boolean, {
      defaultValue: false,
      description: "Also list near-duplicates (republished or lightly edited copies of an earlier article).",
    })
    includeDuplicates: boolean,
    @Ctx() context: Context,
  ) {
    return articlePage(includeDuplicates ? {} : { duplicateOfId: null }, page, context, orderBy);
  }

  @Query(() => Article, { nullable: true, description: "One article by global id or by URL (as submitted or canonical). Give exactly one." })
  async article(
    @Arg("id", () => ID, { nullable: true, description: "Global id of the article." }) id: string | null,
    @Arg("url", () => String, { nullable: true, description: "URL as submitted, or its canonical form." }) url: string | null,
    @Ctx() { db, loaders }: Context,
  ) {
    if ((id == null) === (url == null)) throw badUserInput("give exactly one of id and url");
    if (id != null) {
      const row = await loaders.article.load(expectGlobalId(id, "Article"));
      return row ? Article.from(row) : null;
    }
    const row = await db.prisma.article.findFirst({ where: { OR: [{ url: url! }, { canonicalUrl: url! }] } });
    return row ? Article.from(row) : null;
  }

  @FieldResolver(() => String, { description: "Clean body text; evidence offsets point into it." })
  async body(@Root() article: Article, @Ctx() { loaders }: Context) {
    return article.bodyText ?? (await loaders.articleBody.load(article.dbId))!.body;
  }

  @FieldResolver(() => Source, { nullable: true, description: "Where the article came from." })
  async source(@Root() article: Article, @Ctx() { loaders }: Context) {
    if (article.sourceId == null) return null;
    const row = await loaders.source.load(article.sourceId);
    return row ? Source.from(row) : null;
  }

  @FieldResolver(() => Article, { nullable: true, description: "The first stored copy, when this article is a near-duplicate of it." })
  async duplicateOf(@Root() article: Article, @Ctx() { loaders }: Context) {
    if (article.duplicateOfId == null) return null;
    const row = await loaders.article.load(article.duplicateOfId);
    return row ? Article.from(row) : null;
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims extracted from this article, in text order." })
  claims(
    @Root() article: Article,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("kind", () => ClaimKind, { nullable: true, description: "Only claims of this kind." }) kind: ClaimKind | null,
    @Ctx() context: Context,
  ) {
    return claimPage({ articleId: article.dbId, ...(kind ? { kind } : {}) }, page, context, "asc");
  }

  @FieldResolver(() => EventConnection, { description: "Events this article reports." })
  events(@Root() article: Article, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    const where = { reports: { some: { articleId: article.dbId } } };
    return paginate(
      page,
      "asc",
      (id, take) => db.prisma.event.findMany({ where: { ...where, id }, orderBy: { id: "asc" }, take }),
      () => db.prisma.event.count({ where }),
      Event.from,
    );
  }

  @FieldResolver(() => ActorConnection, { description: "Actors mentioned in this article." })
  actors(@Root() article: Article, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    const where = { mentions: { some: { articleId: article.dbId } } };
    return paginate(
      page,
      "asc",
      (id, take) => db.prisma.actor.findMany({ where: { ...where, id }, orderBy: { id: "asc" }, take }),
      () => db.prisma.actor.count({ where }),
      Actor.from,
    );
  }

  @FieldResolver(() => MentionConnection, { description: "Every actor mention in this article, in text order." })
  mentions(@Root() article: Article, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    const where = { articleId: article.dbId };
    return paginate(
      page,
      "asc",
      (id, take) => db.prisma.mention.findMany({ where: { ...where, id }, orderBy: { id: "asc" }, take }),
      () => db.prisma.mention.count({ where }),
      Mention.from,
    );
  }
}
