/**
 * Ingestion speed: articles from ../shared/corpus/ imported through importSource (validation,
 * deduplication, extraction, storage in batches), as `newsgraph import` does, into fresh databases.
 *
 *   npm run bench:ingest                       # 1,000 and 10,000 articles: embedded, PostgreSQL 1 and 2 workers
 *   npm run bench:ingest -- --count 1000       # only this size (repeatable: --count 1000 --count 5000)
 *   npm run bench:ingest -- --json             # JSON on stdout (for `npm run bench`); logs on stderr
 *   npm run bench:ingest -- --no-postgres      # embedded only
 *   npm run bench:ingest -- --postgres URL     # server to create the throwaway databases on
 *                                              # (default TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres)
 *   npm run bench:ingest -- --batch-size 200
 *
 * The input is a temporary JSONL file: the two corpus files shuffled together (fixed seed). Past
 * the 6,810 corpus articles it cycles the corpus with a new url, a " (copy N)" title and a moved
 * date; those copies keep their body, so they are stored as near-duplicates (no extraction): the
 * table shows how many.
 *
 * Every run is a separate worker process (so peak RSS is its own): it opens the database, warms
 * the extractor, and starts on a signal; the clock runs from that signal until the last worker
 * is done. With 2 workers each imports every other line of the input (two shards), as two queue
 * workers would. Databases are created for the run and removed afterwards (a temporary PGlite
 * directory; a PostgreSQL database dropped WITH (FORCE)), also on Ctrl-C. Migrations are applied
 * before the clock starts.
 */
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openDatabase } from "../src/db/client.js";
import type { DatabaseConfig } from "../src/config.js";

const args = process.argv.slice(2);
const valuesOf = (name: string) => args.flatMap((arg, index) => (arg === name && args[index + 1] !== undefined ? [args[index + 1]] : []));
const SETTINGS = { maxBodyBytes: 1_000_000 };
const scriptPath = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------------------------------------
// worker process: `--worker <config json> <input file>`

interface WorkerDone {
  type: "done";
  processed: number;
  imported: number;
  nearDuplicates: number;
  duplicates: number;
  bad: number;
  maxRss: number;
  /** CPU seconds of this process during the import, plus its PostgreSQL backends' (PostgreSQL mode). */
  cpuSeconds: number;
}

