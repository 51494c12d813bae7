/**
 * What story grouping costs per ingested article: the same corpus articles are ingested into two
 * fresh embedded databases, once with grouping switched off (NEWSGRAPH_STORIES=0, then grouped
 * afterwards in batches with groupPendingEvents) and once grouping each article as it is stored.
 *
 *   npx tsx scripts/bench-stories.ts              # 500 wikinews articles
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
const count = countArg >= 0 ? Number(process.argv[countArg + 1]) : 500;
const corpus = fs
  .readFileSync(path.resolve(import.meta.dirname, "../../shared/corpus/wikinews-en-2019-2020.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .slice(0, count)
  .map((line) => JSON.parse(line) as { title: string; body: string; url: string; publishedAt: string; source: string });

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

async function ingestCorpus(db: Database): Promise<number> {
  const started = performance.now();
  for (const article of corpus) {
    await ingestArticle(db, { ...article, sourceName: article.source }, { maxBodyBytes: 1_000_000 });
  }
  return performance.now() - started;
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
  await groupPendingEvents(db.prisma);
  return { ingest, batch: performance.now() - started, stories: await describeStories(db) };
});
delete process.env.NEWSGRAPH_STORIES;
const on = await withDatabase(async (db) => ({ ingest: await ingestCorpus(db), stories: await describeStories(db) }));

console.log(`articles: ${corpus.length} (wikinews, embedded PGlite, one writer)`);
console.log(`ingest without grouping: ${perArticle(off.ingest)}`);
console.log(`ingest with grouping:    ${perArticle(on.ingest)}  (in-line grouping: ${perArticle(on.ingest - off.ingest)})`);
console.log(`grouping afterwards in batches of 100: ${perArticle(off.batch)}`);
console.log(`mentions ${on.stories.mentions}, events (stories) ${on.stories.events}, stories with >1 article ${on.stories.multi}, largest ${on.stories.largest} articles`);
console.log(`same grouping both ways: ${JSON.stringify(off.stories) === JSON.stringify(on.stories)}`);
console.log(`load average: ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} on ${os.cpus().length} cores`);
