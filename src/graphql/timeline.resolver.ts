import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { DateTimeISOResolver } from "graphql-scalars";
import { Arg, Ctx, Field, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { timeline } from "../db/timeline.repository.js";
import type { Context } from "./context.js";
import { resolveActorRef } from "./actor.resolver.js";
import { ClaimKind, EventKind } from "./enums.js";
import { badUserInput } from "./errors.js";

export enum TimelineInterval {
  DAY = "day",
  WEEK = "week",
  MONTH = "month",
}

registerEnumType(TimelineInterval, {
  name: "TimelineInterval",
  description: "Size of a timeline bucket.",
  valuesConfig: { DAY: { description: "Calendar day (UTC)." }, WEEK: { description: "ISO week, from Monday." }, MONTH: { description: "Calendar month." } },
});

@ObjectType("TimelineBucket", { description: "How many claims or events of one kind fall in one interval." })
export class TimelineBucket {
  @Field(() => DateTimeISOResolver, { description: "Start of the interval." })
  start!: Date;

  @Field(() => String, { description: "Claim kind or event kind." })
  kind!: string;

  @Field(() => Int, { description: "How many." })
  count!: number;
}

const MAX_BUCKETS = 5_000;

@Resolver()
export class TimelineResolver {
  @Query(() => [TimelineBucket], {
    description:
      "Activity over time: counts per day, week or month and kind, of claims (by publication time; negated ones excluded) or of events (by their date, else first report), for everyone, an actor, or a pair of actors.",
  })
  async timeline(
    @Arg("interval", () => TimelineInterval, { defaultValue: TimelineInterval.MONTH, description: "Bucket size." }) interval: TimelineInterval,
    @Arg("claimKinds", () => [ClaimKind], { nullable: true, description: "Count claims of these kinds (all kinds when both lists are omitted)." })
    claimKinds: ClaimKind[] | null,
    @Arg("eventKinds", () => [EventKind], { nullable: true, description: "Count events of these kinds instead of claims." }) eventKinds: EventKind[] | null,
    @Arg("actor", () => String, { nullable: true, description: "Only what involves this actor (global id, name or alias)." }) actor: string | null,
    @Arg("counterpart", () => String, { nullable: true, description: "With actor: only between the actor and this one, either way round." })
    counterpart: string | null,
    @Arg("since", () => DateTimeISOResolver, { nullable: true, description: "From this time on." }) since: Date | null,
    @Arg("until", () => DateTimeISOResolver, { nullable: true, description: "Before this time." }) until: Date | null,
    @Ctx() { db }: Context,
  ): Promise<TimelineBucket[]> {
    if (claimKinds?.length && eventKinds?.length) throw badUserInput("give claimKinds or eventKinds, not both", "eventKinds");
    if (counterpart && !actor) throw badUserInput("counterpart needs actor", "counterpart");
    if (since && until && since >= until) throw badUserInput("since must be before until", "since");
    const actorIds = actor ? await resolveActorRef(db, actor, "actor") : undefined;
    const counterpartIds = counterpart ? await resolveActorRef(db, counterpart, "counterpart") : undefined;
    const rows = await timeline(db.prisma, {
      interval,
      subject: eventKinds?.length ? "events" : "claims",
      kinds: eventKinds?.length ? eventKinds : claimKinds ?? undefined,
      actorIds,
      counterpartIds,
      since: since ?? undefined,
      until: until ?? undefined,
    });
    if (rows.length > MAX_BUCKETS) throw badUserInput(`the timeline has over ${MAX_BUCKETS} buckets: narrow the window or widen the interval`, "interval");
    return rows.map((row) => Object.assign(new TimelineBucket(), { start: row.bucket, kind: row.kind, count: row.count }));
  }
}
