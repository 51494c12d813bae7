import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Article as ArticleRow, Claim as ClaimRow, Event as EventRow } from "@prisma/client";
import { createPubSub, Repeater, SlidingBuffer, type PubSubEventTarget } from "@graphql-yoga/subscription";
import type { Database } from "../db/client.js";
import { normalizeAlias } from "../db/actor.repository.js";
import { listenForNews, type NewsListener, type NewsNotification } from "../db/notifications.js";

/** An actor as subscription filters see it: its id and every normalised name and alias. */
export interface ActorNames {
  id: number;
  names: Set<string>;
}

export interface ArticleAddedEvent {
  article: ArticleRow;
  sourceName: string | null;
}

export interface ClaimAddedEvent {
  claim: ClaimRow;
  speaker: ActorNames | null;
  targets: ActorNames[];
}

export interface EventUpdatedEvent {
  event: EventRow;
  participants: ActorNames[];
}

type Topics = {
  ARTICLE_ADDED: [hubId: string, event: ArticleAddedEvent];
  CLAIM_ADDED: [hubId: string, event: ClaimAddedEvent];
  EVENT_UPDATED: [hubId: string, event: EventUpdatedEvent];
};
export type Topic = keyof Topics;
type EventOf<T extends Topic> = Topics[T][1];

/**
 * The schema's pubSub (type-graphql needs one to build subscriptions). One per process; each
 * server's hub publishes under its own id, so two servers in one process (tests) stay apart.
 * (No repeaterBuffer here: createPubSub would share one buffer object between all subscribers.)
 */
const eventTarget = new EventTarget();
// Every subscriber is a listener; Node would warn of a leak past 10.
setMaxListeners(0, eventTarget);
export const pubSub = createPubSub<Topics>({ eventTarget: eventTarget as PubSubEventTarget<Topics> });

/**
 * Updates a subscriber may fall behind by: past this, it loses the oldest rather than growing the
 * heap without bound (or overflowing the pubSub's queue, which throws inside the publisher).
 */
const SUBSCRIBER_BACKLOG = 1000;

/** A lost LISTEN connection is followed by a replay of at most this many articles stored meanwhile. */
const CATCH_UP_LIMIT = 1000;

/**
 * Turns "articles/events N were stored" notifications (from this process or, in PostgreSQL mode,
 * any process on the database) into loaded rows on the pubSub, once per notification whatever
 * the number of subscribers; filters run on the loaded rows.
 */
