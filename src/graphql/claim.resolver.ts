import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Prisma } from "@prisma/client";
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "./context.js";
import { resolveActorRef } from "./actor.resolver.js";
import { Actor } from "./actor.type.js";
import { Article } from "./article.type.js";
import { Claim, ClaimConnection } from "./claim.type.js";
import { ClaimKind } from "./enums.js";
import { ConnectionArgs } from "./pagination.args.js";
import { expectGlobalId } from "./relay.js";
import { claimPage } from "./pages.js";
import { ClaimOrder } from "./order.inputs.js";

@InputType("ClaimFilter", { description: "Narrows a claim list. All given fields must match." })
export class ClaimFilter {
  @Field(() => String, { nullable: true, description: 'Speaker: an Actor global id, a name or an alias ("Moscow" finds Russia).' })
  speaker?: string | null;

  @Field(() => String, { nullable: true, description: "A target: an Actor global id, a name or an alias." })
  target?: string | null;

  @Field(() => ClaimKind, { nullable: true, description: "Claim kind, e.g. ACCUSE for who accused whom." })
  kind?: ClaimKind | null;

  @Field(() => ID, { nullable: true, description: "Global id of the article the claims come from." })
  articleId?: string | null;
}

async function claimWhere(filter: ClaimFilter | null | undefined, context: Context): Promise<Prisma.ClaimWhereInput> {
  const where: Prisma.ClaimWhereInput = {};
  if (!filter) return where;
  if (filter.kind) where.kind = filter.kind;
  if (filter.articleId != null) where.articleId = expectGlobalId(filter.articleId, "Article", "filter.articleId");
  if (filter.speaker != null) where.speakerId = { in: await resolveActorRef(context.db, filter.speaker, "filter.speaker") };
  if (filter.target != null) {
    where.targets = { some: { actorId: { in: await resolveActorRef(context.db, filter.target, "filter.target") } } };
  }
  return where;
}

@Resolver(() => Claim)
export class ClaimResolver {
  @Query(() => ClaimConnection, { description: "Claims, newest first unless `orderBy` says otherwise, optionally filtered by speaker, target, kind and article." })
  async claims(
    @Arg("filter", () => ClaimFilter, { nullable: true, description: "Conditions the claims must meet." }) filter: ClaimFilter | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("orderBy", () => ClaimOrder, { nullable: true, description: "Order of the list, e.g. {field: PUBLISHED_AT, direction: DESC}. Default: newest stored first." })
    orderBy: ClaimOrder | null,
    @Ctx() context: Context,
  ) {
    return claimPage(await claimWhere(filter, context), page, context, orderBy);
  }

  @Query(() => ClaimConnection, {
    description: "Who accused whom: every ACCUSE claim with its speaker, targets, quote and article. Same as claims(filter: {kind: ACCUSE}).",
  })
  accusations(@Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() context: Context) {
    return claimPage({ kind: "ACCUSE" }, page, context);
  }

  @FieldResolver(() => Actor, { nullable: true, description: "Who made the claim; null when the speaker could not be resolved." })
  async speaker(@Root() claim: Claim, @Ctx() { loaders }: Context) {
    if (claim.speakerId == null) return null;
    const row = await loaders.actor.load(claim.speakerId);
    return row ? Actor.from(row) : null;
  }

  @FieldResolver(() => [Actor], { description: "Whom the claim is about or against." })
  async targets(@Root() claim: Claim, @Ctx() { loaders }: Context) {
    const links = await loaders.claimTargetIds.load(claim.dbId);
    const rows = await Promise.all(links.map((link) => loaders.actor.load(link.actorId)));
    return rows.flatMap((row) => (row ? [Actor.from(row)] : []));
  }

  @FieldResolver(() => Article, { description: "The article the claim was extracted from." })
  async article(@Root() claim: Claim, @Ctx() { loaders }: Context) {
    return Article.from((await loaders.article.load(claim.articleId))!);
  }

  @FieldResolver(() => Claim, { nullable: true, description: "The earlier claim this one answers, e.g. the accusation a REJECT rejects." })
  async respondsTo(@Root() claim: Claim, @Ctx() { loaders }: Context) {
    if (claim.respondsToId == null) return null;
    const row = await loaders.claim.load(claim.respondsToId);
    return row ? Claim.from(row) : null;
  }

  @FieldResolver(() => [Claim], { description: "Later claims that answer this one (rejections of an accusation)." })
  async responses(@Root() claim: Claim, @Ctx() { loaders }: Context) {
    return (await loaders.claimResponses.load(claim.dbId)).map(Claim.from);
  }
}