/** user + system CPU seconds of a local process, from /proc (0 when unreadable). */
function processCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function worker(): Promise<void> {
  const [configJson, input, batchSize] = [valuesOf("--worker")[0], valuesOf("--input")[0], valuesOf("--batch-size")[0]];
  const { importSource } = await import("../src/ingest/import/index.js");
  const { extract } = await import("../src/extract/index.js");
  const db = await openDatabase(JSON.parse(configJson!) as DatabaseConfig, { migrate: false });
  extract({ title: "Warm-up", body: "The minister said on Monday that the talks would resume in Geneva." });
  await new Promise<void>((resolve) => {
    process.once("message", () => resolve());
    process.send!({ type: "ready" });
  });
  const cpuBefore = process.cpuUsage();
  const config = JSON.parse(configJson!) as DatabaseConfig;
  const backendCpu = async () => {
    if (!config.url) return 0;
    const name = new URL(config.url).searchParams.get("application_name");
    const rows = await db.prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE application_name = ${name}`;
    return rows.reduce((sum, row) => sum + processCpuSeconds(row.pid), 0);
  };
  const backendBefore = await backendCpu();
  const summary = await importSource(db, input!, { settings: SETTINGS, batchSize: batchSize ? Number(batchSize) : undefined });
  const cpu = process.cpuUsage(cpuBefore);
  const backendSeconds = (await backendCpu()) - backendBefore;
  await db.close();
  const done: WorkerDone = {
    type: "done",
    processed: summary.processed,
    imported: summary.imported,
    nearDuplicates: summary.nearDuplicates,
    duplicates: summary.duplicates,
    bad: summary.bad,
    maxRss: process.resourceUsage().maxRSS * 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6 + backendSeconds,
  };
  process.send!(done, () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// input

interface CorpusLine {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  source: string;
  url: string;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpusLines(count: number): string[] {
  const shared = new URL("../../shared/corpus/", import.meta.url);
  const corpus = ["wikinews-en-2019-2020.jsonl", "whitehouse-2021-2026.jsonl"].flatMap((name) =>
    fs
      .readFileSync(new URL(name, shared), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusLine),
  );
  const random = mulberry32(42);
  for (let i = corpus.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [corpus[i], corpus[j]] = [corpus[j]!, corpus[i]!];
  }
  const lines: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const base = corpus[n % corpus.length]!;
    const cycle = Math.floor(n / corpus.length);
    let article = base;
    if (cycle > 0) {
      const date = new Date(base.publishedAt);
      date.setUTCDate(date.getUTCDate() + cycle * 7 + (n % 5));
      const url = new URL(base.url);
      url.searchParams.set("copy", String(cycle));
      article = { ...base, id: `${base.id}#copy${cycle}`, url: url.href, title: `${base.title} (copy ${cycle})`, publishedAt: date.toISOString() };
    }
    lines.push(JSON.stringify(article));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// orchestration

const cleanups: (() => Promise<void> | void)[] = [];
const children = new Set<ChildProcess>();
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const child of children) child.kill("SIGKILL");
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error("cleanup:", error instanceof Error ? error.message : error);
      }
    }
  })());

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : fs.statSync(full).size;
  }
  return total;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface BenchResult {
  mode: "embedded" | "postgres";
  workers: number;
  articles: number;
  /** Articles per second, from the start signal until the last worker finished. */
  rate: number;
  elapsedMs: number;
  imported: number;
  nearDuplicates: number;
  duplicates: number;
  bad: number;
  /** CPU time per article: workers, plus their PostgreSQL backends in PostgreSQL mode (approximate: a backend closed mid-run is missed). */
  cpuMsPerArticle: number;
  /**
   * Articles/s the same work would reach on this machine without other load: one core per
   * process at most, the machine's cores at most (an estimate from CPU time, not a measurement).
   */
  idleEstimate: number;
  /** Highest peak RSS of one worker process, bytes. */
  peakRssBytes: number;
  /** Database growth per 1,000 articles, bytes. */
  sizePer1000Bytes: number;
  loadAverage: number[];
}

async function runWorkers(config: DatabaseConfig, shards: string[], batchSize: string | undefined): Promise<{ elapsedMs: number; done: WorkerDone[] }> {
  const started = shards.map((input, index) => {
    // A name per worker, so that a worker can find its own PostgreSQL backends and their CPU time.
    const own: DatabaseConfig = config.url ? { ...config, url: `${config.url}?application_name=newsgraph-bench-${process.pid}-${index}` } : config;
    const child = fork(scriptPath, ["--worker", JSON.stringify(own), "--input", input, ...(batchSize ? ["--batch-size", batchSize] : [])], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(child);
    let ready!: () => void;
    let finished!: (done: WorkerDone) => void;
    let failed!: (error: Error) => void;
    const readyPromise = new Promise<void>((resolve) => (ready = resolve));
    const donePromise = new Promise<WorkerDone>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    child.on("message", (message: { type: string }) => {
      if (message.type === "ready") ready();
      if (message.type === "done") finished(message as WorkerDone);
    });
    child.on("exit", (code) => {
      children.delete(child);
      if (code !== 0) failed(new Error(`worker exited with code ${code}`));
    });
    return { child, readyPromise, donePromise };
  });
  await Promise.all(started.map((s) => Promise.race([s.readyPromise, s.donePromise.then(() => undefined)])));
  const t0 = performance.now();
  for (const s of started) s.child.send("go");
  const done = await Promise.all(started.map((s) => s.donePromise));
  return { elapsedMs: performance.now() - t0, done };
}

async function benchOne(mode: "embedded" | "postgres", workers: number, lines: string[], serverUrl: string, batchSize: string | undefined): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const shards = Array.from({ length: workers }, (_, shard) => {
    const file = path.join(dir, `shard-${shard}.jsonl`);
    fs.writeFileSync(file, lines.filter((_, index) => index % workers === shard).join("\n") + "\n");
    return file;
  });
  let config: DatabaseConfig;
  let size: () => Promise<number>;
  let drop: () => Promise<void> = async () => {};
  if (mode === "embedded") {
    const dataDir = path.join(dir, "data");
    config = { dataDir };
    size = async () => directorySize(dataDir);
  } else {
    const name = `newsgraph_bench_${process.pid}_${Date.now().toString(36)}`;
    await admin(serverUrl, `CREATE DATABASE "${name}"`);
    drop = () => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    cleanups.push(drop);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    config = { url: url.href, dataDir: dir };
    size = async () => {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        const result = await client.query<{ size: string }>("SELECT pg_database_size(current_database())::text AS size");
        return Number(result.rows[0]!.size);
      } finally {
        await client.end();
      }
    };
  }
  const migrated = await openDatabase(config);
  await migrated.close();
  const before = await size();
  console.error(`  ${mode}, ${workers} worker(s), ${lines.length} articles…`);
  const { elapsedMs, done } = await runWorkers(config, shards, batchSize);
  const after = await size();
  await drop();
  fs.rmSync(dir, { recursive: true, force: true });
  const sum = (key: "imported" | "nearDuplicates" | "duplicates" | "bad") => done.reduce((total, d) => total + d[key], 0);
  const result: BenchResult = {
    mode,
    workers,
    articles: lines.length,
    rate: (lines.length * 1000) / elapsedMs,
    elapsedMs,
    imported: sum("imported"),
    nearDuplicates: sum("nearDuplicates"),
    duplicates: sum("duplicates"),
    bad: sum("bad"),
    cpuMsPerArticle: (done.reduce((total, d) => total + d.cpuSeconds, 0) * 1000) / lines.length,
    idleEstimate: 0,
    peakRssBytes: Math.max(...done.map((d) => d.maxRss)),
    sizePer1000Bytes: ((after - before) * 1000) / lines.length,
    loadAverage: os.loadavg().map((load) => Number(load.toFixed(2))),
  };
  result.idleEstimate = (Math.min(workers, os.cpus().length) * 1000) / result.cpuMsPerArticle;
  console.error(`    ${result.rate.toFixed(1)} articles/s (load ${result.loadAverage.join(" ")})`);
  return result;
}