export class LiveHub {
  readonly id = randomUUID();
  private readonly active: Record<Topic, number> = { ARTICLE_ADDED: 0, CLAIM_ADDED: 0, EVENT_UPDATED: 0 };
  private readonly pendingArticles = new Set<number>();
  private readonly pendingEvents = new Set<number>();
  private flushing: Promise<void> | null = null;
  private lastArticleId = 0;
  private listener: NewsListener | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database,
    private readonly log: (line: string) => void,
  ) {}

  static async start(db: Database, log: (line: string) => void = console.error): Promise<LiveHub> {
    const hub = new LiveHub(db, log);
    const newest = await db.prisma.article.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    hub.lastArticleId = newest?.id ?? 0;
    hub.listener = await listenForNews(db, (notification) => hub.receive(notification), {
      log,
      onReconnect: () => void hub.catchUp(),
    });
    return hub;
  }

  /** Subscriptions currently open on this hub. */
  get activeSubscriptions(): number {
    return this.active.ARTICLE_ADDED + this.active.CLAIM_ADDED + this.active.EVENT_UPDATED;
  }

  /** The updates of one topic that pass `matches`, until the subscriber stops. */
  subscribe<T extends Topic>(topic: T, matches: (event: EventOf<T>) => boolean): AsyncIterable<EventOf<T>> {
    const source = (pubSub.subscribe as (topic: T, id: string) => Repeater<EventOf<T>>)(topic, this.id);
    // The source is drained at once into this subscriber's own bounded buffer, so a slow client
    // never leaves pushes pending on the shared pubSub.
    return new Repeater<EventOf<T>>(async (push, stop) => {
      this.active[topic] += 1;
      void stop.then(() => source.return());
      try {
        for await (const event of source) if (matches(event)) void push(event);
      } finally {
        this.active[topic] -= 1;
        stop();
      }
    }, new SlidingBuffer(SUBSCRIBER_BACKLOG));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.close();
    await this.flushing?.catch(() => {});
  }

  private receive(notification: NewsNotification): void {
    if (notification.type === "articles") {
      for (const id of notification.ids) this.lastArticleId = Math.max(this.lastArticleId, id);
    }
    if (this.closed || this.activeSubscriptions === 0) return;
    const pending = notification.type === "articles" ? this.pendingArticles : this.pendingEvents;
    for (const id of notification.ids) pending.add(id);
    this.flushing ??= this.flush().finally(() => {
      this.flushing = null;
    });
  }

  /** Articles stored while the LISTEN connection was down. */
  private async catchUp(): Promise<void> {
    try {
      const missed = await this.db.prisma.article.findMany({
        where: { id: { gt: this.lastArticleId } },
        orderBy: { id: "asc" },
        take: CATCH_UP_LIMIT,
        select: { id: true },
      });
      if (missed.length) this.receive({ type: "articles", ids: missed.map((row) => row.id) });
    } catch (error) {
      this.log(`subscriptions: catching up after a reconnect failed: ${(error as Error).message}`);
    }
  }

  /** Loads and publishes everything pending; notifications that arrive meanwhile join the next round. */
  private async flush(): Promise<void> {
    // One macrotask of patience lets a burst of notifications (a bulk import) share the queries.
    await new Promise((resolve) => setImmediate(resolve));
    while (!this.closed && (this.pendingArticles.size || this.pendingEvents.size)) {
      const articleIds = [...this.pendingArticles].sort((a, b) => a - b).slice(0, 500);
      for (const id of articleIds) this.pendingArticles.delete(id);
      const eventIds = [...this.pendingEvents].slice(0, 500);
      for (const id of eventIds) this.pendingEvents.delete(id);
      try {
        await this.deliver(articleIds, eventIds);
      } catch (error) {
        this.log(`subscriptions: loading updates for articles ${articleIds.join(",")} failed: ${(error as Error).message}`);
      }
    }
  }

  private async deliver(articleIds: number[], extraEventIds: number[]): Promise<void> {
    const { prisma } = this.db;
    const wants = (topic: Topic) => this.active[topic] > 0;

    if (articleIds.length && wants("ARTICLE_ADDED")) {
      const articles = await prisma.article.findMany({
        where: { id: { in: articleIds } },
        include: { source: { select: { name: true } } },
        orderBy: { id: "asc" },
      });
      for (const { source, ...article } of articles) pubSub.publish("ARTICLE_ADDED", this.id, { article, sourceName: source?.name ?? null });
    }

    const claims =
      articleIds.length && wants("CLAIM_ADDED")
        ? await prisma.claim.findMany({
            where: { articleId: { in: articleIds } },
            include: { targets: { select: { actorId: true } } },
            orderBy: { id: "asc" },
          })
        : [];

    let events: (EventRow & { participants: { actorId: number }[] })[] = [];
    if (wants("EVENT_UPDATED")) {
      const reported = articleIds.length
        ? await prisma.eventReport.findMany({ where: { articleId: { in: articleIds } }, select: { eventId: true }, distinct: ["eventId"] })
        : [];
      const eventIds = [...new Set([...reported.map((row) => row.eventId), ...extraEventIds])];
      if (eventIds.length) {
        events = await prisma.event.findMany({
          where: { id: { in: eventIds } },
          include: { participants: { select: { actorId: true } } },
          orderBy: { id: "asc" },
        });
      }
    }

    const actorIds = new Set<number>();
    for (const claim of claims) {
      if (claim.speakerId !== null) actorIds.add(claim.speakerId);
      for (const target of claim.targets) actorIds.add(target.actorId);
    }
    for (const event of events) for (const participant of event.participants) actorIds.add(participant.actorId);
    const actors = await this.actorNames([...actorIds]);
    const named = (id: number): ActorNames => actors.get(id) ?? { id, names: new Set() };

    for (const { targets, ...claim } of claims) {
      pubSub.publish("CLAIM_ADDED", this.id, {
        claim,
        speaker: claim.speakerId === null ? null : named(claim.speakerId),
        targets: targets.map((target) => named(target.actorId)),
      });
    }
    for (const { participants, ...event } of events) {
      pubSub.publish("EVENT_UPDATED", this.id, { event, participants: participants.map((participant) => named(participant.actorId)) });
    }
  }

  /** Names and aliases read when the update is delivered, so a filter by name matches actors created since it subscribed. */
  private async actorNames(ids: number[]): Promise<Map<number, ActorNames>> {
    const out = new Map<number, ActorNames>();
    if (ids.length === 0) return out;
    const actors = await this.db.prisma.actor.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, aliases: { select: { alias: true } } },
    });
    for (const actor of actors) {
      const names = new Set([normalizeAlias(actor.name), ...actor.aliases.map((row) => normalizeAlias(row.alias))]);
      out.set(actor.id, { id: actor.id, names });
    }
    return out;
  }
}
