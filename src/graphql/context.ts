import type { ApiKeyRole } from "@prisma/client";
import type { Database } from "../db/client.js";
import type { PollSettings } from "../ingest/sources/poll-source.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { LiveHub } from "./subscription.hub.js";

/** Limits and fetch settings the API passes to ingestion and polling. */
export type ApiSettings = PollSettings;

/** Who is asking: the API key's id and role, or null for an anonymous reader. */
export interface Viewer {
  keyId: number;
  role: ApiKeyRole;
}

export interface Context {
  db: Database;
  loaders: Loaders;
  settings: ApiSettings;
  viewer: Viewer | null;
  /** Live updates for subscriptions; set only on WebSocket connections. */
  live?: LiveHub;
}

/** A fresh context per operation: DataLoader caches must never outlive a request. */
export function createContext(db: Database, settings: ApiSettings, viewer: Viewer | null = null): Context {
  return { db, loaders: createLoaders(db.prisma), settings, viewer };
}
