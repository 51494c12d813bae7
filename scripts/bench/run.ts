/**
 * `npm run bench`: what a user feels, measured side by side with a raw-SQL baseline, printed as one
 * Markdown table (machine first) and written as JSON to bench/results/<timestamp>.json.
 *
 *   npm run bench                              # PostgreSQL at 127.0.0.1:5432 (or BENCH_DATABASE_URL / TEST_DATABASE_URL)
 *   npm run bench -- --seconds 8 --fresh       # longer load runs; re-ingest the seed
 *   npm run bench -- --sizes 1k,10k --no-ingest --no-extract
 *   npm run bench -- --prepare --no-ingest --no-extract   # only build the databases (minutes), measure nothing
 *
 * Sections: extraction (scripts/bench-extract.ts --json, a child process), ingest (`npm run
 * bench:ingest -- --json`, when that script supports it), four query operations over HTTP at 10
 * and 50 connections with autocannon in its own process against Newsgraph and against
 * scripts/bench/baseline-server.ts on the same database at 1k, 10k and 50k articles, SQL statements
 * per operation, server RSS at rest and under load, 1 vs 2 API processes, and `npm start` time.
 *
 * The databases (scripts/bench/dataset.ts): 1k is the most recent corpus articles ingested through
 * importSource; 10k and 50k are copies of it replicated in SQL. They are kept on the PostgreSQL
 * server as newsgraph_bench_<key>_<size> and reused while the key (migrations, seed size, committed
 * extraction and ingest code) is the same, because building them takes minutes; `--fresh`
 * rebuilds them, and databases of an older key are dropped. The benchmark only reads them. Its
 * servers and temporary files are removed at the end, also on Ctrl-C.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { graphql } from "graphql";
import pg from "pg";
import { openDatabase } from "../../src/db/client.js";
import { createContext } from "../../src/graphql/context.js";
import { getSchema } from "../../src/graphql/schema.js";
import { addReplicas, adminQuery, articleCount, databaseUrl, readSeed, seedDatabase, type ReplicaState } from "./dataset.js";
import type { LoadResult } from "./load.js";
import { documentOf, OPERATIONS, pickVariables, requestBody, variablesFor, type BenchVariables, type OperationName } from "./operations.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const flag = (name: string) => args.includes(name);
const seconds = Number(option("--seconds") ?? 3);
const seedCount = Number(option("--seed") ?? 1000);
const serverUrl = option("--database-url") ?? process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const SIZES: Record<string, number> = { "1k": 1_000, "10k": 10_000, "50k": 50_000 };
const sizeLabels = (option("--sizes") ?? "1k,10k,50k").split(",").map((label) => label.trim());
for (const label of sizeLabels) if (!SIZES[label]) throw new Error(`--sizes: unknown size ${label} (1k, 10k, 50k)`);
const CONNECTIONS = [10, 50];

const log = (line: string) => console.error(line);
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        log(`cleanup: ${error instanceof Error ? error.message : error}`);
      }
    }
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void cleanup().then(() => process.exit(130)));

// ---------------------------------------------------------------------------------------------
// the machine

async function machine() {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    ramGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres: rows[0]!.server_version,
    loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    loadAverageAtEnd: [] as number[],
    startedAt: new Date().toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// child processes

function runJson<T>(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 600_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      // The whole output as one JSON document (pretty-printed or not), or else its last JSON line.
      const candidates = [stdout.trim(), stdout.trim().split("\n").reverse().find((line) => line.trim().startsWith("{")) ?? ""];
      if (code === 0) {
        for (const candidate of candidates) {
          try {
            return resolve(JSON.parse(candidate) as T);
          } catch {
            // try the next candidate, then report the output below
          }
        }
      }
      reject(new Error(`${command} ${commandArgs.join(" ")} exited ${code}: ${(stderr || stdout).slice(-2000)}`));
    });
  });
}

interface Server {
  name: string;
  child: ChildProcess;
  url: string;
  pid: number;
  readyMs: number;
  output: () => string;
}

function startProcess(name: string, command: string, commandArgs: string[], env: NodeJS.ProcessEnv, ready: RegExp, detached = false): Promise<Server> {
  const started = performance.now();
  const child = spawn(command, commandArgs, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached });
  let output = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      // npm start runs tsx under npm and a shell: signal the group this benchmark created.
      if (detached) process.kill(-child.pid!, "SIGTERM");
      else child.kill("SIGTERM");
    });
  cleanups.push(stop);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ name, child, url: match[1]!, pid: child.pid!, readyMs: performance.now() - started, output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });
}

async function stopServer(server: Server): Promise<void> {
  server.child.removeAllListeners("exit");
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    server.child.once("exit", () => resolve());
    server.child.kill("SIGTERM");
  });
}

const SERVER_ENV = (url: string, dataDir: string) => ({
  DATABASE_URL: url,
  PORT: "0",
  HOST: "127.0.0.1",
  NEWSGRAPH_SAMPLE: "0",
  NEWSGRAPH_POLL: "0",
  NEWSGRAPH_DATA_DIR: dataDir,
  NEWSGRAPH_SOURCES_FILE: path.join(dataDir, "no-sources.json"),
  // The load generator is one client: per-IP limits would turn the measurement into 429s.
  NEWSGRAPH_RATE_LIMIT: "0",
  NEWSGRAPH_RATE_LIMIT_KEY: "0",
});

function startNewsgraph(url: string, dataDir: string, extraNodeArgs: string[] = []): Promise<Server> {
  return startProcess("newsgraph", process.execPath, [...extraNodeArgs, "--import", "tsx", "src/server/main.ts"], SERVER_ENV(url, dataDir), /ready in \d+ ms: (http:\/\/\S+)/);
}

function startBaseline(url: string): Promise<Server> {
  return startProcess("baseline", process.execPath, ["--import", "tsx", "scripts/bench/baseline-server.ts"], { DATABASE_URL: url, PORT: "0" }, /baseline ready: (http:\/\/\S+)/);
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// requests

async function post(url: string, body: string): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  return response.text();
}

/** Key order differs between the two servers; the values must not. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

interface Answer {
  newsgraphBody: string;
  baselineBody: string;
  sameJson: boolean;
  items: number;
  errors?: unknown;
}

async function compareAnswers(newsgraph: string, baseline: string, name: OperationName, chosen: BenchVariables): Promise<Answer> {
  const body = requestBody(name, variablesFor(name, chosen));
  const [newsgraphBody, baselineBody] = await Promise.all([post(newsgraph, body), post(baseline, body)]);
  const a = JSON.parse(newsgraphBody);
  const b = JSON.parse(baselineBody);
  const data = a.data ?? {};
  const items =
    data.actorGraph?.edges?.length ?? data.actor?.claimsMade?.nodes?.length ?? data.search?.edges?.length ?? data.claims?.nodes?.length ?? 0;
  return {
    newsgraphBody,
    baselineBody,
    sameJson: JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)),
    items,
    errors: a.errors ?? b.errors,
  };
}

function load(urls: string[], body: string, expectBody: string, connections: number): Promise<LoadResult> {
  const job = { urls, body, expectBody, connections, seconds };
  return runJson<LoadResult>(process.execPath, ["--import", "tsx", "scripts/bench/load.ts", JSON.stringify(job)], {}, (seconds + 60) * 1000);
}

/**
 * A fresh server's first requests pay for JIT compilation and lazy initialisation; on a busy
 * machine that can fill a short measured run. Every operation is sent a few rounds first.
 */
