/**
 * Ingestion speed: articles from ../shared/corpus/ imported through importSource (validation,
 * deduplication, extraction, storage) into a fresh database, as `newsgraph import` does.
 *
 *   npx tsx scripts/bench-ingest.ts                      # 1,000 articles, embedded PGlite
 *   npx tsx scripts/bench-ingest.ts --10k                # 10,000 articles
 *   npx tsx scripts/bench-ingest.ts --count 2500         # any number
 *   npx tsx scripts/bench-ingest.ts --postgres URL       # also into PostgreSQL (or set TEST_DATABASE_URL)
 *   npx tsx scripts/bench-ingest.ts --no-embedded --postgres URL
 *
 * The input is a temporary JSONL file: the two corpus files shuffled together (fixed seed). Past
 * the 6,810 corpus articles it cycles the corpus with a new id and url, a " (copy N)" title and a
 * date moved by N days; those copies keep their body, so ingestArticle stores them as
 * near-duplicates (no extraction): the summary shows how many.
 *
 * Each database is created for the run and removed afterwards (a temporary PGlite directory; a
 * PostgreSQL database created on the given server and dropped WITH (FORCE)), also on Ctrl-C.
 * Migrations are applied before the clock starts. A second, timed run over the same file measures
 * resuming (everything is a duplicate). Prints articles/s, peak RSS and database size.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/client.js";
import { importSource, type ImportSummary } from "../src/ingest/import/index.js";

const args = process.argv.slice(2);
const valueOf = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const count = args.includes("--10k") ? 10_000 : Number(valueOf("--count") ?? 1_000);
const postgresUrl = valueOf("--postgres") ?? process.env.TEST_DATABASE_URL;
const embedded = !args.includes("--no-embedded");
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer`);

const SETTINGS = { maxBodyBytes: 1_000_000 };
const cleanups: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error("cleanup:", error instanceof Error ? error.message : error);
      }
    }
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
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

function writeInput(file: string): { bytes: number; copies: number } {
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
  const out = fs.openSync(file, "w");
  let copies = 0;
  try {
    for (let n = 0; n < count; n += 1) {
      const base = corpus[n % corpus.length]!;
      const cycle = Math.floor(n / corpus.length);
      let article = base;
      if (cycle > 0) {
        copies += 1;
        const date = new Date(base.publishedAt);
        date.setUTCDate(date.getUTCDate() + cycle * 7 + (n % 5));
        const url = new URL(base.url);
        url.searchParams.set("copy", String(cycle));
        article = { ...base, id: `${base.id}#copy${cycle}`, url: url.href, title: `${base.title} (copy ${cycle})`, publishedAt: date.toISOString() };
      }
      fs.writeSync(out, `${JSON.stringify(article)}\n`);
    }
  } finally {
    fs.closeSync(out);
  }
  return { bytes: fs.statSync(file).size, copies };
}

// ---------------------------------------------------------------------------------------------
// measurement

let peakRss = 0;
const sampleRss = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : fs.statSync(full).size;
  }
  return total;
}

interface Result {
  mode: string;
  first: ImportSummary;
  second: ImportSummary;
  peakRss: number;
  size: number;
  /** SQL statements per imported article in the first run. */
  statementsPerArticle: number;
  rows: { articles: number; mentions: number; claims: number; events: number; actors: number };
}

async function timedImport(db: Database, input: string, label: string): Promise<ImportSummary> {
  let lastLine = Date.now();
  const summary = await importSource(db, input, { settings: SETTINGS }, (progress) => {
    if (progress.processed % 10 === 0) sampleRss();
    if (Date.now() - lastLine >= 5_000) {
      lastLine = Date.now();
      const eta = progress.etaMs === null ? "" : `, ETA ${Math.round(progress.etaMs / 1000)}s`;
      console.error(`  ${label}: ${progress.processed}/${progress.total} (${progress.rate.toFixed(1)}/s${eta})`);
    }
  });
  sampleRss();
  return summary;
}

async function rowCounts(db: Database): Promise<Result["rows"]> {
  const [articles, mentions, claims, events, actors] = await Promise.all([
    db.prisma.article.count(),
    db.prisma.mention.count(),
    db.prisma.claim.count(),
    db.prisma.event.count(),
    db.prisma.actor.count(),
  ]);
  return { articles, mentions, claims, events, actors };
}

async function benchEmbedded(input: string): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-"));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const db = await openDatabase({ dataDir });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await db.close();
  });
  peakRss = 0;
  sampleRss();
  db.statements.total = 0;
  const first = await timedImport(db, input, "embedded");
  const statementsPerArticle = db.statements.total / Math.max(1, first.imported + first.nearDuplicates);
  const second = await timedImport(db, input, "embedded, again");
  const rows = await rowCounts(db);
  await db.close();
  closed = true;
  return { mode: "embedded (PGlite)", first, second, peakRss, size: directorySize(dataDir), statementsPerArticle, rows };
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

async function benchPostgres(serverUrl: string, input: string): Promise<Result> {
  const name = `newsgraph_bench_${process.pid}_${Date.now().toString(36)}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  cleanups.push(() => admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.href, dataDir: os.tmpdir() });
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await db.close();
  });
  peakRss = 0;
  sampleRss();
  db.statements.total = 0;
  const first = await timedImport(db, input, "postgres");
  const statementsPerArticle = db.statements.total / Math.max(1, first.imported + first.nearDuplicates);
  const second = await timedImport(db, input, "postgres, again");
  const rows = await rowCounts(db);
  const [{ size }] = await db.prisma.$queryRaw<{ size: bigint }[]>`SELECT pg_database_size(current_database()) AS size`;
  await db.close();
  closed = true;
  return { mode: "PostgreSQL", first, second, peakRss, size: Number(size), statementsPerArticle, rows };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-input-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const input = path.join(dir, "articles.jsonl");
  const { bytes, copies } = writeInput(input);
  console.log(`== ingestion through importSource: ${count} articles (${mb(bytes)} of JSONL; ${copies} cycled copies), node ${process.version}, ${os.cpus().length} cores`);

  const results: Result[] = [];
  if (embedded) results.push(await benchEmbedded(input));
  if (postgresUrl) results.push(await benchPostgres(postgresUrl, input));

  console.log(`\n| database | articles/s | imported | near-duplicates | duplicates | bad | elapsed | re-run (all duplicates) | SQL statements per article | peak RSS | database size | rows: articles / mentions / claims / events / actors |`);
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    console.log(
      `| ${r.mode} | ${r.first.rate.toFixed(1)} | ${r.first.imported} | ${r.first.nearDuplicates} | ${r.first.duplicates} | ${r.first.bad} | ${(r.first.elapsedMs / 1000).toFixed(1)} s | ${(r.second.elapsedMs / 1000).toFixed(1)} s (${r.second.rate.toFixed(0)}/s, ${r.second.duplicates} duplicates) | ${r.statementsPerArticle.toFixed(0)} | ${mb(r.peakRss)} | ${mb(r.size)} | ${r.rows.articles} / ${r.rows.mentions} / ${r.rows.claims} / ${r.rows.events} / ${r.rows.actors} |`,
    );
  }
  console.log(
    `\npeak RSS: this process (import loop, extractor, and for PGlite the WASM database), sampled every 10 articles. Memory is not returned to the system between modes: run with --no-embedded for PostgreSQL's own figure.`,
  );
}

try {
  await main();
} finally {
  await cleanup();
}
