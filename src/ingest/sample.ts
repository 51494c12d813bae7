import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "../db/client.js";
import { ingestArticle } from "./ingest-article.js";
import type { SubmissionLimits } from "./validate.js";

const sampleFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../samples/articles.jsonl");

interface SampleLine {
  title: string;
  body: string;
  url?: string;
  publishedAt?: string;
  source?: string;
}

/** Loads the bundled fictional sample articles (samples/README.md). Returns how many were stored. */
export async function loadSampleArticles(db: Database, limits: SubmissionLimits): Promise<number> {
  const lines = fs.readFileSync(sampleFile, "utf8").split("\n").filter((line) => line.trim() !== "");
  let stored = 0;
  for (const line of lines) {
    const sample = JSON.parse(line) as SampleLine;
    const outcome = await ingestArticle(
      db,
      { title: sample.title, body: sample.body, url: sample.url, publishedAt: sample.publishedAt, sourceName: sample.source },
      limits,
    );
    if (!outcome.duplicate) stored += 1;
  }
  return stored;
}
