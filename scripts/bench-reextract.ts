/**
 * Re-extraction speed and memory: imports N corpus articles into a fresh embedded database, then
 * times `reextract(all: true)`'s path (reextractAll: 50 articles read per round, one transaction
 * per article) and samples RSS after every round, so that a flat memory profile shows.
 *
 *   npx tsx scripts/bench-reextract.ts                 # 500 articles
 *   npx tsx scripts/bench-reextract.ts --count 2000
 *
 * The temporary database is removed afterwards. Prints articles/s, SQL statements per article,
 * and RSS at the first and last rounds and at its peak.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/db/client.js";
import { importSource } from "../src/ingest/import/index.js";
import { reextractAll } from "../src/ingest/reextract.js";

const args = process.argv.slice(2);
const countIndex = args.indexOf("--count");
const count = countIndex >= 0 ? Number(args[countIndex + 1]) : 500;
if (!Number.isInteger(count) || count < 1) throw new Error("--count must be a positive integer");

const corpus = path.resolve(import.meta.dirname, "../../shared/corpus/wikinews-en-2019-2020.jsonl");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-reextract-"));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

try {
  const db = await openDatabase({ dataDir });
  const imported = await importSource(db, corpus, { settings: { maxBodyBytes: 1_000_000 }, limit: count });
  console.log(`imported ${imported.imported} articles (${imported.nearDuplicates} near-duplicates) from ${path.basename(corpus)}`);

  const rss: number[] = [];
  const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 200);
  db.statements.total = 0;
  const started = performance.now();
  const totals = await reextractAll(db);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  rss.push(process.memoryUsage().rss);

  console.log(`re-extracted ${totals.articles} articles (${totals.skipped} near-duplicates skipped) with ${totals.extractor} in ${seconds.toFixed(1)} s`);
  console.log(`  ${(totals.articles / seconds).toFixed(1)} articles/s, ${(db.statements.total / Math.max(1, totals.articles)).toFixed(1)} SQL statements per article`);
  console.log(`  wrote ${totals.mentions} mentions, ${totals.claims} claims, ${totals.events} events`);
  console.log(`  RSS: ${mb(rss[0])} at the start, ${mb(rss[rss.length - 1])} at the end, ${mb(Math.max(...rss))} at the peak`);
  console.log(`  load average: ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}`);
  await db.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
