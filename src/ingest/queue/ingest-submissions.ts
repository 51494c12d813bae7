import type { Database } from "../../db/client.js";
import { ingestArticle, type IngestOutcome, type IngestSettings } from "../ingest-article.js";
import { InvalidArticleError, type ArticleSubmission } from "../validate.js";

/** What became of one submission of a batch: stored (or recognised as stored), or refused. */
export type SubmissionResult = { outcome: IngestOutcome; error?: undefined } | { outcome?: undefined; error: InvalidArticleError };

/**
 * Ingests submissions one after the other, in input order, with the same outcome per item as
 * ingestArticle. An invalid submission is reported in its slot and does not stop the batch; any
 * other error (database gone, a lost race the caller should retry) is thrown, and what was stored
 * before it stays stored: running the batch again recognises those articles as duplicates.
 *
 * The job handler calls this rather than ingestArticle so that a batched storage path
 * (`ingestBatch`) can replace the loop without touching the queue.
 */
export async function ingestSubmissions(db: Database, submissions: ArticleSubmission[], settings: IngestSettings): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = [];
  for (const submission of submissions) {
    try {
      results.push({ outcome: await ingestArticle(db, submission, settings) });
    } catch (error) {
      if (!(error instanceof InvalidArticleError)) throw error;
      results.push({ error });
    }
  }
  return results;
}
