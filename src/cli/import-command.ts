/**
 * `newsgraph import <file.jsonl | dir | feed.xml | url>`: argument parsing and printing only; the
 * import itself is importSource (src/ingest/import).
 *
 * Exit codes: 0 the run completed (bad lines included), 1 fatal error (unreadable input,
 * database unavailable), 2 usage error, 130 interrupted (Ctrl-C; run again to resume).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadServerConfig, type ServerConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import {
  formatLocation,
  ImportAbortedError,
  ImportInputError,
  importSource,
  isUrl,
  type ImportProblem,
  type ImportSummary,
} from "../ingest/import/index.js";
import { formatDuration, formatRate, ProgressReporter, type ProgressMode } from "./progress.js";

export const IMPORT_USAGE = `usage: newsgraph import <file.jsonl | directory | feed.xml | http(s)://url> [options]

Imports articles into the server's database (DATABASE_URL, or NEWSGRAPH_DATA_DIR in embedded mode):
  file.jsonl    one article per line: {"title","body","url","publishedAt","source"}
  directory     every *.jsonl in it (sorted by name), and every *.txt as one article
                (first line the title, the rest the body)
  feed file     RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed (recognised by content): one article per item
  url           fetched, then read as a feed (or as JSONL when its Content-Type says so); private
                addresses are refused unless listed in NEWSGRAPH_FETCH_ALLOW_HOSTS (comma-separated)

Running it again skips what is already stored (reported as duplicates), so an interrupted import
resumes where it stopped. Stop the server first in embedded mode: one process owns the data directory.

options:
  --source NAME       source name for articles that carry none (JSONL lines without "source", .txt files)
  --limit N           stop after N records
  --batch-size N      articles stored per transaction (default 100), or per job with --queue (default 50)
  --progress MODE     bar | lines | none (default: bar on a terminal, lines otherwise)
  --json              print the summary as JSON on stdout (everything else goes to stderr)
  --queue             PostgreSQL only: enqueue the articles as ingest-batch jobs for
                      \`newsgraph worker\` processes instead of storing them in this process
  --wait              with --queue: wait until the workers have run every job, with progress
  -h, --help          this help

exit codes: 0 done (even with bad lines), 1 fatal error, 2 usage error, 130 interrupted
`;

export class UsageError extends Error {}

const DEFAULT_QUEUE_BATCH = 50;

export interface ImportArguments {
  input: string;
  sourceName?: string;
  limit?: number;
  batchSize?: number;
  progress?: ProgressMode;
  json: boolean;
  help: boolean;
  queue: boolean;
  wait: boolean;
}

export function parseImportArguments(args: string[]): ImportArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        source: { type: "string" },
        limit: { type: "string" },
        "batch-size": { type: "string" },
        progress: { type: "string" },
        json: { type: "boolean", default: false },
        queue: { type: "boolean", default: false },
        wait: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { input: "", json: false, help: true, queue: false, wait: false, batchSize: DEFAULT_QUEUE_BATCH };
  if (positionals.length === 0) throw new UsageError("missing the file, directory or URL to import");
  if (positionals.length > 1) throw new UsageError(`one input at a time, got ${positionals.length}: ${positionals.join(" ")}`);
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got "${values.limit}"`);
  }
  let batchSize: number | undefined;
  if (values["batch-size"] !== undefined) {
    batchSize = Number(values["batch-size"]);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new UsageError(`--batch-size must be an integer from 1 to 10000, got "${values["batch-size"]}"`);
    }
  }
  const progress = values.progress;
  if (progress !== undefined && progress !== "bar" && progress !== "lines" && progress !== "none") {
    throw new UsageError(`--progress must be bar, lines or none, got "${progress}"`);
  }
  if (values.source !== undefined && values.source.trim() === "") throw new UsageError("--source must not be empty");
  if (values.wait && !values.queue) throw new UsageError("--wait goes with --queue");
  return {
    input: positionals[0]!,
    sourceName: values.source?.trim(),
    limit,
    batchSize: batchSize ?? (values.queue ? DEFAULT_QUEUE_BATCH : undefined),
    progress,
    json: values.json,
    help: false,
    queue: values.queue,
    wait: values.wait,
  };
}

function allowHostsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.NEWSGRAPH_FETCH_ALLOW_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
}

export function byReason(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return entries.length ? `  (${entries.map(([reason, count]) => `${reason}: ${count}`).join(", ")})` : "";
}

/** The human summary printed at the end of a run. */
export function formatSummary(summary: ImportSummary, status: string): string {
  const pad = (label: string, value: number) => `  ${label.padEnd(16)}${String(value).padStart(7)}`;
  const lines = [
    `${status}: ${summary.processed}${summary.total !== null && summary.total !== summary.processed ? ` of ${summary.total}` : ""} records from ${summary.sources.length} source${summary.sources.length === 1 ? "" : "s"}`,
    pad("imported", summary.imported),
    pad("near-duplicates", summary.nearDuplicates),
    pad("duplicates", summary.duplicates),
    pad("skipped", summary.skipped) + byReason(summary.skippedByReason),
    pad("bad lines", summary.bad) + byReason(summary.badByReason),
    `  ${"extracted".padEnd(16)}${String(summary.extracted.claims).padStart(7)} claims, ${summary.extracted.events} events, ${summary.extracted.mentions} actor mentions`,
    `  ${"elapsed".padEnd(16)}${(summary.elapsedMs < 60_000 ? `${(summary.elapsedMs / 1000).toFixed(1)}s` : formatDuration(summary.elapsedMs)).padStart(7)}  (${formatRate(summary.rate)} articles/s)`,
  ];
  if (summary.ignoredFiles.length) {
    lines.push(`  ignored ${summary.ignoredFiles.length} file(s) that are neither .jsonl nor .txt: ${summary.ignoredFiles.slice(0, 5).join(", ")}${summary.ignoredFiles.length > 5 ? ", …" : ""}`);
  }
  return lines.join("\n");
}

