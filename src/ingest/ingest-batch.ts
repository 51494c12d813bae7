/**
 * The ingestion path: validate → normalise → deduplicate (exact keys, then MinHash near-duplicates)
 * → extract → store, for many articles at once. ingestArticle, the CLI import, the feed poller and
 * queue jobs all come through here (ingestArticle as a batch of one).
 */
import { publishArticlesStored } from "../db/notifications.js";
import { reportArticle } from "./observe.js";
import type { Article } from "@prisma/client";
import {
  ArticleConflictError,
  articlesWithKeys,
  isRecordLevelError,
  nearDuplicateCandidatesByBand,
  sameArticle,
  storeArticleBatch,
  type BatchArticle,
} from "../db/article-batch.repository.js";
import type { ArticleKeys, StoredCounts } from "../db/article.repository.js";
import { isUniqueViolation } from "../db/article.repository.js";
import type { Database } from "../db/client.js";
import { detectLanguage, EXTRACTOR, extract } from "../extract/index.js";
import type { ExtractionResult } from "../extract/types.js";
import { bandHashes, DEFAULT_NEAR_DUPLICATE_THRESHOLD, minhashSignature, similarity } from "./near-duplicate.js";
import { contentHash } from "./normalize.js";
import { InvalidArticleError, validateSubmission, type ArticleSubmission, type SubmissionLimits } from "./validate.js";

export interface IngestSettings extends SubmissionLimits {
  /** Estimated Jaccard similarity from which an article is stored as a near-duplicate (0..1]. */
  nearDuplicateThreshold?: number;
}

const OBSERVED = { stored: "stored", nearDuplicate: "near_duplicate", duplicate: "duplicate", rejected: "rejected" } as const;

/** At most this many stored articles sharing an LSH band are compared with a new one. */
const MAX_CANDIDATES = 50;

/** What happened to one submission of a batch. Outcomes come back in input order. */
export type IngestItemOutcome =
  /** Stored as a new original, with what was extracted from it. */
  | { status: "stored"; article: Article; counts: StoredCounts; warnings: string[] }
  /** Stored as a near-duplicate of `nearDuplicateOf` (extraction skipped). */
  | { status: "nearDuplicate"; article: Article; nearDuplicateOf: number; similarity: number; counts: StoredCounts; warnings: string[] }
  /** Not stored: the same article (text, URL or canonical URL) is `article`, stored before or earlier in the batch. */
  | { status: "duplicate"; article: Article; duplicateOf: number }
  /**
   * Not stored: `field` is unusable (an InvalidArticleError), or the database refused the article's
   * data (`field` "article"). `error` is the original error.
   */
  | { status: "rejected"; field: string; reason: string; error: Error };

interface Prepared {
  index: number;
  submission: ArticleSubmission;
  title: string;
  body: string;
  keys: ArticleKeys;
  rest: { publishedAt: Date | null; sourceName: string | null; summary: string | null };
  signature?: { minhash: number[]; bands: number[] };
  /** Cached across retries: extraction is the expensive step. */
  extraction?: ExtractionResult;
  language?: string | null;
}

function signatureOf(item: Prepared): { minhash: number[]; bands: number[] } {
  if (!item.signature) {
    const minhash = minhashSignature(item.body) ?? [];
    item.signature = { minhash, bands: minhash.length ? bandHashes(minhash) : [] };
  }
  return item.signature;
}

/**
 * Ingests many articles: each submission is validated and cleaned, checked against the database
 * and the earlier submissions of the batch (exact keys in one statement; near-duplicates by MinHash
 * LSH), extracted, and the new ones are stored with their facts in one transaction. Returns one
 * outcome per submission, in input order; a bad submission is `rejected` and never blocks the rest.
 *
 * Safe with concurrent writers (several workers with overlapping input): each article is stored
 * once, the others get `duplicate`. When the batch transaction fails, the batch is split and
 * retried in halves down to single articles, so one article the database refuses is `rejected`
 * alone. Throws only for errors that are not about one article (database unreachable).
 */
