import { loadServerConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "../db/api-key.repository.js";
import { loadSampleArticles } from "../ingest/sample.js";
import { startPoller } from "../ingest/sources/poller.js";
import { applySourcesFile } from "../ingest/sources/sources.js";
import { startHttpServer } from "./http.js";
import { createLogger } from "./logger.js";
import { loadPersistedDocuments } from "./persisted-documents.js";

// Before the configuration is read: a bad setting is itself worth a structured line.
const logger = createLogger({ level: "info" });

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadServerConfig();
  logger.level = config.logLevel;
  const persistedDocuments = loadPersistedDocuments(config.persistedDocuments.mode, config.persistedDocuments.file);
  if (persistedDocuments.mode !== "off") {
    logger.info(
      { event: "persisted-documents", mode: persistedDocuments.mode, documents: persistedDocuments.documents.size, file: config.persistedDocuments.file },
      `persisted documents: ${persistedDocuments.mode}, ${persistedDocuments.documents.size} documents`,
    );
  }
  const db = await openDatabase(config.database);
  const where = db.mode === "embedded" ? `embedded PGlite in ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
  logger.info(
    { event: "database", mode: db.mode, migrationsApplied: db.migrationsApplied },
    `database: ${where}; migrations applied now: ${db.migrationsApplied.length ? db.migrationsApplied.join(", ") : "none"}`,
  );

  const settings = {
    maxBodyBytes: config.maxBodyBytes,
    nearDuplicateThreshold: config.nearDuplicateThreshold,
    fetchAllowHosts: config.fetchAllowHosts,
  };
  if (fs.existsSync(config.sourcesFile)) {
    const { added, updated } = await applySourcesFile(db, config.sourcesFile);
    logger.info({ event: "sources", added, updated }, `sources: ${added} added, ${updated} updated from ${config.sourcesFile}`);
  }
  if (config.loadSample && (await db.prisma.article.count()) === 0) {
    const stored = await loadSampleArticles(db, settings);
    logger.info({ event: "sample", stored }, `sample: loaded ${stored} sample articles (NEWSGRAPH_SAMPLE=0 turns this off)`);
  }

  if ((await db.prisma.apiKey.count()) === 0) {
    // The key is a secret: it goes to a file only its owner can read, never to the log.
    const { token } = await createApiKey(db.prisma, "ADMIN", "initial admin key");
    const file = path.join(config.database.dataDir, "initial-admin-key");
    fs.mkdirSync(config.database.dataDir, { recursive: true });
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    logger.info({ event: "initial-admin-key", file }, `auth: created the first ADMIN API key; it is in ${file} (readable by you only). Mutations need a key.`);
  }

  const running = await startHttpServer(
    {
      db,
      settings,
      limits: config.limits,
      readsRequireKey: config.readsRequireKey,
      logger,
      maxBatch: config.maxBatch,
      persistedDocuments,
      rateLimit: { ...config.rateLimit, trustProxy: config.trustProxy },
      corsOrigins: config.corsOrigins,
      introspection: config.introspection,
      playground: config.playground,
      metrics: config.metrics,
      defaultMetrics: true,
    },
    config.port,
    config.host,
  );
  const poller = config.poll ? startPoller(db, settings, { log: (line) => logger.info({ event: "poller" }, line) }) : null;
  logger.info(
    { event: "ready", url: running.url, startMs: Date.now() - startedAt },
    `Newsgraph ready in ${Date.now() - startedAt} ms: ${running.url} (playground: open it in a browser; subscriptions: ${running.url.replace(/^http/, "ws")})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: "shutdown", signal }, `${signal}: shutting down`);
    try {
      await poller?.stop();
      // Closes the WebSocket clients (1001) and releases the LISTEN connection, then HTTP.
      await running.close();
      await db.close();
      logger.info({ event: "stopped" }, "stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ event: "shutdown-failed", err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  logger.fatal({ event: "start-failed", err: error }, "Newsgraph failed to start");
  process.exit(1);
});
