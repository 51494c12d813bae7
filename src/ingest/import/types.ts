import type { FetchOptions } from "../fetch/index.js";
import type { IngestSettings } from "../ingest-batch.js";
import type { ArticleSubmission } from "../validate.js";

/**
 * What to import: a path (a JSONL file, a feed file, a .txt article or a directory of them) or an
 * http(s) URL of a feed or a JSONL document.
 */
export type ImportInput = string;

/** Where a record came from: a file or URL, and a 1-based line (JSONL) or item (feed) number. */
export interface RecordLocation {
  source: string;
  line?: number;
  item?: number;
  /** The item's URL or guid, when a feed item has one (helps find it in the feed). */
  ref?: string;
}

/** One record read from a source, before it reaches the database. */
export type SourceRecord =
  | { kind: "article"; at: RecordLocation; submission: ArticleSubmission }
  | { kind: "bad" | "skipped"; at: RecordLocation; reason: string; category: string };

/**
 * A record that was not stored: `bad` for malformed input (invalid JSON, missing or mistyped
 * fields, an InvalidArticleError, an article the database refused), `skipped` for input that is
 * well-formed but has nothing to import (a feed item without text, an empty .txt file).
 */
export interface ImportProblem {
  kind: "bad" | "skipped";
  at: RecordLocation;
  /** Full explanation, e.g. `invalid JSON: Unexpected token } in JSON at position 12`. */
  reason: string;
  /** Short key the summary counts by, e.g. `invalid JSON` or `invalid publishedAt`. */
  category: string;
}

export interface ImportOptions {
  /** Body size limit and near-duplicate threshold, as the server uses them. */
  settings: IngestSettings;
  /** For URL inputs: fetchUrl options (allowHosts for tests and intranets, timeouts, size limit). */
  fetch?: FetchOptions;
  /** Source name for records that carry none (JSONL lines without `source`, .txt files). */
  defaultSourceName?: string;
  /** Stop after this many records (articles, bad lines and skipped items all count). */
  limit?: number;
  /** Records ingested together: one dedup lookup and one transaction per batch (default 100). */
  batchSize?: number;
  /** Aborting stops the run after the current batch; the summary then has `interrupted`. */
  signal?: AbortSignal;
  /** Called for every bad or skipped record, as it happens. */
  onProblem?: (problem: ImportProblem) => void;
}

/** A snapshot of the run, passed to onProgress after every record. */
export interface ImportProgress {
  /** Records handled so far (every outcome). */
  processed: number;
  /** Records expected in all, when known (counted before the run; null until a URL is fetched). */
  total: number | null;
  imported: number;
  nearDuplicates: number;
  duplicates: number;
  skipped: number;
  bad: number;
  elapsedMs: number;
  /** Records per second since the start. */
  rate: number;
  /** Estimated time to finish, when the total is known and the rate is not zero. */
  etaMs: number | null;
  /** The file or URL being read. */
  current: string;
}

/**
 * The outcome of an import. Every record ends in exactly one of imported, nearDuplicates,
 * duplicates, skipped or bad, so these add up to `processed`.
 */
export interface ImportSummary {
  input: string;
  /** Files read (one for a file or URL; the .jsonl and .txt files of a directory). */
  sources: string[];
  /** Files of a directory that are neither .jsonl nor .txt, and were not read. */
  ignoredFiles: string[];
  processed: number;
  total: number | null;
  /** New articles stored and extracted. */
  imported: number;
  /** New articles stored as near-duplicates of an earlier one (kept, extraction skipped). */
  nearDuplicates: number;
  /** Already stored (same text, URL or canonical URL): nothing stored. */
  duplicates: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  bad: number;
  badByReason: Record<string, number>;
  /** The first problems (at most 1,000), in order. */
  problems: ImportProblem[];
  /** What extraction stored for the imported articles. */
  extracted: { actors: number; mentions: number; claims: number; events: number };
  /** Non-fatal notes about the input (feed parser warnings). */
  warnings: string[];
  elapsedMs: number;
  /** Records per second over the whole run. */
  rate: number;
  /** True when the run was stopped by the signal or the limit before the end of the input. */
  interrupted: boolean;
}