async function warmUp(urls: string[], chosen: BenchVariables): Promise<void> {
  for (const url of urls) {
    for (const { name } of OPERATIONS) {
      const body = requestBody(name, variablesFor(name, chosen));
      for (let round = 0; round < 3; round += 1) await Promise.all(Array.from({ length: 5 }, () => post(url, body)));
    }
  }
}

/** Runs a load while sampling the RSS of the given processes; returns the load result and the peak RSS. */
async function loadWithRss(urls: string[], body: string, expectBody: string, connections: number, pids: number[]) {
  let peak = 0;
  const sampler = setInterval(() => {
    const total = pids.reduce((sum, pid) => sum + rssOf(pid), 0);
    if (total > peak) peak = total;
  }, 200);
  try {
    const result = await load(urls, body, expectBody, connections);
    return { ...result, peakRssBytes: peak };
  } finally {
    clearInterval(sampler);
  }
}

/** SQL statements one operation costs in Newsgraph: the StatementCounter of src/db/client.ts, in process. */
async function newsgraphStatements(url: string, chosen: BenchVariables): Promise<Record<string, number>> {
  const db = await openDatabase({ url, dataDir: os.tmpdir() }, { migrate: false });
  try {
    const counts: Record<string, number> = {};
    for (const { name } of OPERATIONS) {
      const before = db.statements.total;
      const result = await graphql({
        schema: getSchema(),
        source: documentOf(name),
        variableValues: variablesFor(name, chosen),
        contextValue: createContext(db, { maxBodyBytes: 1_000_000 }, null),
      });
      if (result.errors?.length) throw new Error(`${name}: ${result.errors[0]!.message}`);
      counts[name] = db.statements.total - before;
    }
    return counts;
  } finally {
    await db.close();
  }
}

