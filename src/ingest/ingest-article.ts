import type { Article } from "@prisma/client";
import type { Database } from "../db/client.js";
import { findExistingArticle, isUniqueViolation, nearDuplicateCandidates, storeArticle, type StoredCounts } from "../db/article.repository.js";
import { detectLanguage, EXTRACTOR, extract } from "../extract/index.js";
import type { ExtractionResult } from "../extract/types.js";
import { publishArticlesStored } from "../db/notifications.js";
import { bandHashes, DEFAULT_NEAR_DUPLICATE_THRESHOLD, minhashSignature, similarity } from "./near-duplicate.js";
import { contentHash } from "./normalize.js";
import { validateSubmission, type ArticleSubmission, type SubmissionLimits } from "./validate.js";

export interface IngestSettings extends SubmissionLimits {
  /** Estimated Jaccard similarity from which an article is stored as a near-duplicate (0..1]. */
  nearDuplicateThreshold?: number;
}

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
 * Validates, cleans, deduplicates, extracts and stores one article. Throws InvalidArticleError
 * (and stores nothing) for a bad submission. Idempotent: the same text twice stores it once.
 */
export async function ingestArticle(db: Database, submission: ArticleSubmission, settings: IngestSettings): Promise<IngestOutcome> {
  const valid = validateSubmission(submission, settings);
  const hash = contentHash(valid);
  const keys = { contentHash: hash, url: valid.url, canonicalUrl: valid.canonicalUrl };
  const existing = await findExistingArticle(db.prisma, keys);
  if (existing) return { article: existing, duplicate: true, nearDuplicateOf: null, counts: NOTHING, warnings: [] };

  const minhash = minhashSignature(valid.body) ?? [];
  const bands = minhash.length ? bandHashes(minhash) : [];
  const threshold = settings.nearDuplicateThreshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  let nearest: { id: number; score: number } | null = null;
  for (const candidate of await nearDuplicateCandidates(db.prisma, bands)) {
    const score = similarity(minhash, candidate.minhash);
    if (score >= threshold && (!nearest || score > nearest.score)) nearest = { id: candidate.id, score };
  }

  // A near-duplicate is kept (it is another source saying the same), but its facts are the
  // original's: extracting them again would count every claim twice.
  const extraction: ExtractionResult = nearest
    ? {
        extractor: { ...EXTRACTOR },
        actors: [],
        mentions: [],
        claims: [],
        events: [],
        warnings: [`near-duplicate of article ${nearest.id} (similarity ${nearest.score.toFixed(2)}): extraction skipped`],
      }
    : extract({ title: valid.title, body: valid.body, publishedAt: valid.publishedAt });
  try {
    const { article, counts } = await storeArticle(
      db.prisma,
      {
        ...valid,
        contentHash: hash,
        language: detectLanguage(`${valid.title}\n\n${valid.body}`),
        minhash,
        bands,
        duplicateOfId: nearest?.id ?? null,
        duplicateSimilarity: nearest?.score ?? null,
      },
      extraction,
    );
    await publishArticlesStored(db, [article.id]); // after commit, so that every listener can read what it is told about
    return { article, duplicate: false, nearDuplicateOf: nearest?.id ?? null, counts, warnings: extraction.warnings };
  } catch (error) {
    // Another writer stored the same article between our check and our insert.
    if (isUniqueViolation(error)) {
      const winner = await findExistingArticle(db.prisma, keys);
      if (winner) return { article: winner, duplicate: true, nearDuplicateOf: null, counts: NOTHING, warnings: [] };
    }
    throw error;
  }
}
