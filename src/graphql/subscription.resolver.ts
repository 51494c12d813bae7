import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { GraphQLError } from "graphql";
import { Arg, Ctx, Field, InputType, Resolver, Root, Subscription } from "type-graphql";
import { normalizeAlias } from "../db/actor.repository.js";
import type { Context } from "./context.js";
import { Article } from "./article.type.js";
import { Claim } from "./claim.type.js";
import { ClaimKind, EventKind } from "./enums.js";
import { badUserInput } from "./errors.js";
import { Event } from "./event.type.js";
import { createLoaders } from "./loaders.js";
import { fromGlobalId } from "./relay.js";
import type { ActorNames, ArticleAddedEvent, ClaimAddedEvent, EventUpdatedEvent, LiveHub } from "./subscription.hub.js";

@InputType("ArticleAddedFilter", { description: "Which new articles to receive. All given fields must match." })
export class ArticleAddedFilter {
  @Field(() => String, { nullable: true, description: "The source: a Source global id or its name." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 639-1 language code, such as "en".' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Also send near-duplicates of stored articles (false by default, as in `articles`)." })
  includeDuplicates?: boolean | null;
}

@InputType("ClaimAddedFilter", { description: "Which new claims to receive. All given fields must match." })
export class ClaimAddedFilter {
  @Field(() => ClaimKind, { nullable: true, description: "Only claims of this kind." })
  kind?: ClaimKind | null;

  @Field(() => String, {
    nullable: true,
    description: "The speaker: an Actor global id, a name or an alias. A name may belong to an actor that does not exist yet.",
  })
  speaker?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A target: an Actor global id, a name or an alias. A name may belong to an actor that does not exist yet.",
  })
  target?: string | null;
}

@InputType("EventUpdatedFilter", { description: "Which new or updated events to receive. All given fields must match." })
export class EventUpdatedFilter {
  @Field(() => EventKind, { nullable: true, description: "PLOVER event type." })
  kind?: EventKind | null;

  @Field(() => String, {
    nullable: true,
    description: "A participant: an Actor global id, a name or an alias. A name may belong to an actor that does not exist yet.",
  })
  actor?: string | null;
}

type ActorTest = (actor: ActorNames | null) => boolean;

/**
 * An actor reference as a test on delivered actors. A global id must name an existing actor (as
 * in query filters); a name is matched against each delivered actor's names and aliases, so a
 * subscription may wait for an actor that is not in the database yet.
 */
async function actorTest(context: Context, ref: string | null | undefined, argument: string): Promise<ActorTest | null> {
  if (ref == null) return null;
  const trimmed = ref.trim();
  if (!trimmed) throw badUserInput(`${argument} must not be empty`, argument);
  const global = fromGlobalId(trimmed);
  if (global) {
    if (global.type !== "Actor") throw badUserInput(`${argument} is the id of a ${global.type}, not of an Actor`, argument);
    const exists = await context.db.prisma.actor.findUnique({ where: { id: global.id }, select: { id: true } });
    if (!exists) throw badUserInput(`${argument}: no actor has id ${trimmed}`, argument);
    return (actor) => actor?.id === global.id;
  }
  const name = normalizeAlias(trimmed);
  if (!name) throw badUserInput(`${argument} "${trimmed.slice(0, 100)}" contains no name`, argument);
  return (actor) => actor?.names.has(name) ?? false;
}

async function sourceTest(context: Context, ref: string | null | undefined): Promise<((event: ArticleAddedEvent) => boolean) | null> {
  if (ref == null) return null;
  const trimmed = ref.trim();
  if (!trimmed) throw badUserInput("filter.source must not be empty", "filter.source");
  const global = fromGlobalId(trimmed);
  if (global) {
    if (global.type !== "Source") throw badUserInput(`filter.source is the id of a ${global.type}, not of a Source`, "filter.source");
    const exists = await context.db.prisma.source.findUnique({ where: { id: global.id }, select: { id: true } });
    if (!exists) throw badUserInput(`filter.source: no source has id ${trimmed}`, "filter.source");
    return (event) => event.article.sourceId === global.id;
  }
  const name = trimmed.toLowerCase();
  return (event) => event.sourceName?.toLowerCase() === name;
}

