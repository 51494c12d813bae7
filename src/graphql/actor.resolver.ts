import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { findActorIdsByName } from "../db/actor.repository.js";
import type { Database } from "../db/client.js";
import type { Context } from "./context.js";
import { Actor, ActorConnection, Mention, MentionConnection } from "./actor.type.js";
import { Article } from "./article.type.js";
import { ClaimConnection } from "./claim.type.js";
import { actorPage, claimPage } from "./pages.js";
import { ActorOrder, ClaimOrder } from "./order.inputs.js";
import { ActorKind, ClaimKind } from "./enums.js";
import { badUserInput } from "./errors.js";
import { ConnectionArgs } from "./pagination.args.js";
import { fromGlobalId, paginate } from "./relay.js";

/**
 * Turns what a client typed for an actor (a global id, a name or an alias) into actor ids. An
 * ambiguous alias gives several; nothing known is the client's error, not an empty answer.
 */
export async function resolveActorRef(db: Database, ref: string, argument: string): Promise<number[]> {
  const trimmed = ref.trim();
  if (!trimmed) throw badUserInput(`${argument} must not be empty`, argument);
  const global = fromGlobalId(trimmed);
  if (global) {
    if (global.type !== "Actor") throw badUserInput(`${argument} is the id of a ${global.type}, not of an Actor`, argument);
    const exists = await db.prisma.actor.findUnique({ where: { id: global.id }, select: { id: true } });
    if (!exists) throw badUserInput(`${argument}: no actor has id ${trimmed}`, argument);
    return [global.id];
  }
  const ids = await findActorIdsByName(db.prisma, trimmed);
  if (ids.length === 0) throw badUserInput(`${argument}: no actor is named "${trimmed.slice(0, 100)}"`, argument);
  return ids;
}

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => ActorConnection, { description: "All actors, oldest first unless `orderBy` says otherwise." })
  actors(
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("kind", () => ActorKind, { nullable: true, description: "Only actors of this kind." }) kind: ActorKind | null,
    @Arg("orderBy", () => ActorOrder, { nullable: true, description: "Order of the list, e.g. {field: NAME, direction: ASC}. Default: oldest first." })
    orderBy: ActorOrder | null,
    @Ctx() context: Context,
  ) {
    return actorPage(kind ? { kind } : {}, page, context, orderBy);
  }

  @Query(() => Actor, {
    nullable: true,
    description: 'One actor by global id, or by name or alias ("Pashinyan", "Moscow"). Give exactly one; an ambiguous name returns the best match.',
  })
  async actor(
    @Arg("id", () => ID, { nullable: true, description: "Global id of the actor." }) id: string | null,
    @Arg("name", () => String, { nullable: true, description: "Canonical name or any alias." }) name: string | null,
    @Ctx() { db, loaders }: Context,
  ) {
    if ((id == null) === (name == null)) throw badUserInput("give exactly one of id and name");
    if (id != null) {
      const parsed = fromGlobalId(id);
      if (!parsed || parsed.type !== "Actor") throw badUserInput(`id "${id.slice(0, 80)}" is not the global id of an Actor`, "id");
      const row = await loaders.actor.load(parsed.id);
      return row ? Actor.from(row) : null;
    }
    const [best] = await findActorIdsByName(db.prisma, name!);
    const row = best === undefined ? null : await loaders.actor.load(best);
    return row ? Actor.from(row) : null;
  }

  @FieldResolver(() => Actor, { nullable: true, description: "The actor this one belongs to (Russian peacekeepers -> Russia)." })
  async parent(@Root() actor: Actor, @Ctx() { loaders }: Context) {
    if (actor.parentId == null) return null;
    const row = await loaders.actor.load(actor.parentId);
    return row ? Actor.from(row) : null;
  }

  @FieldResolver(() => [String], { description: "Surface forms that resolve to this actor, as first seen." })
  async aliases(@Root() actor: Actor, @Ctx() { loaders }: Context) {
    return (await loaders.actorAliases.load(actor.dbId)).map((alias) => alias.display);
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims this actor made, newest first." })
  claimsMade(
    @Root() actor: Actor,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("kind", () => ClaimKind, { nullable: true, description: "Only claims of this kind." }) kind: ClaimKind | null,
    @Arg("orderBy", () => ClaimOrder, { nullable: true, description: "Order of the list. Default: newest stored first." }) orderBy: ClaimOrder | null,
    @Ctx() context: Context,
  ) {
    return claimPage({ speakerId: actor.dbId, ...(kind ? { kind } : {}) }, page, context, orderBy);
  }

  @FieldResolver(() => ClaimConnection, { description: "Claims targeting this actor, newest first." })
  claimsReceived(
    @Root() actor: Actor,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("kind", () => ClaimKind, { nullable: true, description: "Only claims of this kind." }) kind: ClaimKind | null,
    @Arg("orderBy", () => ClaimOrder, { nullable: true, description: "Order of the list. Default: newest stored first." }) orderBy: ClaimOrder | null,
    @Ctx() context: Context,
  ) {
    return claimPage({ targets: { some: { actorId: actor.dbId } }, ...(kind ? { kind } : {}) }, page, context, orderBy);
  }

  @FieldResolver(() => MentionConnection, { description: "Where this actor is mentioned, newest first." })
  mentions(@Root() actor: Actor, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    const where = { actorId: actor.dbId };
    return paginate(
      page,
      "desc",
      (id, take) => db.prisma.mention.findMany({ where: { ...where, id }, orderBy: { id: "desc" }, take }),
      () => db.prisma.mention.count({ where }),
      Mention.from,
    );
  }
}

@Resolver(() => Mention)
export class MentionResolver {
  @FieldResolver(() => Actor, { description: "The actor mentioned." })
  async actor(@Root() mention: Mention, @Ctx() { loaders }: Context) {
    return Actor.from((await loaders.actor.load(mention.actorId))!);
  }

  @FieldResolver(() => Article, { description: "The article the mention is in." })
  async article(@Root() mention: Mention, @Ctx() { loaders }: Context) {
    return Article.from((await loaders.article.load(mention.articleId))!);
  }
}
