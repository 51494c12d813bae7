/**
 * Bulk import: reads an input (file, directory, feed, URL) and ingests its articles with
 * ingestBatch, in batches (100 records by default) in input order. Resumable: what is already
 * stored (same text, URL or canonical URL) is recognised by one lookup per batch before any
 * extraction and counted as a duplicate, so a second run over the same input stores nothing and is
 * fast.
 *
 * The loop is independent of how it is driven: the CLI prints its progress, and a queue worker can
 * call it the same way.
 */
import type { Database } from "../../db/client.js";
import { ingestBatch } from "../ingest-batch.js";
import { InvalidArticleError } from "../validate.js";
import { planImport } from "./sources.js";
import type { ImportInput, ImportOptions, ImportProblem, ImportProgress, ImportSummary, RecordLocation, SourceRecord } from "./types.js";

const MAX_KEPT_PROBLEMS = 1_000;
const DEFAULT_BATCH_SIZE = 100;

/** The run stopped on an error that is not about one record (database gone, file unreadable). */
export class ImportAbortedError extends Error {
  constructor(
    message: string,
    /** What was done before the error. */
    readonly summary: ImportSummary,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ImportAbortedError";
  }
}

export function formatLocation(at: RecordLocation): string {
  if (at.line !== undefined) return `${at.source}:${at.line}`;
  if (at.item !== undefined) return `${at.source} item ${at.item}${at.ref ? ` (${at.ref})` : ""}`;
  return at.source;
}

/**
 * Imports every record of `input` into `db`. Calls `onProgress` after every record. Returns the
 * summary; throws ImportInputError when the input cannot be opened at all, ImportAbortedError
 * (with the summary so far) when the run stops on a database or read error.
 */
export async function importSource(
  db: Database,
  input: ImportInput,
  options: ImportOptions,
  onProgress?: (progress: ImportProgress) => void,
): Promise<ImportSummary> {
  const startedAt = performance.now();
  const plan = await planImport(input, { fetch: options.fetch, defaultSourceName: options.defaultSourceName });
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const limit = options.limit ?? Infinity;
  const counted = plan.sources.reduce((sum, source) => sum + source.total, 0);

  const summary: ImportSummary = {
    input,
    sources: plan.sources.map((source) => source.name),
    ignoredFiles: plan.ignoredFiles,
    processed: 0,
    total: Math.min(counted, limit),
    imported: 0,
    nearDuplicates: 0,
    duplicates: 0,
    skipped: 0,
    skippedByReason: {},
    bad: 0,
    badByReason: {},
    problems: [],
    extracted: { actors: 0, mentions: 0, claims: 0, events: 0 },
    warnings: plan.warnings,
    elapsedMs: 0,
    rate: 0,
    interrupted: false,
  };
  let current = plan.sources[0]?.name ?? input;

  const tick = () => {
    summary.elapsedMs = performance.now() - startedAt;
    summary.rate = summary.elapsedMs > 0 ? (summary.processed * 1000) / summary.elapsedMs : 0;
  };
  const report = () => {
    summary.processed += 1;
    tick();
    if (!onProgress) return;
    const remaining = summary.total === null ? null : Math.max(0, summary.total - summary.processed);
    onProgress({
      processed: summary.processed,
      total: summary.total,
      imported: summary.imported,
      nearDuplicates: summary.nearDuplicates,
      duplicates: summary.duplicates,
      skipped: summary.skipped,
      bad: summary.bad,
      elapsedMs: summary.elapsedMs,
      rate: summary.rate,
      etaMs: remaining === null || summary.rate === 0 ? null : (remaining / summary.rate) * 1000,
      current,
    });
  };
  const problem = (kind: "bad" | "skipped", at: RecordLocation, reason: string, category: string) => {
    const found: ImportProblem = { kind, at, reason, category };
    if (kind === "bad") {
      summary.bad += 1;
      summary.badByReason[category] = (summary.badByReason[category] ?? 0) + 1;
    } else {
      summary.skipped += 1;
      summary.skippedByReason[category] = (summary.skippedByReason[category] ?? 0) + 1;
    }
    if (summary.problems.length < MAX_KEPT_PROBLEMS) summary.problems.push(found);
    options.onProblem?.(found);
    report();
  };
  const stopRequested = () => options.signal?.aborted === true;

  /**
   * Handles a batch of records in input order: its articles go through ingestBatch together (one
   * lookup of what is stored, extraction of the new ones, one transaction), then every record is
   * counted. False when stopped by the signal before the batch started.
   */
  const flush = async (batch: SourceRecord[]): Promise<boolean> => {
    if (batch.length === 0) return true;
    if (stopRequested()) return false;
    const articles = batch.filter((record): record is Extract<SourceRecord, { kind: "article" }> => record.kind === "article");
    const outcomes = await ingestBatch(
      db,
      articles.map((record) => record.submission),
      options.settings,
    );
    const outcomeOf = new Map(articles.map((record, index) => [record, outcomes[index]]));
    for (const record of batch) {
      if (record.kind !== "article") {
        problem(record.kind, record.at, record.reason, record.category);
        continue;
      }
      const outcome = outcomeOf.get(record)!;
      switch (outcome.status) {
        case "rejected":
          if (outcome.error instanceof InvalidArticleError) {
            problem("bad", record.at, `invalid ${outcome.field}: ${outcome.reason}`, `invalid ${outcome.field}`);
          } else {
            problem("bad", record.at, outcome.reason, "rejected by the database");
          }
          continue;
        case "duplicate":
          summary.duplicates += 1;
          break;
        case "nearDuplicate":
          summary.nearDuplicates += 1;
          break;
        case "stored":
          summary.imported += 1;
          break;
      }
      if (outcome.status !== "duplicate") {
        for (const key of ["actors", "mentions", "claims", "events"] as const) summary.extracted[key] += outcome.counts[key];
      }
      report();
    }
    return true;
  };

  try {
    let read = 0;
    for (const source of plan.sources) {
      current = source.name;
      let batch: SourceRecord[] = [];
      let stop = false;
      for await (const record of source.records()) {
        if (read >= limit || stopRequested()) {
          stop = true;
          break;
        }
        read += 1;
        batch.push(record);
        if (batch.length < batchSize) continue;
        const done = await flush(batch);
        batch = [];
        if (!done) {
          stop = true;
          break;
        }
      }
      if (!(await flush(batch))) stop = true;
      if (stop) {
        summary.interrupted = true;
        break;
      }
    }
  } catch (error) {
    tick();
    const full = error instanceof Error ? error.message : String(error);
    const message = full.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? full;
    throw new ImportAbortedError(`import stopped while reading ${current}: ${message}`, summary, { cause: error });
  }
  tick();
  return summary;
}
