import type { Article } from "@prisma/client";
import type { Database } from "../db/client.js";
import { findExistingArticle, isUniqueViolation, storeArticle, type StoredCounts } from "../db/article.repository.js";
import { extract } from "../extract/index.js";
import { contentHash } from "./normalize.js";
import { validateSubmission, type ArticleSubmission, type SubmissionLimits } from "./validate.js";

export interface IngestOutcome {
  article: Article;
  /** True when the same article (same text, URL or canonical URL) was already stored. */
  duplicate: boolean;
  /** What this call stored; all zero for a duplicate. */
  counts: StoredCounts;
  warnings: string[];
}

const NOTHING: StoredCounts = { actors: 0, mentions: 0, claims: 0, events: 0 };

/**
 * Validates, cleans, deduplicates, extracts and stores one article. Throws InvalidArticleError
 * (and stores nothing) for a bad submission. Idempotent: the same text twice stores it once.
 */
export async function ingestArticle(db: Database, submission: ArticleSubmission, limits: SubmissionLimits): Promise<IngestOutcome> {
  const valid = validateSubmission(submission, limits);
  const hash = contentHash(valid);
  const keys = { contentHash: hash, url: valid.url, canonicalUrl: valid.canonicalUrl };
  const existing = await findExistingArticle(db.prisma, keys);
  if (existing) return { article: existing, duplicate: true, counts: NOTHING, warnings: [] };

  const extraction = extract({ title: valid.title, body: valid.body, publishedAt: valid.publishedAt });
  try {
    const { article, counts } = await storeArticle(
      db.prisma,
      { ...valid, contentHash: hash, language: null },
      extraction,
    );
    return { article, duplicate: false, counts, warnings: extraction.warnings };
  } catch (error) {
    // Another writer stored the same article between our check and our insert.
    if (isUniqueViolation(error)) {
      const winner = await findExistingArticle(db.prisma, keys);
      if (winner) return { article: winner, duplicate: true, counts: NOTHING, warnings: [] };
    }
    throw error;
  }
}
