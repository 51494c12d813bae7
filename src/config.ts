import path from "node:path";

/**
 * - `off`: no manifest; Apollo's automatic persisted queries work as usual.
 * - `accept`: documents of the manifest may be sent by id; any other document is still accepted.
 * - `only`: the allow-list: nothing but the manifest's documents runs.
 */
export type PersistedDocumentsMode = "off" | "accept" | "only";

export const PERSISTED_DOCUMENTS_MODES: readonly PersistedDocumentsMode[] = ["off", "accept", "only"];

/** Where the data lives: a PGlite data directory (embedded mode) or a PostgreSQL URL. */
export interface DatabaseConfig {
  /** postgres://… when set; the embedded PGlite database otherwise. */
  url?: string;
  /** PGlite data directory, used only when `url` is not set. */
  dataDir: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** Load the bundled sample articles into an empty database at start. */
  loadSample: boolean;
  /** Largest article body `ingestArticle` accepts, in bytes (UTF-8). */
  maxBodyBytes: number;
  /** Estimated Jaccard similarity from which an article is stored as a near-duplicate. */
  nearDuplicateThreshold: number;
  /** Hosts the fetcher may reach although they resolve to private or loopback addresses. */
  fetchAllowHosts: string[];
  /** Poll feed sources in this process. */
  poll: boolean;
  /** JSON file of sources added or updated at start, when it exists. */
  sourcesFile: string;
  /** Refuse reads without an API key (NEWSGRAPH_READS=key); mutations always need one. */
  readsRequireKey: boolean;
  /** Operation limits: depth, complexity, aliases, tokens. */
  limits: { maxDepth: number; maxComplexity: number; maxAliases: number; maxTokens: number };
  /** Most operations in one batched request; 1 refuses batches. */
  maxBatch: number;
  /** Persisted documents: off, accept (ids resolve against the manifest) or only (allow-list). */
  persistedDocuments: { mode: PersistedDocumentsMode; file: string };
  /** pino level of the JSON log. */
  logLevel: string;
  /** Requests per window per client IP (anonymous) and per API key; 0 turns a limit off. */
  rateLimit: { perIp: number; perKey: number; windowSeconds: number };
  /** Browser origins allowed to call the API cross-origin (`*` for any); empty: none. */
  corsOrigins: string[];
  /** Answer introspection queries. */
  introspection: boolean;
  /** Serve the GraphiQL playground to browsers. */
  playground: boolean;
  /** /metrics: open to anyone, only with an ADMIN key, or not served. */
  metrics: "open" | "key" | "off";
  /** Take the client IP from the last X-Forwarded-For entry (behind one reverse proxy). */
  trustProxy: boolean;
  database: DatabaseConfig;
}

function switchFromEnv(name: string, fallback: boolean, env: NodeJS.ProcessEnv): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "on", "yes"].includes(raw)) return true;
  if (["0", "false", "off", "no"].includes(raw)) return false;
  throw new Error(`${name} must be 1 or 0, got "${env[name]}"`);
}

function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function fractionFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw new Error(`${name} must be a number in (0, 1], got "${raw}"`);
  return value;
}

function persistedDocumentsMode(env: NodeJS.ProcessEnv): PersistedDocumentsMode {
  const raw = env.NEWSGRAPH_PERSISTED_DOCUMENTS || "off";
  if (!(PERSISTED_DOCUMENTS_MODES as readonly string[]).includes(raw)) {
    throw new Error(`NEWSGRAPH_PERSISTED_DOCUMENTS must be one of ${PERSISTED_DOCUMENTS_MODES.join(", ")}, got "${raw}"`);
  }
  return raw as PersistedDocumentsMode;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function logLevel(env: NodeJS.ProcessEnv): string {
  const raw = env.NEWSGRAPH_LOG_LEVEL || "info";
  if (!LOG_LEVELS.includes(raw)) throw new Error(`NEWSGRAPH_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  return raw;
}

export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// or postgresql:// URL (PostgreSQL is the only dialect)`);
  }
  return { url, dataDir: path.resolve(env.NEWSGRAPH_DATA_DIR || "./data") };
}

export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: intFromEnv("PORT", 4000, env),
    host: env.HOST || "0.0.0.0",
    loadSample: env.NEWSGRAPH_SAMPLE !== "0",
    maxBodyBytes: intFromEnv("NEWSGRAPH_MAX_BODY_BYTES", 1_000_000, env),
    nearDuplicateThreshold: fractionFromEnv("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", 0.7, env),
    fetchAllowHosts: (env.NEWSGRAPH_FETCH_ALLOW_HOSTS ?? "").split(",").map((host) => host.trim()).filter(Boolean),
    poll: env.NEWSGRAPH_POLL !== "0",
    sourcesFile: path.resolve(env.NEWSGRAPH_SOURCES_FILE || "./sources.json"),
    readsRequireKey: env.NEWSGRAPH_READS === "key",
    limits: {
      maxDepth: intFromEnv("NEWSGRAPH_MAX_DEPTH", 12, env),
      maxComplexity: intFromEnv("NEWSGRAPH_MAX_COMPLEXITY", 10_000, env),
      maxAliases: intFromEnv("NEWSGRAPH_MAX_ALIASES", 30, env),
      maxTokens: intFromEnv("NEWSGRAPH_MAX_TOKENS", 5_000, env),
    },
    maxBatch: Math.max(1, intFromEnv("NEWSGRAPH_MAX_BATCH", 1, env)),
    persistedDocuments: {
      mode: persistedDocumentsMode(env),
      file: path.resolve(env.NEWSGRAPH_PERSISTED_DOCUMENTS_FILE || "./generated/client/persisted-documents.json"),
    },
    logLevel: logLevel(env),
    rateLimit: {
      perIp: intFromEnv("NEWSGRAPH_RATE_LIMIT", 600, env),
      perKey: intFromEnv("NEWSGRAPH_RATE_LIMIT_KEY", 3000, env),
      windowSeconds: Math.max(1, intFromEnv("NEWSGRAPH_RATE_LIMIT_WINDOW", 60, env)),
    },
    corsOrigins: (env.NEWSGRAPH_CORS_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean),
    // Production (NODE_ENV=production) closes introspection and the playground unless asked for.
    introspection: switchFromEnv("NEWSGRAPH_INTROSPECTION", env.NODE_ENV !== "production", env),
    playground: switchFromEnv("NEWSGRAPH_PLAYGROUND", env.NODE_ENV !== "production", env),
    metrics: metricsFromEnv(env),
    trustProxy: switchFromEnv("NEWSGRAPH_TRUST_PROXY", false, env),
    database: loadDatabaseConfig(env),
  };
}

function metricsFromEnv(env: NodeJS.ProcessEnv): "open" | "key" | "off" {
  const raw = env.NEWSGRAPH_METRICS?.trim() || "open";
  if (raw === "open" || raw === "key" || raw === "off") return raw;
  throw new Error(`NEWSGRAPH_METRICS must be open, key or off, got "${raw}"`);
}

/** Story grouping (src/extract/stories.ts); read by the ingest path on every article. */
export function loadStorySettings(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; dateWindowDays: number; minTextSimilarity: number } {
  return {
    enabled: env.NEWSGRAPH_STORIES !== "0",
    dateWindowDays: intFromEnv("NEWSGRAPH_STORY_DATE_WINDOW_DAYS", 3, env),
    minTextSimilarity: fractionFromEnv("NEWSGRAPH_STORY_MIN_TEXT_SIMILARITY", 0.25, env),
  };
}
