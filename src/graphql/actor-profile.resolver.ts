import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { DateTimeISOResolver } from "graphql-scalars";
import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, registerEnumType, Resolver, Root } from "type-graphql";
import type { Context } from "./context.js";
import { Actor } from "./actor.type.js";
import { ArticleConnection } from "./article.type.js";
import { ClaimKind } from "./enums.js";
import { badUserInput } from "./errors.js";
import { ArticleOrder } from "./order.inputs.js";
import { articlePage } from "./pages.js";
import { ConnectionArgs } from "./pagination.args.js";
import { profileLoaders } from "./profile.loaders.js";
import { MAX_PAGE_SIZE } from "./relay.js";
import { TimelineBucket, TimelineInterval } from "./timeline.resolver.js";

export enum CounterpartDirection {
  OUTGOING = "OUTGOING",
  INCOMING = "INCOMING",
}

registerEnumType(CounterpartDirection, {
  name: "CounterpartDirection",
  description: "Which way the claims between an actor and its counterparts go.",
  valuesConfig: {
    OUTGOING: { description: "Claims the actor made against the counterpart (whom it accuses most)." },
    INCOMING: { description: "Claims the counterpart made against the actor (who accuses it most)." },
  },
});

@ObjectType("ClaimKindCount", { description: "How many claims of one kind an actor made and received." })
export class ClaimKindCount {
  @Field(() => ClaimKind, { description: "The claim kind." })
  kind!: ClaimKind;

  @Field(() => Int, { description: "Claims of this kind the actor made (as speaker)." })
  made!: number;

  @Field(() => Int, { description: "Claims of this kind that target the actor." })
  received!: number;
}

@ObjectType("ActorCounterpart", { description: "An actor on the other end of an actor's claims of one kind, with how often and when." })
export class ActorCounterpart {
  counterpartId!: number;

  @Field(() => ClaimKind, { description: "The claim kind counted." })
  kind!: ClaimKind;

  @Field(() => Int, { description: "How many such claims (not negated) there are between the two, in this direction." })
  count!: number;

  @Field(() => DateTimeISOResolver, { description: "Publication time of the earliest of them." })
  firstSeen!: Date;

  @Field(() => DateTimeISOResolver, { description: "Publication time of the latest of them." })
  lastSeen!: Date;
}

@Resolver(() => Actor)
export class ActorProfileResolver {
  @FieldResolver(() => Int, { description: "How many times the actor is mentioned, across all articles." })
  mentionCount(@Root() actor: Actor, @Ctx() context: Context) {
    return profileLoaders(context).mentionCount.load(actor.dbId);
  }

  @FieldResolver(() => [ClaimKindCount], { description: "Claims made and received, per kind; kinds with neither are left out." })
  async claimCounts(@Root() actor: Actor, @Ctx() context: Context) {
    const rows = await profileLoaders(context).claimCounts.load(actor.dbId);
    return rows.map((row) => Object.assign(new ClaimKindCount(), { kind: row.kind as ClaimKind, made: row.made, received: row.received }));
  }

  @FieldResolver(() => [ActorCounterpart], {
    description: "Whom this actor accuses (or rejects, threatens, ...) most, or who does so to it most, most frequent first.",
  })
  async topCounterparts(
    @Root() actor: Actor,
    @Arg("kind", () => ClaimKind, { defaultValue: ClaimKind.ACCUSE, description: "The claim kind to count. Default: ACCUSE." }) kind: ClaimKind,
    @Arg("direction", () => CounterpartDirection, { defaultValue: CounterpartDirection.OUTGOING, description: "OUTGOING: whom the actor targets; INCOMING: who targets it." })
    direction: CounterpartDirection,
    @Arg("first", () => Int, { defaultValue: 10, description: `At most this many counterparts (up to ${MAX_PAGE_SIZE}).` }) first: number,
    @Ctx() context: Context,
  ) {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, "first");
    if (first === 0) return [];
    const rows = await profileLoaders(context).counterparts({ kind, direction, first }).load(actor.dbId);
    return rows.map((row) => Object.assign(new ActorCounterpart(), { ...row, kind }));
  }

  @FieldResolver(() => [TimelineBucket], {
    description: "The actor's activity over time: claims it made or received per interval and kind (negated ones excluded), as `timeline(actor:)` counts them.",
  })
  async timeline(
    @Root() actor: Actor,
    @Arg("interval", () => TimelineInterval, { defaultValue: TimelineInterval.MONTH, description: "Bucket size." }) interval: TimelineInterval,
    @Arg("kinds", () => [ClaimKind], { nullable: true, description: "Only claims of these kinds. Default: all." }) kinds: ClaimKind[] | null,
    @Ctx() context: Context,
  ) {
    const rows = await profileLoaders(context).timeline({ interval, kinds: kinds?.length ? [...kinds].sort() : undefined }).load(actor.dbId);
    return rows.map((row) => Object.assign(new TimelineBucket(), { start: row.bucket, kind: row.kind, count: row.count }));
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles that mention this actor, newest stored first unless `orderBy` says otherwise." })
  articles(
    @Root() actor: Actor,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Arg("orderBy", () => ArticleOrder, { nullable: true, description: "Order of the list. Default: newest stored first." }) orderBy: ArticleOrder | null,
    @Ctx() context: Context,
  ) {
    return articlePage({ mentions: { some: { actorId: actor.dbId } } }, page, context, orderBy);
  }
}

@Resolver(() => ActorCounterpart)
export class ActorCounterpartResolver {
  @FieldResolver(() => Actor, { description: "The counterpart." })
  async actor(@Root() counterpart: ActorCounterpart, @Ctx() { loaders }: Context) {
    return Actor.from((await loaders.actor.load(counterpart.counterpartId))!);
  }
}
