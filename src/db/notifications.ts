import { EventEmitter } from "node:events";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import type { Database } from "./client.js";

/**
 * What changed, by id only: every listener loads the rows itself, so a notification stays far
 * below PostgreSQL's 8000-byte NOTIFY limit and never carries stale or private data.
 * - `articles`: articles just stored, with their claims and events;
 * - `events`: events that gained a report or were changed without a new article.
 */
export type NewsNotification = { type: "articles"; ids: number[] } | { type: "events"; ids: number[] };

/** The PostgreSQL channel every server process listens on. */
export const NEWS_CHANNEL = "newsgraph_news";

/** Ids per NOTIFY: 500 ids of up to 10 digits stay under 6 kB, leaving room below the 8000-byte limit. */
const IDS_PER_NOTIFICATION = 500;

// Embedded mode has one process, so an in-process bus per open database is the whole fan-out.
// Keyed by the Prisma client: wrappers of one database (test copies, spreads) share it.
const localBuses = new WeakMap<PrismaClient, EventEmitter>();

function localBus(db: Database): EventEmitter {
  let bus = localBuses.get(db.prisma);
  if (!bus) {
    bus = new EventEmitter();
    bus.setMaxListeners(0);
    localBuses.set(db.prisma, bus);
  }
  return bus;
}

function chunks(ids: number[]): number[][] {
  const unique = [...new Set(ids)];
  const out: number[][] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_NOTIFICATION) out.push(unique.slice(i, i + IDS_PER_NOTIFICATION));
  return out;
}

/**
 * Tells every server (this process and, in PostgreSQL mode, all others on the database) what was
 * stored. Call it after the storing transaction has committed: a NOTIFY sent inside a transaction
 * would only be delivered at commit, but an in-process event would be seen before it. Never throws:
 * the data is stored whether or not anyone hears about it.
 */
export async function publishNews(db: Database, notification: NewsNotification, log: (line: string) => void = console.error): Promise<void> {
  try {
    for (const ids of chunks(notification.ids)) {
      const message: NewsNotification = { type: notification.type, ids };
      if (db.mode === "postgres") {
        await db.prisma.$executeRaw`SELECT pg_notify(${NEWS_CHANNEL}, ${JSON.stringify(message)})`;
      } else {
        localBus(db).emit("news", message);
      }
    }
  } catch (error) {
    log(`notifications: could not publish ${notification.type} ${notification.ids.join(",")}: ${(error as Error).message}`);
  }
}

/** Convenience for the ingest layer: the articles just committed. */
export function publishArticlesStored(db: Database, articleIds: number[]): Promise<void> {
  return articleIds.length ? publishNews(db, { type: "articles", ids: articleIds }) : Promise.resolve();
}

export interface NewsListener {
  /** Stops listening and releases the dedicated connection. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Called after a lost LISTEN connection is back: notifications sent meanwhile were missed. */
  onReconnect?: () => void;
  log?: (line: string) => void;
  /** First retry delay after a lost connection (doubles up to 10 s). */
  retryMs?: number;
}

function parseNotification(payload: string | undefined): NewsNotification | null {
  if (!payload) return null;
  try {
    const parsed = JSON.parse(payload) as NewsNotification;
    if ((parsed.type !== "articles" && parsed.type !== "events") || !Array.isArray(parsed.ids)) return null;
    const ids = parsed.ids.filter((id) => Number.isSafeInteger(id) && id > 0);
    return { type: parsed.type, ids };
  } catch {
    return null;
  }
}

/**
 * Delivers every notification published for this database. In PostgreSQL mode one dedicated `pg`
 * connection LISTENs (a pooled connection would be handed to queries and lose the LISTEN); when
 * it drops, it reconnects with backoff and calls `onReconnect`.
 */
export async function listenForNews(
  db: Database,
  onNotification: (notification: NewsNotification) => void,
  options: ListenOptions = {},
): Promise<NewsListener> {
  const log = options.log ?? console.error;
  if (db.mode !== "postgres") {
    const bus = localBus(db);
    const handler = (notification: NewsNotification) => onNotification(notification);
    bus.on("news", handler);
    return { close: async () => void bus.off("news", handler) };
  }
  if (!db.url) throw new Error("listenForNews: the PostgreSQL URL of this database is unknown");
  const url = db.url;
  const firstRetry = options.retryMs ?? 500;

  let closed = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryDelay = firstRetry;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: "newsgraph-listen" });
    next.on("notification", (message) => {
      if (message.channel !== NEWS_CHANNEL) return;
      const notification = parseNotification(message.payload);
      if (notification) onNotification(notification);
      else log(`notifications: ignored a malformed payload on ${NEWS_CHANNEL}`);
    });
    // Without an 'error' listener a dropped connection would crash the process.
    next.on("error", (error) => {
      log(`notifications: LISTEN connection failed: ${error.message}`);
      lost(next);
    });
    next.on("end", () => lost(next));
    client = next;
    await next.connect();
    await next.query(`LISTEN ${NEWS_CHANNEL}`);
    retryDelay = firstRetry;
  };

  const lost = (which: pg.Client) => {
    if (closed || client !== which) return;
    client = null;
    which.end().catch(() => {});
    scheduleRetry();
  };

  const scheduleRetry = () => {
    if (closed || retryTimer) return;
    const delay = retryDelay;
    retryDelay = Math.min(retryDelay * 2, 10_000);
    retryTimer = setTimeout(async () => {
      retryTimer = null;
      if (closed) return;
      try {
        await connect();
        log("notifications: LISTEN connection restored");
        options.onReconnect?.();
      } catch (error) {
        log(`notifications: reconnecting failed (${(error as Error).message}); retrying in ${retryDelay} ms`);
        const failed = client;
        client = null;
        failed?.end().catch(() => {});
        scheduleRetry();
      }
    }, delay);
    retryTimer.unref();
  };

  try {
    await connect();
  } catch (error) {
    closed = true;
    const failed = client as pg.Client | null;
    client = null;
    await failed?.end().catch(() => {});
    throw error;
  }
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      if (current) await current.end().catch(() => {});
    },
  };
}