export async function ingestBatch(db: Database, submissions: ArticleSubmission[], settings: IngestSettings): Promise<IngestItemOutcome[]> {
  const outcomes: IngestItemOutcome[] = new Array(submissions.length);
  const prepared: Prepared[] = [];
  submissions.forEach((submission, index) => {
    try {
      const valid = validateSubmission(submission, settings);
      prepared.push({
        index,
        submission,
        title: valid.title,
        body: valid.body,
        keys: { contentHash: contentHash(valid), url: valid.url, canonicalUrl: valid.canonicalUrl },
        rest: { publishedAt: valid.publishedAt, sourceName: valid.sourceName, summary: valid.summary },
      });
    } catch (error) {
      if (!(error instanceof InvalidArticleError)) throw error;
      outcomes[index] = { status: "rejected", field: error.field, reason: error.message, error };
    }
  });
  await ingestGroup(db, prepared, settings, outcomes, 0);
  for (const outcome of outcomes) reportArticle(OBSERVED[outcome.status]);
  // After commit, so that every listener (in any process) can read what it is told about.
  const storedIds = outcomes.flatMap((outcome) => (outcome.status === "stored" || outcome.status === "nearDuplicate" ? [outcome.article.id] : []));
  if (storedIds.length) await publishArticlesStored(db, storedIds);
  return outcomes;
}

async function ingestGroup(db: Database, group: Prepared[], settings: IngestSettings, outcomes: IngestItemOutcome[], retries: number): Promise<void> {
  if (group.length === 0) return;
  try {
    await ingestOnce(db, group, settings, outcomes);
  } catch (error) {
    const raced = error instanceof ArticleConflictError || isUniqueViolation(error);
    if (group.length > 1) {
      const half = Math.ceil(group.length / 2);
      await ingestGroup(db, group.slice(0, half), settings, outcomes, 0);
      await ingestGroup(db, group.slice(half), settings, outcomes, 0);
      return;
    }
    // One article: a race is retried (it then finds the stored copy); refused data is that
    // article's problem; anything else (connection lost, …) stops the caller.
    if (raced && retries < 2) return ingestGroup(db, group, settings, outcomes, retries + 1);
    if (isRecordLevelError(error)) {
      const message = error instanceof Error ? (error.message.split("\n").filter(Boolean).pop() ?? error.message) : String(error);
      outcomes[group[0].index] = { status: "rejected", field: "article", reason: `rejected by the database: ${message}`, error: error as Error };
      return;
    }
    throw error;
  }
}

type Plan =
  | { kind: "stored-duplicate"; id: number }
  | { kind: "batch-duplicate"; of: Prepared }
  | { kind: "new"; position: number };

