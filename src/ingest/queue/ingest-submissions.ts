import type { Database } from "../../db/client.js";
import type { StoredCounts } from "../../db/article.repository.js";
import { ingestBatch } from "../ingest-batch.js";
import type { IngestOutcome, IngestSettings } from "../ingest-article.js";
import type { ArticleSubmission } from "../validate.js";

/** What became of one submission of a batch: stored (or recognised as stored), or refused. */
export type SubmissionResult = { outcome: IngestOutcome; error?: undefined } | { outcome?: undefined; error: Error };

const NOTHING: StoredCounts = { actors: 0, mentions: 0, claims: 0, events: 0 };

/**
 * Ingests a job's submissions through ingestBatch (one transaction per batch, falling back to
 * smaller ones when the database refuses an item), with ingestArticle's outcome per item, in input
 * order. A submission that is invalid, or whose data the database refuses, is reported in its slot
 * and does not fail the job: retrying could not change it. Any other error (database gone) is
 * thrown so that the queue retries the job; whatever was committed before it is recognised as a
 * duplicate on the rerun.
 */
export async function ingestSubmissions(db: Database, submissions: ArticleSubmission[], settings: IngestSettings): Promise<SubmissionResult[]> {
  const outcomes = await ingestBatch(db, submissions, settings);
  return outcomes.map((outcome): SubmissionResult => {
    switch (outcome.status) {
      case "rejected":
        return { error: outcome.error };
      case "duplicate":
        return { outcome: { article: outcome.article, duplicate: true, nearDuplicateOf: null, counts: NOTHING, warnings: [] } };
      case "nearDuplicate":
        return { outcome: { article: outcome.article, duplicate: false, nearDuplicateOf: outcome.nearDuplicateOf, counts: outcome.counts, warnings: outcome.warnings } };
      case "stored":
        return { outcome: { article: outcome.article, duplicate: false, nearDuplicateOf: null, counts: outcome.counts, warnings: outcome.warnings } };
    }
  });
}
