/**
 * `newsgraph worker`: runs ingestion jobs from the PostgreSQL job queue. Start as many as you like,
 * on as many machines as you like, against the same DATABASE_URL.
 *
 * Exit codes: 0 stopped by SIGTERM or SIGINT (running jobs finished or returned to the queue),
 * 1 fatal error, 2 usage error.
 */
import { parseArgs } from "node:util";
import { loadServerConfig, type ServerConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { enqueueDueSources, JobQueue, loadQueueConfig, runIngestBatch, runPollSource, type QueueConfig } from "../ingest/queue/index.js";

export const WORKER_USAGE = `usage: newsgraph worker [--concurrency N] [--no-schedule]

Runs ingestion jobs from the PostgreSQL job queue (pg-boss, in the database's "pgboss" schema):
  ingest-batch   a batch of articles (\`newsgraph import --queue\`)
  poll-source    one feed source (one poll per source at a time across all workers)
Needs DATABASE_URL; in embedded mode ingestion runs in the server and import processes instead.
Every few seconds a worker also enqueues a poll of each source that is due (--no-schedule: not this one).

On SIGTERM or SIGINT it takes no new job, lets running ones finish (up to
NEWSGRAPH_QUEUE_STOP_TIMEOUT_SECONDS, then returns them to the queue) and exits 0. A worker that is
killed outright loses nothing either: its job's heartbeat stops and another worker retries it
after NEWSGRAPH_QUEUE_HEARTBEAT_SECONDS.

options:
  --concurrency N   jobs of each type run at once in this process (default 2)
  --no-schedule     do not enqueue polls of due sources from this worker
  -h, --help        this help
`;

const SCHEDULE_EVERY_MS = 5_000;

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? text;
}

function seconds(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(1)}s`;
}

export async function workerCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        concurrency: { type: "string" },
        "no-schedule": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`newsgraph worker: ${message(error)}\n\n${WORKER_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(WORKER_USAGE);
    return 0;
  }
  const concurrency = values.concurrency === undefined ? 2 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    process.stderr.write(`newsgraph worker: --concurrency must be an integer from 1 to 64, got "${values.concurrency}"\n`);
    return 2;
  }

  let config: ServerConfig;
  let queueConfig: QueueConfig;
  try {
    config = loadServerConfig(env);
    queueConfig = loadQueueConfig(env);
  } catch (error) {
    process.stderr.write(`newsgraph worker: fatal: ${message(error)}\n`);
    return 1;
  }
  if (!config.database.url) {
    process.stderr.write(
      "newsgraph worker: the job queue needs PostgreSQL: set DATABASE_URL. In embedded mode the server and `newsgraph import` ingest in-process.\n",
    );
    return 2;
  }

  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  let db: Database;
  let queue: JobQueue;
  try {
    db = await openDatabase(config.database);
    queue = await JobQueue.open(config.database.url, queueConfig, { supervise: true, poolSize: concurrency * 2 + 2, log });
  } catch (error) {
    process.stderr.write(`newsgraph worker: fatal: cannot open the database or the queue: ${message(error)}\n`);
    return 1;
  }
  const settings = {
    maxBodyBytes: config.maxBodyBytes,
    nearDuplicateThreshold: config.nearDuplicateThreshold,
    fetchAllowHosts: config.fetchAllowHosts,
  };

  let running = 0;
  await queue.workIngestBatches({ concurrency }, async (job) => {
    const startedAt = performance.now();
    running += 1;
    try {
      log(`ingest-batch ${job.id} started: ${Array.isArray(job.data.submissions) ? job.data.submissions.length : 0} articles`);
      const result = await runIngestBatch(db, job.data, settings);
      log(
        `ingest-batch ${job.id} done in ${seconds(startedAt)}: ${result.processed} articles, ${result.imported} new, ` +
          `${result.nearDuplicates} near-dup, ${result.duplicates} dup, ${result.bad} bad` +
          `${job.retryCount ? ` (retry ${job.retryCount})` : ""}${job.data.origin ? ` from ${job.data.origin}` : ""}`,
      );
      return result;
    } catch (error) {
      log(`ingest-batch ${job.id} failed in ${seconds(startedAt)} (attempt ${job.retryCount + 1}; pg-boss retries it): ${message(error)}`);
      throw error;
    } finally {
      running -= 1;
    }
  });
  await queue.workSourcePolls({ concurrency }, async (job) => {
    const startedAt = performance.now();
    running += 1;
    try {
      const outcome = await runPollSource(db, job.data, settings);
      log(
        outcome
          ? `poll-source ${job.id} source ${job.data.sourceId} ${outcome.status} in ${seconds(startedAt)}: ${outcome.items} items, ` +
              `${outcome.imported} new, ${outcome.duplicates} known${outcome.error ? ` (${outcome.error})` : ""}`
          : `poll-source ${job.id} source ${job.data.sourceId}: the source no longer exists`,
      );
      return outcome ?? { removed: true };
    } catch (error) {
      log(`poll-source ${job.id} source ${job.data.sourceId} failed in ${seconds(startedAt)}: ${message(error)}`);
      throw error;
    } finally {
      running -= 1;
    }
  });

  let scheduling: Promise<unknown> | null = null;
  const scheduler = values["no-schedule"]
    ? null
    : setInterval(() => {
        if (scheduling) return;
        scheduling = enqueueDueSources(db, queue)
          .then((ids) => ids.length && log(`scheduled polls of source${ids.length === 1 ? "" : "s"} ${ids.join(", ")}`))
          .catch((error) => log(`scheduling polls failed: ${message(error)}`))
          .finally(() => (scheduling = null));
      }, SCHEDULE_EVERY_MS);

  log(`worker ready: pid ${process.pid}, concurrency ${concurrency}, queues ingest-batch and poll-source${scheduler ? ", scheduling due polls" : ""}`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: taking no new jobs; waiting up to ${queueConfig.stopTimeoutSeconds}s for ${running} running job(s)`);
      if (scheduler) clearInterval(scheduler);
      try {
        await scheduling;
        await queue.stop();
        await db.close();
        log("worker stopped");
        resolve(0);
      } catch (error) {
        log(`worker stop failed: ${message(error)}`);
        resolve(1);
      }
    };
    process.on("SIGTERM", () => void stop("SIGTERM"));
    process.on("SIGINT", () => void stop("SIGINT"));
  });
}
