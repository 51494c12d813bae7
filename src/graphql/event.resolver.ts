import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Article as ArticleRow, Prisma } from "@prisma/client";
import { Arg, Args, Ctx, Field, FieldResolver, InputType, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "./context.js";
import { resolveActorRef } from "./actor.resolver.js";
import { Actor } from "./actor.type.js";
import { Article, ArticleConnection } from "./article.type.js";
import { EventKind } from "./enums.js";
import { Event, EventConnection, EventParticipant, EventReport, EventReportConnection } from "./event.type.js";
import { ConnectionArgs } from "./pagination.args.js";
import { connectionFrom, pageRequest, paginate } from "./relay.js";

@InputType("EventFilter", { description: "Narrows an event list. All given fields must match." })
export class EventFilter {
  @Field(() => EventKind, { nullable: true, description: "PLOVER event type." })
  kind?: EventKind | null;

  @Field(() => String, { nullable: true, description: "A participant: an Actor global id, a name or an alias." })
  actor?: string | null;
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: "Events, newest first, optionally filtered by kind and participant." })
  async events(
    @Arg("filter", () => EventFilter, { nullable: true, description: "Conditions the events must meet." }) filter: EventFilter | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() context: Context,
  ) {
    const where: Prisma.EventWhereInput = {};
    if (filter?.kind) where.kind = filter.kind;
    if (filter?.actor != null) {
      where.participants = { some: { actorId: { in: await resolveActorRef(context.db, filter.actor, "filter.actor") } } };
    }
    const { prisma } = context.db;
    return paginate(
      page,
      "desc",
      (id, take) => prisma.event.findMany({ where: { ...where, id }, orderBy: { id: "desc" }, take }),
      () => prisma.event.count({ where }),
      Event.from,
    );
  }

  @FieldResolver(() => Actor, { nullable: true, description: "Where it happened, as an actor (country or location)." })
  async location(@Root() event: Event, @Ctx() { loaders }: Context) {
    if (event.locationId == null) return null;
    const row = await loaders.actor.load(event.locationId);
    return row ? Actor.from(row) : null;
  }

  @FieldResolver(() => [EventParticipant], { description: "Actors taking part, agents first." })
  async participants(@Root() event: Event, @Ctx() { loaders }: Context) {
    const rows = await loaders.eventParticipants.load(event.dbId);
    return rows.map((row) => Object.assign(new EventParticipant(), { actorId: row.actorId, role: row.role }));
  }

  @FieldResolver(() => EventReportConnection, { description: "Each place in an article that reports the event, with its evidence (an article may report it more than once)." })
  reports(@Root() event: Event, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    const where = { eventId: event.dbId };
    return paginate(
      page,
      "asc",
      (id, take) => db.prisma.eventReport.findMany({ where: { ...where, id }, orderBy: { id: "asc" }, take }),
      () => db.prisma.eventReport.count({ where }),
      EventReport.from,
    );
  }

  @FieldResolver(() => ArticleConnection, {
    description:
      "Every article that reports the event (each once, oldest first), from all the sources grouped into this story; totalCount says how many articles agree.",
  })
  async articles(@Root() event: Event, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() { loaders }: Context) {
    const page = pageRequest(args);
    const ids =
      page.take === 0 ? [] : await loaders.eventArticlePage.load({ eventId: event.dbId, take: page.take + 1, after: page.afterPosition ?? 0 });
    const rows = await loaders.article.loadMany(ids);
    return connectionFrom(
      rows.filter((row): row is ArticleRow => row !== null && !(row instanceof Error)),
      page,
      (row) => row.id,
      Article.from,
      async () => (await loaders.eventArticleCounts.load(event.dbId)).articles,
    );
  }

  @FieldResolver(() => Int, {
    description: "How many distinct sources report the event (an article without a source counts as one source of its own).",
  })
  async sourceCount(@Root() event: Event, @Ctx() { loaders }: Context) {
    return (await loaders.eventArticleCounts.load(event.dbId)).sources;
  }
}

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Actor, { description: "The participating actor." })
  async actor(@Root() participant: EventParticipant, @Ctx() { loaders }: Context) {
    return Actor.from((await loaders.actor.load(participant.actorId))!);
  }
}

@Resolver(() => EventReport)
export class EventReportResolver {
  @FieldResolver(() => Article, { description: "The reporting article." })
  async article(@Root() report: EventReport, @Ctx() { loaders }: Context) {
    return Article.from((await loaders.article.load(report.articleId))!);
  }
}
