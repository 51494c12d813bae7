import { loadServerConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import fs from "node:fs";
import path from "node:path";
import { createApiKey } from "../db/api-key.repository.js";
import { loadSampleArticles } from "../ingest/sample.js";
import { startPoller } from "../ingest/sources/poller.js";
import { applySourcesFile } from "../ingest/sources/sources.js";
import { startHttpServer } from "./http.js";

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadServerConfig();
  const db = await openDatabase(config.database);
  const where = db.mode === "embedded" ? `embedded PGlite in ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
  console.log(`database: ${where}; migrations applied now: ${db.migrationsApplied.length ? db.migrationsApplied.join(", ") : "none"}`);

  const settings = {
    maxBodyBytes: config.maxBodyBytes,
    nearDuplicateThreshold: config.nearDuplicateThreshold,
    fetchAllowHosts: config.fetchAllowHosts,
  };
  if (fs.existsSync(config.sourcesFile)) {
    const { added, updated } = await applySourcesFile(db, config.sourcesFile);
    console.log(`sources: ${added} added, ${updated} updated from ${config.sourcesFile}`);
  }
  if (config.loadSample && (await db.prisma.article.count()) === 0) {
    const stored = await loadSampleArticles(db, settings);
    console.log(`sample: loaded ${stored} sample articles (NEWSGRAPH_SAMPLE=0 turns this off)`);
  }

  if ((await db.prisma.apiKey.count()) === 0) {
    // The key is a secret: it goes to a file only its owner can read, never to the log.
    const { token } = await createApiKey(db.prisma, "ADMIN", "initial admin key");
    const file = path.join(config.database.dataDir, "initial-admin-key");
    fs.mkdirSync(config.database.dataDir, { recursive: true });
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    console.log(`auth: created the first ADMIN API key; it is in ${file} (readable by you only). Mutations need a key.`);
  }

  const running = await startHttpServer(
    { db, settings, limits: config.limits, readsRequireKey: config.readsRequireKey },
    config.port,
    config.host,
  );
  const poller = config.poll ? startPoller(db, settings, { log: (line) => console.log(line) }) : null;
  console.log(
    `Newsgraph ready in ${Date.now() - startedAt} ms: ${running.url} (playground: open it in a browser; subscriptions: ${running.url.replace(/^http/, "ws")})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    try {
      await poller?.stop();
      // Closes the WebSocket clients (1001) and releases the LISTEN connection, then HTTP.
      await running.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      console.error("shutdown failed:", error);
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error("Newsgraph failed to start:", error);
  process.exit(1);
});