async function ingestOnce(db: Database, group: Prepared[], settings: IngestSettings, outcomes: IngestItemOutcome[]): Promise<void> {
  const threshold = settings.nearDuplicateThreshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  const stored = await articlesWithKeys(db.prisma, group.map((item) => item.keys));

  // Exact duplicates: of a stored article, or of an earlier submission of this batch.
  const plans = new Map<Prepared, Plan>();
  const fresh: Prepared[] = [];
  for (const item of group) {
    const match = stored.find((row) => sameArticle(row, item.keys));
    if (match) {
      plans.set(item, { kind: "stored-duplicate", id: match.id });
      continue;
    }
    const earlier = fresh.find((other) => sameArticle(other.keys, item.keys));
    if (earlier) {
      plans.set(item, { kind: "batch-duplicate", of: earlier });
      continue;
    }
    plans.set(item, { kind: "new", position: fresh.length });
    fresh.push(item);
  }

  // Near-duplicates: against stored originals sharing a band (one lookup for the batch), then
  // against the earlier originals of this batch, so that the order of arrival decides as it
  // would one by one.
  const candidatesByBand = await nearDuplicateCandidatesByBand(
    db.prisma,
    fresh.flatMap((item) => signatureOf(item).bands),
  );
  const batchOriginalsByBand = new Map<number, number[]>();
  const batch: BatchArticle[] = [];
  const nearest: ({ id: number | null; position: number | null; score: number } | null)[] = [];
  for (const item of fresh) {
    const { minhash, bands } = signatureOf(item);
    let best: { id: number | null; position: number | null; score: number } | null = null;
    const storedCandidates = new Map<number, number[]>();
    for (const band of bands) for (const candidate of candidatesByBand.get(band) ?? []) storedCandidates.set(candidate.id, candidate.minhash);
    for (const id of [...storedCandidates.keys()].sort((a, b) => a - b).slice(0, MAX_CANDIDATES)) {
      const score = similarity(minhash, storedCandidates.get(id)!);
      if (score >= threshold && (!best || score > best.score)) best = { id, position: null, score };
    }
    const batchCandidates = [...new Set(bands.flatMap((band) => batchOriginalsByBand.get(band) ?? []))].sort((a, b) => a - b);
    for (const position of batchCandidates) {
      const score = similarity(minhash, signatureOf(fresh[position]).minhash);
      if (score >= threshold && (!best || score > best.score)) best = { id: null, position, score };
    }
    const position = batch.length;
    nearest.push(best);
    if (!best) for (const band of bands) batchOriginalsByBand.set(band, [...(batchOriginalsByBand.get(band) ?? []), position]);

    // A near-duplicate is kept (it is another source saying the same), but its facts are the
    // original's: extracting them again would count every claim twice.
    const original = best ? (best.id ?? `in this batch`) : null;
    const extraction: ExtractionResult = best
      ? {
          extractor: { ...EXTRACTOR },
          actors: [],
          mentions: [],
          claims: [],
          events: [],
          warnings: [`near-duplicate of article ${original} (similarity ${best.score.toFixed(2)}): extraction skipped`],
        }
      : (item.extraction ??= extract({ title: item.title, body: item.body, publishedAt: item.rest.publishedAt }));
    item.language ??= detectLanguage(`${item.title}\n\n${item.body}`);
    batch.push({
      article: {
        title: item.title,
        body: item.body,
        url: item.keys.url,
        canonicalUrl: item.keys.canonicalUrl,
        ...item.rest,
        language: item.language,
        contentHash: item.keys.contentHash,
        minhash,
        bands,
        duplicateOfId: best?.id ?? null,
        duplicateSimilarity: best?.score ?? null,
      },
      duplicateOfIndex: best?.position ?? null,
      extraction,
    });
  }

  const results = await storeArticleBatch(db.prisma, batch);
  // Committed from here on: notifications about the stored articles (subscriptions) belong here.
  // Near-duplicates of an article of this batch learn its id only now: fix their note.
  results.forEach((result, position) => {
    const best = nearest[position];
    if (result.status === "stored" && best && best.position !== null) {
      const warnings = batch[position].extraction.warnings;
      warnings[0] = warnings[0].replace("article in this batch", `article ${result.article.duplicateOfId}`);
    }
  });

  const duplicateIds = [...new Set([...plans.values()].flatMap((plan) => (plan.kind === "stored-duplicate" ? [plan.id] : [])))];
  const duplicates = duplicateIds.length ? await db.prisma.article.findMany({ where: { id: { in: duplicateIds } } }) : [];
  const duplicateById = new Map(duplicates.map((article) => [article.id, article]));

  const outcomeOfNew = (position: number): IngestItemOutcome => {
    const result = results[position];
    if (result.status === "exists") return { status: "duplicate", article: result.article, duplicateOf: result.article.id };
    const { article, counts } = result;
    const warnings = batch[position].extraction.warnings;
    if (article.duplicateOfId !== null && nearest[position]) {
      return { status: "nearDuplicate", article, nearDuplicateOf: article.duplicateOfId, similarity: nearest[position]!.score, counts, warnings };
    }
    return { status: "stored", article, counts, warnings };
  };
  for (const item of group) {
    const plan = plans.get(item)!;
    if (plan.kind === "stored-duplicate") {
      const article = duplicateById.get(plan.id);
      // Deleted between the two lookups: it is gone, so this one is not a duplicate any more.
      if (!article) throw new ArticleConflictError();
      outcomes[item.index] = { status: "duplicate", article, duplicateOf: article.id };
    } else if (plan.kind === "new") {
      outcomes[item.index] = outcomeOfNew(plan.position);
    }
  }
  for (const item of group) {
    const plan = plans.get(item)!;
    if (plan.kind !== "batch-duplicate") continue;
    const first = outcomes[plan.of.index];
    if (first.status === "rejected") throw new Error("unreachable: a stored batch article was rejected");
    outcomes[item.index] = { status: "duplicate", article: first.article, duplicateOf: first.article.id };
  }
}
