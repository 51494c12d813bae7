import type { ArticleSubmission } from "../validate.js";

/** Queue names: one queue per job type. */
export const INGEST_BATCH = "ingest-batch";
export const POLL_SOURCE = "poll-source";
export const JOB_TYPES = [INGEST_BATCH, POLL_SOURCE] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** A batch of article submissions, as `newsgraph import --queue` reads them (JSON: dates are strings). */
export interface IngestBatchJob {
  submissions: ArticleSubmission[];
  /** Groups the batches of one import run, so that `import --wait` can follow them. */
  importId?: string;
  /** Where the first submission came from (file:line), for the worker's log line. */
  origin?: string;
}

/** What an ingest-batch job stored; pg-boss keeps it as the job's output. */
export interface IngestBatchResult {
  processed: number;
  imported: number;
  nearDuplicates: number;
  duplicates: number;
  bad: number;
  claims: number;
  events: number;
  mentions: number;
}

/** Poll one feed source now. Its singleton key keeps two polls of one source from overlapping. */
export interface PollSourceJob {
  sourceId: number;
}

export function pollSingletonKey(sourceId: number): string {
  return `source:${sourceId}`;
}
