import type { Database } from "../db/client.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface ApiSettings {
  /** Largest article body ingestArticle accepts, in bytes. */
  maxBodyBytes: number;
  /** Near-duplicate similarity threshold; the ingest default when unset. */
  nearDuplicateThreshold?: number;
}

export interface Context {
  db: Database;
  loaders: Loaders;
  settings: ApiSettings;
}

/** A fresh context per operation: DataLoader caches must never outlive a request. */
export function createContext(db: Database, settings: ApiSettings): Context {
  return { db, loaders: createLoaders(db.prisma), settings };
}
