import type { Database } from "../db/client.js";
import type { PollSettings } from "../ingest/sources/poll-source.js";
import { createLoaders, type Loaders } from "./loaders.js";

/** Limits and fetch settings the API passes to ingestion and polling. */
export type ApiSettings = PollSettings;

export interface Context {
  db: Database;
  loaders: Loaders;
  settings: ApiSettings;
}

/** A fresh context per operation: DataLoader caches must never outlive a request. */
export function createContext(db: Database, settings: ApiSettings): Context {
  return { db, loaders: createLoaders(db.prisma), settings };
}
