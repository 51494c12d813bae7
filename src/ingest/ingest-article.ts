import type { Article } from "@prisma/client";
import type { StoredCounts } from "../db/article.repository.js";
import type { Database } from "../db/client.js";
import { ingestBatch, type IngestSettings } from "./ingest-batch.js";
import type { ArticleSubmission } from "./validate.js";

export type { IngestSettings } from "./ingest-batch.js";

export interface IngestOutcome {
  article: Article;
  /** True when the same article (same text, URL or canonical URL) was already stored. */
  duplicate: boolean;
  /** Set when the article was stored as a near-duplicate of this earlier article. */
  nearDuplicateOf: number | null;
  /** What this call stored; all zero for a duplicate. */
  counts: StoredCounts;
  warnings: string[];
}

const NOTHING: StoredCounts = { actors: 0, mentions: 0, claims: 0, events: 0 };

/**
 * Validates, cleans, deduplicates, extracts and stores one article: ingestBatch with a batch of
 * one. Throws InvalidArticleError (and stores nothing) for a bad submission, and the database's
 * error when it refuses the article. Idempotent: the same text twice stores it once.
 */
export async function ingestArticle(db: Database, submission: ArticleSubmission, settings: IngestSettings): Promise<IngestOutcome> {
  const [outcome] = await ingestBatch(db, [submission], settings);
  switch (outcome.status) {
    case "rejected":
      throw outcome.error;
    case "duplicate":
      return { article: outcome.article, duplicate: true, nearDuplicateOf: null, counts: NOTHING, warnings: [] };
    case "nearDuplicate":
      return { article: outcome.article, duplicate: false, nearDuplicateOf: outcome.nearDuplicateOf, counts: outcome.counts, warnings: outcome.warnings };
    case "stored":
      return { article: outcome.article, duplicate: false, nearDuplicateOf: null, counts: outcome.counts, warnings: outcome.warnings };
  }
}