async function main(): Promise<void> {
  const counts = valuesOf("--count").map(Number);
  const sizes = counts.length ? counts : [1_000, 10_000];
  if (sizes.some((count) => !Number.isInteger(count) || count < 1)) throw new Error("--count must be a positive integer");
  const json = args.includes("--json");
  const serverUrl = valuesOf("--postgres")[0] ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const batchSize = valuesOf("--batch-size")[0];
  const plans: ["embedded" | "postgres", number][] = [["embedded", 1]];
  if (!args.includes("--no-postgres")) plans.push(["postgres", 1], ["postgres", 2]);

  console.error(`== ingestion through importSource, node ${process.version}, ${os.cpus().length} cores, batch size ${batchSize ?? 100}`);
  const results: BenchResult[] = [];
  for (const count of sizes) {
    const lines = corpusLines(count);
    for (const [mode, workers] of plans) results.push(await benchOne(mode, workers, lines, serverUrl, batchSize));
  }
  if (json) {
    console.log(JSON.stringify({ benchmark: "ingest", node: process.version, cores: os.cpus().length, results }, null, 2));
    return;
  }
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`| database | workers | articles | articles/s | elapsed | CPU ms per article | idle-machine estimate, articles/s | imported / near-duplicates / duplicates / bad | peak RSS (per worker) | database size per 1,000 articles | load (1/5/15 min) |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    console.log(
      `| ${r.mode === "embedded" ? "embedded (PGlite)" : "PostgreSQL"} | ${r.workers} | ${r.articles.toLocaleString("en")} | ${r.rate.toFixed(1)} | ${(r.elapsedMs / 1000).toFixed(1)} s | ${r.cpuMsPerArticle.toFixed(1)} | ${r.idleEstimate.toFixed(0)} | ${r.imported} / ${r.nearDuplicates} / ${r.duplicates} / ${r.bad} | ${mb(r.peakRssBytes)} | ${mb(r.sizePer1000Bytes)} | ${r.loadAverage.join(" / ")} |`,
    );
  }
}

if (args.includes("--worker")) {
  await worker();
} else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`${signal}: cleaning up`);
      void cleanup().then(() => process.exit(130));
    });
  }
  try {
    await main();
  } finally {
    await cleanup();
  }
}
