import path from "node:path";

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
  database: DatabaseConfig;
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
    database: loadDatabaseConfig(env),
  };
}

/** Story grouping (src/extract/stories.ts); read by the ingest path on every article. */
export function loadStorySettings(env: NodeJS.ProcessEnv = process.env): { enabled: boolean; dateWindowDays: number; minTextSimilarity: number } {
  return {
    enabled: env.NEWSGRAPH_STORIES !== "0",
    dateWindowDays: intFromEnv("NEWSGRAPH_STORY_DATE_WINDOW_DAYS", 3, env),
    minTextSimilarity: fractionFromEnv("NEWSGRAPH_STORY_MIN_TEXT_SIMILARITY", 0.25, env),
  };
}
