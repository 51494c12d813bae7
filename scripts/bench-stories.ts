/**
 * What story grouping costs per ingested article: the same corpus articles are ingested into two
 * fresh embedded databases, once with grouping switched off (NEWSGRAPH_STORIES=0, then grouped
 * afterwards in batches with groupPendingEvents) and once grouping each article as it is stored.
 *
 *   npx tsx scripts/bench-stories.ts              # 300 corpus articles
 *   npx tsx scripts/bench-stories.ts --count 2000
 *
 * Prints ms per article for each run, the in-line grouping overhead, the batch grouping cost,
 * and what was grouped (stories with more than one article, the largest one). Timings on a
 * shared machine move with its load, printed alongside.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../src/db/client.js";
import { groupPendingEvents } from "../src/db/story.repository.js";
import { ingestArticle } from "../src/ingest/ingest-article.js";

const countArg = process.argv.indexOf("--count");
const count = countArg >= 0 ? Number(process.argv[countArg + 1]) : 300;
type CorpusLine = { title: string; body: string; url: string; publishedAt: string; source: string };
const readCorpus = (file: string) =>
  fs
    .readFileSync(path.resolve(import.meta.dirname, "../../shared/corpus", file), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusLine);
// Both corpus files interleaved: wikinews (world news) and White House releases (many on the same days).
const wikinews = readCorpus("wikinews-en-2019-2020.jsonl");
const whitehouse = readCorpus("whitehouse-2021-2026.jsonl");
const corpus = Array.from({ length: Math.max(wikinews.length, whitehouse.length) }, (_, i) => [wikinews[i], whitehouse[i]])
  .flat()
  .filter((line): line is CorpusLine => line !== undefined)
  .slice(0, count);

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-stories-"));
  const db = await openDatabase({ dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function ingestCorpus(db: Database): Promise<{ ms: number; statements: number }> {
  const started = performance.now();
  const before = db.statements.total;
  for (const article of corpus) {
    await ingestArticle(db, { ...article, sourceName: article.source }, { maxBodyBytes: 1_000_000 });
  }
  return { ms: performance.now() - started, statements: db.statements.total - before };
}

async function describeStories(db: Database) {
  const [row] = await db.prisma.$queryRaw<{ mentions: number; events: number; multi: number; largest: number }[]>`
    SELECT (SELECT count(*)::int FROM "EventMention") AS mentions, (SELECT count(*)::int FROM "Event") AS events,
      (SELECT count(*)::int FROM (SELECT "eventId" FROM "EventMention" GROUP BY 1 HAVING count(DISTINCT "articleId") > 1) s) AS multi,
      (SELECT coalesce(max(n), 0)::int FROM (SELECT count(DISTINCT "articleId") AS n FROM "EventMention" GROUP BY "eventId") s) AS largest`;
  return row;
}

const perArticle = (ms: number) => `${(ms / corpus.length).toFixed(2)} ms/article`;

process.env.NEWSGRAPH_STORIES = "0";
const off = await withDatabase(async (db) => {
  const ingest = await ingestCorpus(db);
  const started = performance.now();
  const before = db.statements.total;
  await groupPendingEvents(db.prisma);
  return { ingest, batch: performance.now() - started, batchStatements: db.statements.total - before, stories: await describeStories(db) };
});
delete process.env.NEWSGRAPH_STORIES;
const on = await withDatabase(async (db) => ({ ingest: await ingestCorpus(db), stories: await describeStories(db) }));

const statements = (n: number) => `${(n / corpus.length).toFixed(1)} SQL statements/article`;
console.log(`articles: ${corpus.length} (wikinews and White House releases interleaved; embedded PGlite, one writer)`);
console.log(`ingest without grouping: ${perArticle(off.ingest.ms)}, ${statements(off.ingest.statements)}`);
console.log(`ingest with grouping:    ${perArticle(on.ingest.ms)}, ${statements(on.ingest.statements)}`);
console.log(`  in-line grouping: ${perArticle(on.ingest.ms - off.ingest.ms)}, ${statements(on.ingest.statements - off.ingest.statements)}`);
console.log(`grouping afterwards in batches of 100: ${perArticle(off.batch)}, ${statements(off.batchStatements)}`);
console.log(`mentions ${on.stories.mentions}, events (stories) ${on.stories.events}, stories with >1 article ${on.stories.multi}, largest ${on.stories.largest} articles`);
console.log(`same grouping both ways: ${JSON.stringify(off.stories) === JSON.stringify(on.stories)}`);
console.log(`load average: ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