function hubOf(context: Context): LiveHub {
  if (!context.live) throw new GraphQLError("subscriptions are served over WebSocket (graphql-ws) at /graphql", { extensions: { code: "BAD_REQUEST" } });
  return context.live;
}

/**
 * graphql-js reuses one context for every update of a subscription; fresh loaders per update keep
 * DataLoader caches from serving rows older than the update.
 */
function freshLoaders(context: Context): void {
  context.loaders = createLoaders(context.db.prisma);
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Article, {
    description:
      "Every article stored from now on (through the API, a feed poll, an import or a worker, by any server process), with the normal Article fields.",
    subscribe: async ({ args, context }) => {
      const filter = (args.filter ?? {}) as ArticleAddedFilter;
      const hub = hubOf(context);
      const bySource = await sourceTest(context, filter.source);
      const language = filter.language?.trim().toLowerCase() || null;
      const duplicates = filter.includeDuplicates === true;
      return hub.subscribe(
        "ARTICLE_ADDED",
        (event) =>
          (duplicates || event.article.duplicateOfId === null) &&
          (!language || event.article.language?.toLowerCase() === language) &&
          (!bySource || bySource(event)),
      );
    },
  })
  articleAdded(
    @Root() event: ArticleAddedEvent,
    @Arg("filter", () => ArticleAddedFilter, { nullable: true, description: "Conditions the articles must meet." }) _filter: ArticleAddedFilter | null,
    @Ctx() context: Context,
  ): Article {
    freshLoaders(context);
    return Article.from(event.article);
  }

  @Subscription(() => Claim, {
    description: "Every claim extracted from an article stored from now on, by any server process. Negated claims are sent too (see `negated`).",
    subscribe: async ({ args, context }) => {
      const filter = (args.filter ?? {}) as ClaimAddedFilter;
      const hub = hubOf(context);
      const speaker = await actorTest(context, filter.speaker, "filter.speaker");
      const target = await actorTest(context, filter.target, "filter.target");
      return hub.subscribe(
        "CLAIM_ADDED",
        (event) =>
          (!filter.kind || event.claim.kind === filter.kind) &&
          (!speaker || speaker(event.speaker)) &&
          (!target || event.targets.some((actor) => target(actor))),
      );
    },
  })
  claimAdded(
    @Root() event: ClaimAddedEvent,
    @Arg("filter", () => ClaimAddedFilter, { nullable: true, description: "Conditions the claims must meet." }) _filter: ClaimAddedFilter | null,
    @Ctx() context: Context,
  ): Claim {
    freshLoaders(context);
    return Claim.from(event.claim);
  }

  @Subscription(() => Event, {
    description:
      "Every event that a newly stored article reports (a new event, or a known one with a new report), by any server process. The event is sent as it is after the update.",
    subscribe: async ({ args, context }) => {
      const filter = (args.filter ?? {}) as EventUpdatedFilter;
      const hub = hubOf(context);
      const actor = await actorTest(context, filter.actor, "filter.actor");
      return hub.subscribe(
        "EVENT_UPDATED",
        (event) => (!filter.kind || event.event.kind === filter.kind) && (!actor || event.participants.some((participant) => actor(participant))),
      );
    },
  })
  eventUpdated(
    @Root() event: EventUpdatedEvent,
    @Arg("filter", () => EventUpdatedFilter, { nullable: true, description: "Conditions the events must meet." }) _filter: EventUpdatedFilter | null,
    @Ctx() context: Context,
  ): Event {
    freshLoaders(context);
    return Event.from(event.event);
  }
}