const MAX_PRINTED_PROBLEMS = 500;

/** Prisma's messages start with a multi-line preamble; the last line says what happened. */
function lastLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? message;
}

export async function importCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed: ImportArguments;
  try {
    parsed = parseImportArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`newsgraph import: ${error.message}\n\n${IMPORT_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(IMPORT_USAGE);
    return 0;
  }

  const out = parsed.json ? process.stderr : process.stdout;
  const say = (line: string) => out.write(`${line}\n`);
  const fail = (message: string) => process.stderr.write(`newsgraph import: fatal: ${message}\n`);

  let config: ServerConfig;
  try {
    config = loadServerConfig(env);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return 1;
  }

  // A path that cannot be read is reported before the database is opened (and maybe migrated).
  if (!isUrl(parsed.input)) {
    try {
      fs.accessSync(parsed.input, fs.constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      fail(`cannot read ${parsed.input}: ${code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : String(error)}`);
      return 1;
    }
  }

  if (parsed.queue) {
    if (!config.database.url) {
      process.stderr.write("newsgraph import: --queue needs PostgreSQL (DATABASE_URL); in embedded mode import stores in-process (drop --queue)\n");
      return 2;
    }
    const { queuedImport } = await import("./queued-import.js");
    return queuedImport(parsed, config, env, { say, fail, out });
  }

  let db: Database;
  try {
    db = await openDatabase(config.database);
  } catch (error) {
    const where = config.database.url ? "the PostgreSQL database (DATABASE_URL)" : `the embedded database in ${config.database.dataDir}`;
    fail(`cannot open ${where}: ${lastLine(error)}`);
    return 1;
  }
  const where = db.mode === "embedded" ? `embedded PGlite in ${config.database.dataDir}` : "PostgreSQL (DATABASE_URL)";
  say(`database: ${where}; migrations applied now: ${db.migrationsApplied.length ? db.migrationsApplied.join(", ") : "none"}`);
  say(`importing ${parsed.input}`);

  const mode: ProgressMode = parsed.progress ?? (out.isTTY ? "bar" : "lines");
  const progress = new ProgressReporter(out, mode);
  let printed = 0;
  const onProblem = (problem: ImportProblem) => {
    printed += 1;
    if (printed <= MAX_PRINTED_PROBLEMS) {
      progress.log(`${problem.kind === "bad" ? "bad" : "skipped"} ${formatLocation(problem.at)}: ${problem.reason}`, process.stderr);
    } else if (printed === MAX_PRINTED_PROBLEMS + 1) {
      progress.log(`… further bad or skipped records are counted in the summary but not listed`, process.stderr);
    }
  };

  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    abort.abort();
    progress.log("interrupt: stopping after the current batch (Ctrl-C again to quit at once)", process.stderr);
  };
  process.on("SIGINT", onSigint);

  try {
    const summary = await importSource(
      db,
      parsed.input,
      {
        settings: { maxBodyBytes: config.maxBodyBytes, nearDuplicateThreshold: config.nearDuplicateThreshold },
        fetch: { allowHosts: allowHostsFromEnv(env) },
        defaultSourceName: parsed.sourceName,
        limit: parsed.limit,
        batchSize: parsed.batchSize,
        signal: abort.signal,
        onProblem,
      },
      (update) => progress.update(update),
    );
    progress.finish();
    for (const warning of summary.warnings.slice(0, 20)) process.stderr.write(`warning: ${warning}\n`);
    const interrupted = abort.signal.aborted;
    const status = interrupted
      ? "import interrupted (run it again to resume)"
      : summary.interrupted
        ? `import stopped at --limit ${parsed.limit}`
        : "import finished";
    say(formatSummary(summary, status));
    if (parsed.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    return interrupted ? 130 : 0;
  } catch (error) {
    progress.finish();
    if (error instanceof ImportInputError) {
      fail(error.message);
      return 1;
    }
    if (error instanceof ImportAbortedError) {
      fail(error.message);
      say(formatSummary(error.summary, "import failed"));
      if (parsed.json) process.stdout.write(`${JSON.stringify({ ...error.summary, error: error.message })}\n`);
      return 1;
    }
    fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
    await db.close().catch(() => undefined);
  }
}