async function baselineStatements(baseline: string, chosen: BenchVariables): Promise<Record<string, number>> {
  const stats = baseline.replace(/\/graphql$/, "/stats");
  const counts: Record<string, number> = {};
  for (const { name } of OPERATIONS) {
    const before = ((await (await fetch(stats)).json()) as { statements: number }).statements;
    await post(baseline, requestBody(name, variablesFor(name, chosen)));
    const after = ((await (await fetch(stats)).json()) as { statements: number }).statements;
    counts[name] = after - before;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// the seed, cached as a template database

/** What the stored data depends on: the migrations, the seed size, and the committed extraction and ingest code. */
function seedKey(): string {
  const migrations = fs.readdirSync(path.join(root, "prisma/migrations")).sort().join(",");
  const code = ["src/extract", "src/ingest", "src/db/article.repository.ts", "src/db/actor.repository.ts"].map((part) => {
    try {
      return execFileSync("git", ["rev-parse", `HEAD:${part}`], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return "none";
    }
  });
  return crypto.createHash("sha256").update(`${migrations}|${seedCount}|${code.join(",")}`).digest("hex").slice(0, 12);
}

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** Databases of earlier seeds (another key), which no run will use again. */
async function staleDatabases(key: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^newsgraph_bench_[0-9a-f]{12}_'");
    return rows.map((row) => row.datname).filter((name) => !name.startsWith(`newsgraph_bench_${key}_`));
  } finally {
    await client.end();
  }
}

/**
 * One database per size: 1k is the seed ingested through importSource, each larger one a copy of
 * the one below with more SQL replicas. Reused while the key (migrations, seed size, committed
 * src/) is the same, so a run usually measures without rebuilding; --fresh rebuilds.
 */
async function ensureDatabases(): Promise<Record<string, { name: string; built: boolean; buildMs: number; seed?: unknown }>> {
  const key = seedKey();
  for (const stale of await staleDatabases(key)) {
    log(`dropping ${stale} (an older seed)`);
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${stale}" WITH (FORCE)`);
  }
  const largest = Math.max(...sizeLabels.map((label) => SIZES[label]!));
  const chain = Object.keys(SIZES).filter((label) => SIZES[label]! <= largest);
  const databases: Record<string, { name: string; built: boolean; buildMs: number; seed?: unknown }> = {};
  let rebuild = flag("--fresh");
  let previous: string | undefined;
  let seed: ReplicaState | undefined;
  for (const label of chain) {
    const name = `newsgraph_bench_${key}_${label}`;
    if (!rebuild && (await databaseExists(name))) {
      databases[label] = { name, built: false, buildMs: 0 };
    } else {
      // Everything above a rebuilt size is rebuilt too: it is made from it.
      rebuild = true;
      const started = Date.now();
      if (!previous) {
        log(`${label}: ingesting the ${seedCount} most recent corpus articles through importSource into ${name}`);
        const seeded = await seedDatabase(serverUrl, name, seedCount);
        await adminQuery(databaseUrl(serverUrl, name), "VACUUM ANALYZE");
        databases[label] = { name, built: true, buildMs: Date.now() - started, seed: seeded };
      } else {
        const from = databaseUrl(serverUrl, previous);
        seed ??= await readSeed(databaseUrl(serverUrl, databases["1k"]!.name));
        const have = Math.round((await articleCount(from)).articles / seed.seedArticles) - 1;
        const wanted = Math.max(have, Math.round(SIZES[label]! / seed.seedArticles) - 1);
        log(`${label}: copying ${previous} and adding ${wanted - have} replicas of the seed in SQL`);
        await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${previous}"`);
        await addReplicas(databaseUrl(serverUrl, name), seed, have + 1, wanted);
        databases[label] = { name, built: true, buildMs: Date.now() - started };
      }
    }
    previous = name;
  }
  return databases;
}

// ---------------------------------------------------------------------------------------------
// output

const fmt = (n: number | null | undefined, digits = 0) => (n == null || !Number.isFinite(n) ? "–" : n.toFixed(digits));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const started = Date.now();
  const info = await machine();
  log(`bench: ${info.cpu}, ${info.cores} cores, load ${info.loadAverageAtStart.join(" ")}; PostgreSQL ${info.postgres} at ${new URL(serverUrl).host}`);
  const results: Record<string, any> = { machine: info, settings: { seconds, seedCount, sizes: sizeLabels, connections: CONNECTIONS } };

  // 1. extraction
  if (!flag("--no-extract")) {
    log("extraction: scripts/bench-extract.ts 500 --json");
    try {
      results.extraction = await runJson(process.execPath, ["--import", "tsx", "scripts/bench-extract.ts", "500", "--json"]);
    } catch (error) {
      results.extraction = { notMeasured: String(error).slice(0, 300) };
    }
  }

  // 2. ingest, from the ingest benchmark when it can report JSON
  const ingestScript = fs.readFileSync(path.join(root, "scripts/bench-ingest.ts"), "utf8");
  if (flag("--no-ingest")) results.ingest = { notMeasured: "skipped (--no-ingest)" };
  else if (!ingestScript.includes("--json")) results.ingest = { notMeasured: "scripts/bench-ingest.ts has no --json output yet" };
  else {
    log("ingest: npm run bench:ingest -- --json");
    try {
      results.ingest = await runJson("npm", ["run", "--silent", "bench:ingest", "--", "--json"], { TEST_DATABASE_URL: serverUrl }, 420_000);
    } catch (error) {
      results.ingest = { notMeasured: String(error).slice(0, 300) };
    }
  }

  // 3. the databases: built once (seed ingest, then SQL replicas), kept for later runs
  results.databases = await ensureDatabases();
  if (flag("--prepare")) {
    log(`databases ready: ${Object.values(results.databases as Record<string, { name: string }>).map((d) => d.name).join(", ")}`);
    return;
  }
  const chosen = await pickVariables(databaseUrl(serverUrl, results.databases["1k"].name));
  results.variables = chosen;
  const seedState = await readSeed(databaseUrl(serverUrl, results.databases["1k"].name));
  results.seedArticles = seedState.seedArticles;
  results.seedSpanDays = seedState.spanDays;
  log(`questions: month ${chosen.month.label}, actor ${chosen.actorName}, search "${chosen.searchQuery}"`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  // 4. queries at each size, Newsgraph and the baseline side by side on the same database
  results.sizes = {};
  for (const label of sizeLabels) {
    const url = databaseUrl(serverUrl, results.databases[label].name);
    const counts = await articleCount(url);
    const newsgraph = await startNewsgraph(url, dataDir);
    const baseline = await startBaseline(url);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const size: Record<string, any> = {
      ...counts,
      rssAtRest: { newsgraph: rssOf(newsgraph.pid), baseline: rssOf(baseline.pid) },
      statements: { newsgraph: await newsgraphStatements(url, chosen), baseline: await baselineStatements(baseline.url, chosen) },
      operations: {},
    };
    results.sizes[label] = size;
    log(`${label}: ${counts.articles} articles, ${counts.claims} claims, ${mb(counts.sizeBytes)}; load ${os.loadavg()[0]!.toFixed(2)}`);
    await warmUp([newsgraph.url, baseline.url], chosen);
    let peakRss = 0;
    for (const { name } of OPERATIONS) {
      const answer = await compareAnswers(newsgraph.url, baseline.url, name, chosen);
      const body = requestBody(name, variablesFor(name, chosen));
      const operation: Record<string, any> = { sameJson: answer.sameJson, items: answer.items, errors: answer.errors ?? null };
      if (answer.errors) log(`  ${name}: ERRORS ${JSON.stringify(answer.errors).slice(0, 300)}`);
      if (!answer.sameJson) {
        operation.newsgraphAnswer = answer.newsgraphBody.slice(0, 4000);
        operation.baselineAnswer = answer.baselineBody.slice(0, 4000);
        log(`  ${name}: the two servers answer differently (both answers are in the JSON result)`);
      }
      for (const connections of CONNECTIONS) {
        const ng = await loadWithRss([newsgraph.url], body, answer.newsgraphBody, connections, [newsgraph.pid]);
        const base = await loadWithRss([baseline.url], body, answer.baselineBody, connections, [baseline.pid]);
        peakRss = Math.max(peakRss, ng.peakRssBytes);
        operation[`c${connections}`] = { newsgraph: ng, baseline: base, ratio: ng.requestsPerSecond / base.requestsPerSecond };
        log(
          `  ${name} c${connections}: newsgraph ${fmt(ng.requestsPerSecond)} req/s p99 ${ng.p99} ms, baseline ${fmt(base.requestsPerSecond)} req/s p99 ${base.p99} ms, ratio ${fmt(ng.requestsPerSecond / base.requestsPerSecond, 2)}`,
        );
      }
      size.operations[name] = operation;
    }
    size.newsgraphPeakRssBytes = peakRss;
    size.loadAverage = os.loadavg().map((n) => Number(n.toFixed(2)));

    if (label === sizeLabels.at(-1)) {
      // 5. one vs two API processes at the largest size, 50 connections spread over both
      const second = await startNewsgraph(url, dataDir);
      await warmUp([second.url], chosen);
      results.scaleOut = { size: label, connections: 50, operations: {} as Record<string, any> };
      for (const { name } of OPERATIONS) {
        const body = requestBody(name, variablesFor(name, chosen));
        const expect = (await compareAnswers(newsgraph.url, baseline.url, name, chosen)).newsgraphBody;
        const two = await loadWithRss([newsgraph.url, second.url], body, expect, 50, [newsgraph.pid, second.pid]);
        const one = size.operations[name].c50.newsgraph as LoadResult;
        results.scaleOut.operations[name] = { one, two, speedup: two.requestsPerSecond / one.requestsPerSecond };
        log(`  2 processes ${name}: ${fmt(two.requestsPerSecond)} req/s (1 process: ${fmt(one.requestsPerSecond)})`);
      }
      await stopServer(second);
    }
    await stopServer(newsgraph);
    await stopServer(baseline);
  }

  // 6. npm start, twice on a migrated database: the second is the everyday start
  results.startup = [];
  const startUrl = databaseUrl(serverUrl, results.databases[sizeLabels.at(-1)!].name);
  for (let i = 0; i < 2; i += 1) {
    const server = await startProcess("npm start", "npm", ["start"], SERVER_ENV(startUrl, dataDir), /ready in (\d+) ms/, true);
    results.startup.push({ wallMs: server.readyMs, selfReportedMs: Number(server.url) });
    process.kill(-server.pid, "SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }

  info.loadAverageAtEnd = os.loadavg().map((n) => Number(n.toFixed(2)));
  results.elapsedSeconds = (Date.now() - started) / 1000;
  const table = markdown(results);
  console.log(table);
  results.markdown = table;
  const dir = path.join(root, "bench/results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${info.startedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  log(`written ${path.relative(root, file)} in ${results.elapsedSeconds.toFixed(0)} s`);
}

function markdown(r: Record<string, any>): string {
  const m = r.machine;
  const largest = r.settings.sizes.at(-1);
  const lines: string[] = [];
  lines.push(
    `**Machine:** ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, Node ${m.node}, PostgreSQL ${m.postgres}; load average ${m.loadAverageAtStart.join(" / ")} at start, ${m.loadAverageAtEnd.join(" / ")} at end (1 / 5 / 15 min); ${m.startedAt}; autocannon ${r.settings.seconds} s per run after a 1 s warm-up (each server is warmed up before), in its own process.`,
  );
  lines.push("");
  lines.push("| section | measure | Newsgraph | baseline (pg + hand-written SQL) | Newsgraph / baseline |");
  lines.push("|---|---|---|---|---|");
  const e = r.extraction;
  if (e?.articles) lines.push(`| extraction, one core | ${e.articles} corpus articles, ${fmt(e.megabytes, 1)} MB | ${fmt(e.articlesPerSecond)} articles/s, ${fmt(e.megabytesPerSecond, 2)} MB/s (per CPU second: ${fmt(e.articlesPerCpuSecond)}) | | |`);
  else lines.push(`| extraction | | not measured${e?.notMeasured ? `: ${e.notMeasured}` : ""} | | |`);
  const ingest = r.ingest;
  if (ingest?.notMeasured) lines.push(`| ingest | | not measured: ${ingest.notMeasured} | | |`);
  else if (ingest) lines.push(`| ingest | npm run bench:ingest -- --json | ${ingestSummary(ingest)} | | |`);
  const seeded = r.databases["1k"]?.seed;
  if (seeded) lines.push(`| ingest (this run's 1k seed) | ${seeded.imported} articles through importSource, PostgreSQL, 1 process | ${fmt(seeded.rate, 1)} articles/s | | |`);
  for (const label of r.settings.sizes) {
    const s = r.sizes[label];
    const how = label === "1k" ? "ingested" : "1k + SQL replicas";
    for (const op of OPERATIONS) {
      const o = s.operations[op.name];
      for (const c of r.settings.connections) {
        const x = o[`c${c}`];
        const cell = (l: LoadResult) => `${fmt(l.requestsPerSecond)} req/s, p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.errors + l.non2xx + l.mismatches + l.timeouts} errors`;
        lines.push(
          `| ${label}: ${s.articles} articles (${how}) | ${op.name}, ${c} connections${o.sameJson ? "" : " (answers differ!)"} | ${cell(x.newsgraph)} | ${cell(x.baseline)} | **${fmt(x.ratio, 2)}×** req/s; p99 ${fmt(x.newsgraph.p99 / Math.max(1, x.baseline.p99), 1)}× |`,
        );
      }
    }
  }
  for (const op of OPERATIONS) {
    const per = (who: string) => r.settings.sizes.map((label: string) => `${label}: ${r.sizes[label].statements[who][op.name]}`).join(", ");
    lines.push(`| SQL statements per request | ${op.name} | ${per("newsgraph")} | ${per("baseline")} | |`);
  }
  for (const label of r.settings.sizes) {
    const s = r.sizes[label];
    lines.push(`| server RSS, ${label} | at rest / peak under load | ${mb(s.rssAtRest.newsgraph)} / ${mb(s.newsgraphPeakRssBytes)} | ${mb(s.rssAtRest.baseline)} at rest | |`);
  }
  for (const op of OPERATIONS) {
    const x = r.scaleOut.operations[op.name];
    lines.push(
      `| 2 API processes, ${r.scaleOut.size}, 50 connections over both | ${op.name} | ${fmt(x.two.requestsPerSecond)} req/s, p99 ${x.two.p99} ms (1 process: ${fmt(x.one.requestsPerSecond)} req/s, p99 ${x.one.p99} ms) | | ${fmt(x.speedup, 2)}× of 1 process |`,
    );
  }
  r.startup.forEach((s: { wallMs: number; selfReportedMs: number }, i: number) =>
    lines.push(`| \`npm start\`, ${largest} database, ${i === 0 ? "first in this run" : "second"} | spawn to "ready" | ${fmt(s.wallMs)} ms (the server's own count: ${s.selfReportedMs} ms) | | |`),
  );
  lines.push("");
  const built = Object.entries(r.databases as Record<string, { built: boolean; buildMs: number }>)
    .map(([label, d]) => `${label} ${d.built ? `built in ${fmt(d.buildMs / 1000)} s` : "reused"}`)
    .join(", ");
  lines.push(
    `1k is the ${r.seedArticles} most recent corpus articles ingested through importSource; 10k and 50k are that seed plus copies made in SQL (INSERT … SELECT with shifted dates, new URLs and hashes, copied mentions, claims and events), each copy ${r.seedSpanDays} days further into the past, because ingesting 50k articles would take longer than the whole benchmark. So the month asked for (${r.variables.month.label}) holds the same articles at every size, while the actor (${r.variables.actorName}) and the search term ("${r.variables.searchQuery}") gain matches with every copy. Databases: ${built}. Ratios are the headline: both servers run in the same conditions; absolute figures move with the machine's load.`,
  );
  return lines.join("\n");
}

function ingestSummary(ingest: unknown): string {
  const text = JSON.stringify(ingest);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

try {
  await main();
} finally {
  await cleanup();
}
