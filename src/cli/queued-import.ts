/**
 * `newsgraph import --queue`: reads the input here and enqueues its articles as ingest-batch jobs;
 * `newsgraph worker` processes store them. With --wait it follows the jobs to the end with the
 * same progress display as an in-process import.
 */
import type { ServerConfig } from "../config.js";
import { formatLocation, ImportInputError, type ImportProblem } from "../ingest/import/index.js";
import { enqueueImport, JobQueue, loadQueueConfig, type EnqueueImportSummary, type IngestBatchResult } from "../ingest/queue/index.js";
import { byReason, type ImportArguments } from "./import-command.js";
import { formatDuration, formatRate, ProgressReporter, type ProgressMode } from "./progress.js";

interface Output {
  say(line: string): void;
  fail(message: string): void;
  out: NodeJS.WriteStream;
}

const WAIT_POLL_MS = 500;
const MAX_PRINTED_PROBLEMS = 500;

function lastLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? text;
}

export async function queuedImport(parsed: ImportArguments, config: ServerConfig, env: NodeJS.ProcessEnv, { say, fail, out }: Output): Promise<number> {
  let queue: JobQueue;
  try {
    queue = await JobQueue.open(config.database.url!, loadQueueConfig(env));
  } catch (error) {
    fail(`cannot open the job queue in the PostgreSQL database (DATABASE_URL): ${lastLine(error)}`);
    return 1;
  }
  say(`database: PostgreSQL (DATABASE_URL); enqueuing ${parsed.input} as ingest-batch jobs of up to ${parsed.batchSize} articles`);

  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    abort.abort();
    process.stderr.write("interrupt: stopping (what is enqueued stays enqueued; Ctrl-C again to quit at once)\n");
  };
  process.on("SIGINT", onSigint);
  let printed = 0;
  const onProblem = (problem: ImportProblem) => {
    printed += 1;
    if (printed <= MAX_PRINTED_PROBLEMS) process.stderr.write(`${problem.kind === "bad" ? "bad" : "skipped"} ${formatLocation(problem.at)}: ${problem.reason}\n`);
    else if (printed === MAX_PRINTED_PROBLEMS + 1) process.stderr.write("… further bad or skipped records are counted in the summary but not listed\n");
  };

  let summary: EnqueueImportSummary;
  try {
    summary = await enqueueImport(queue, parsed.input, {
      limits: { maxBodyBytes: config.maxBodyBytes },
      fetch: { allowHosts: config.fetchAllowHosts },
      defaultSourceName: parsed.sourceName,
      batchSize: parsed.batchSize ?? 50,
      limit: parsed.limit,
      signal: abort.signal,
      onProblem,
    });
  } catch (error) {
    process.off("SIGINT", onSigint);
    fail(error instanceof ImportInputError ? error.message : `enqueuing stopped: ${lastLine(error)}`);
    await queue.stop(1).catch(() => undefined);
    return 1;
  }
  for (const warning of summary.warnings.slice(0, 20)) process.stderr.write(`warning: ${warning}\n`);
  const pad = (label: string, value: number) => `  ${label.padEnd(16)}${String(value).padStart(7)}`;
  say(
    [
      `enqueued ${summary.enqueued} articles in ${summary.jobIds.length} ingest-batch job${summary.jobIds.length === 1 ? "" : "s"} (import ${summary.importId})` +
        `${summary.interrupted ? `, stopped early${abort.signal.aborted ? " by the interrupt" : ` at --limit ${parsed.limit}`}` : ""}`,
      pad("skipped", summary.skipped) + byReason(summary.skippedByReason),
      pad("bad lines", summary.bad) + byReason(summary.badByReason),
    ].join("\n"),
  );

  if (!parsed.wait || abort.signal.aborted) {
    process.off("SIGINT", onSigint);
    if (parsed.json) process.stdout.write(`${JSON.stringify({ ...summary, jobIds: undefined, jobs: summary.jobIds.length })}\n`);
    if (!parsed.wait) say("run `newsgraph worker` processes to store them; `--wait` follows the jobs to the end");
    await queue.stop(1);
    return abort.signal.aborted ? 130 : 0;
  }

  const mode: ProgressMode = parsed.progress ?? (out.isTTY ? "bar" : "lines");
  const progress = new ProgressReporter(out, mode);
  const startedAt = performance.now();
  let done: IngestBatchResult = { processed: 0, imported: 0, nearDuplicates: 0, duplicates: 0, bad: 0, claims: 0, events: 0, mentions: 0 };
  let states: Record<string, number> = {};
  let lastProcessed = -1;
  try {
    for (;;) {
      ({ states, done } = await queue.jobProgress(summary.jobIds));
      const finished = (states.completed ?? 0) + (states.failed ?? 0) + (states.cancelled ?? 0);
      const elapsedMs = performance.now() - startedAt;
      const rate = elapsedMs > 0 ? (done.processed * 1000) / elapsedMs : 0;
      if (done.processed !== lastProcessed || finished === summary.jobIds.length) {
        lastProcessed = done.processed;
        progress.update({
          processed: done.processed,
          total: summary.enqueued,
          imported: done.imported,
          nearDuplicates: done.nearDuplicates,
          duplicates: done.duplicates,
          skipped: summary.skipped,
          bad: done.bad + summary.bad,
          elapsedMs,
          rate,
          etaMs: rate > 0 ? ((summary.enqueued - done.processed) / rate) * 1000 : null,
          current: `${finished}/${summary.jobIds.length} jobs`,
        });
      }
      if (finished >= summary.jobIds.length || abort.signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
  } catch (error) {
    progress.finish();
    fail(`lost track of the jobs: ${lastLine(error)} (they keep running in the workers)`);
    await queue.stop(1).catch(() => undefined);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
  }
  progress.finish();
  await queue.stop(1);
  const elapsedMs = performance.now() - startedAt;
  const failed = states.failed ?? 0;
  const interrupted = abort.signal.aborted;
  say(
    [
      `${interrupted ? "stopped waiting (the jobs keep running in the workers)" : failed ? `import finished with ${failed} failed job(s)` : "import finished"}: ` +
        `${done.processed} of ${summary.enqueued} articles stored by the workers`,
      pad("imported", done.imported),
      pad("near-duplicates", done.nearDuplicates),
      pad("duplicates", done.duplicates),
      pad("bad", done.bad + summary.bad),
      pad("failed jobs", failed),
      `  ${"extracted".padEnd(16)}${String(done.claims).padStart(7)} claims, ${done.events} events, ${done.mentions} actor mentions`,
      `  ${"elapsed".padEnd(16)}${formatDuration(elapsedMs).padStart(7)}  (${formatRate((done.processed * 1000) / Math.max(1, elapsedMs))} articles/s)`,
    ].join("\n"),
  );
  if (parsed.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, jobIds: undefined, jobs: summary.jobIds.length, states, done, elapsedMs })}\n`);
  }
  return interrupted ? 130 : failed ? 1 : 0;
}
