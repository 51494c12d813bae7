/**
 * Soak test (npm run soak): a server on 127.0.0.1 only, SOAK_CONNECTIONS (100) concurrent
 * connections of mixed queries for SOAK_SECONDS (60) with autocannon, while a corpus import runs
 * meanwhile. Prints errors, non-2xx answers, latency percentiles and memory every 5 s. Exits 1
 * when any request failed. With DATABASE_URL (a database it may fill) the import is a separate
 * `newsgraph import` process, as in production; without it, a fresh temporary PGlite directory
 * and an in-process import (PGlite allows one process), which shares the server's one thread.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { openDatabase } from "../src/db/client.js";
import { importSource } from "../src/ingest/import/index.js";
import { startHttpServer } from "../src/server/http.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.SOAK_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 100);
const timeoutSeconds = Number(process.env.SOAK_TIMEOUT ?? 30);
const corpus = process.env.SOAK_CORPUS ?? path.join(root, "../shared/corpus/wikinews-en-2019-2020.jsonl");

const QUERIES = [
  "{ claims(filter: { kind: ACCUSE }, first: 20) { totalCount nodes { speaker { name } targets { name } quote article { title } } } }",
  "{ articles(first: 20) { totalCount nodes { title publishedAt } } }",
  "{ actors(first: 20) { nodes { name kind } } }",
  "{ actorGraph(kinds: [ACCUSE, REJECT]) { nodes { name } edges { from { name } to { name } kind count } } }",
  '{ search(query: "minister") { totalCount } }',
  "{ events(first: 20) { nodes { kind } } }",
];

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-soak-"));
  const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir });
  const settings = { maxBodyBytes: 1_000_000 };
  // Loopback only, no rate limit: the point is the server's own limits.
  const server = await startHttpServer({ db, settings }, 0, "127.0.0.1");
  console.log(`soak: ${connections} connections for ${seconds} s against ${server.url} (${db.mode}), importing ${path.basename(corpus)} meanwhile`);

  const abort = new AbortController();
  let imported: number | string = 0;
  let importing: Promise<unknown>;
  if (db.mode === "postgres") {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "import", corpus], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
      signal: abort.signal,
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = [...chunk.toString().matchAll(/progress (\d+\/\d+)/g)].pop();
      if (match) imported = match[1];
    });
    importing = new Promise((resolve) => child.on("exit", resolve));
    child.on("error", () => {});
  } else {
    importing = importSource(db, corpus, { settings, signal: abort.signal }, (progress) => {
      imported = progress.imported + progress.nearDuplicates;
    }).catch((error) => console.error("import failed:", error));
  }

  const samples: string[] = [];
  const started = Date.now();
  const sampler = setInterval(() => {
    const memory = process.memoryUsage();
    const line = `${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  rss ${mb(memory.rss)}  heap ${mb(memory.heapUsed)}  imported ${imported}`;
    samples.push(line);
    console.log(line);
  }, 5_000);

  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    requests: QUERIES.map((query) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })),
  });
  clearInterval(sampler);
  abort.abort();
  await importing;

  console.log("");
  console.log(`requests ${result.requests.total} (${result.requests.average}/s), errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}`);
  console.log(`latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`);
  console.log(`articles imported during the run: ${imported}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  await server.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(result.errors + result.timeouts + result.non2xx > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
