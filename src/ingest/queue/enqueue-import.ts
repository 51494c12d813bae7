import { randomUUID } from "node:crypto";
import { formatLocation } from "../import/import-source.js";
import { planImport } from "../import/sources.js";
import type { ImportProblem, RecordLocation } from "../import/types.js";
import type { FetchOptions } from "../fetch/index.js";
import { InvalidArticleError, validateSubmission, type ArticleSubmission, type SubmissionLimits } from "../validate.js";
import type { JobQueue } from "./job-queue.js";

export interface EnqueueImportOptions {
  /** Checked before enqueuing, so that a bad record is reported here with its line number. */
  limits: SubmissionLimits;
  fetch?: FetchOptions;
  defaultSourceName?: string;
  /** Articles per ingest-batch job. */
  batchSize: number;
  /** Stop after this many records. */
  limit?: number;
  signal?: AbortSignal;
  onProblem?: (problem: ImportProblem) => void;
  /** Called after each job is enqueued with the number of articles enqueued so far. */
  onEnqueued?: (articles: number) => void;
}

export interface EnqueueImportSummary {
  input: string;
  /** Tags every job of this run (in the jobs' data). */
  importId: string;
  sources: string[];
  /** Articles put in jobs. */
  enqueued: number;
  jobIds: string[];
  bad: number;
  badByReason: Record<string, number>;
  skipped: number;
  skippedByReason: Record<string, number>;
  warnings: string[];
  interrupted: boolean;
}

/**
 * Reads an import input like `importSource` does and enqueues its articles as ingest-batch jobs
 * instead of storing them, for workers to ingest. Bad and skipped records are counted here.
 * Nothing is looked up in the articles: the jobs are idempotent, so an input enqueued twice is
 * stored once.
 */
export async function enqueueImport(queue: JobQueue, input: string, options: EnqueueImportOptions): Promise<EnqueueImportSummary> {
  const plan = await planImport(input, { fetch: options.fetch, defaultSourceName: options.defaultSourceName });
  const summary: EnqueueImportSummary = {
    input,
    importId: randomUUID(),
    sources: plan.sources.map((source) => source.name),
    enqueued: 0,
    jobIds: [],
    bad: 0,
    badByReason: {},
    skipped: 0,
    skippedByReason: {},
    warnings: plan.warnings,
    interrupted: false,
  };
  const limit = options.limit ?? Infinity;
  let batch: ArticleSubmission[] = [];
  let origin: RecordLocation | null = null;

  const flush = async () => {
    if (batch.length === 0) return;
    const id = await queue.sendIngestBatch({ submissions: batch, importId: summary.importId, origin: origin ? formatLocation(origin) : undefined });
    summary.jobIds.push(id);
    summary.enqueued += batch.length;
    batch = [];
    origin = null;
    options.onEnqueued?.(summary.enqueued);
  };
  const problem = (kind: "bad" | "skipped", at: RecordLocation, reason: string, category: string) => {
    const counts = kind === "bad" ? summary.badByReason : summary.skippedByReason;
    if (kind === "bad") summary.bad += 1;
    else summary.skipped += 1;
    counts[category] = (counts[category] ?? 0) + 1;
    options.onProblem?.({ kind, at, reason, category });
  };

  let read = 0;
  outer: for (const source of plan.sources) {
    for await (const record of source.records()) {
      if (read >= limit || options.signal?.aborted) {
        summary.interrupted = true;
        break outer;
      }
      read += 1;
      if (record.kind !== "article") {
        problem(record.kind, record.at, record.reason, record.category);
        continue;
      }
      try {
        validateSubmission(record.submission, options.limits);
      } catch (error) {
        if (!(error instanceof InvalidArticleError)) throw error;
        problem("bad", record.at, `invalid ${error.field}: ${error.message}`, `invalid ${error.field}`);
        continue;
      }
      origin ??= record.at;
      batch.push(record.submission);
      if (batch.length >= options.batchSize) await flush();
    }
  }
  await flush();
  return summary;
}
