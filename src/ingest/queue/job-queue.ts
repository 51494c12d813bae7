import { PgBoss, type Job, type QueueOptions } from "pg-boss";
import type { QueueConfig } from "./queue-config.js";
import { INGEST_BATCH, JOB_TYPES, POLL_SOURCE, pollSingletonKey, type IngestBatchJob, type IngestBatchResult, type JobType, type PollSourceJob } from "./jobs.js";

/** The schema pg-boss creates and owns in the application's database. */
export const QUEUE_SCHEMA = "pgboss";

export interface OpenQueueOptions {
  /** Connections in pg-boss's own pool (besides Prisma's). */
  poolSize?: number;
  /** Run pg-boss's supervision (expired jobs, missed heartbeats, retention) in this process. */
  supervise?: boolean;
  /** Where pg-boss's own errors and warnings go. */
  log?: (line: string) => void;
}

/** Per-job-type queue options: retries with backoff, expiry and heartbeat from the config. */
function queueOptions(config: QueueConfig, type: JobType): QueueOptions & { policy: string } {
  return {
    // A stately queue keeps at most one queued and one active job per singleton key: a poll of a
    // source is never run twice at once, and a burst of refresh requests collapses into one.
    policy: type === POLL_SOURCE ? "stately" : "standard",
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: config.retryDelaySeconds > 0,
    retryDelayMax: 300,
    expireInSeconds: config.expireSeconds,
    heartbeatSeconds: config.heartbeatSeconds,
  };
}

export interface WorkOptions {
  /** Jobs of each type this process runs at once. */
  concurrency: number;
}

/**
 * The PostgreSQL-backed job queue (pg-boss) with Newsgraph's job types. Used by `newsgraph worker`
 * to run jobs and by `newsgraph import --queue` and the poll scheduler to enqueue them.
 */
export class JobQueue {
  private constructor(
    readonly boss: PgBoss,
    readonly config: QueueConfig,
  ) {}

  /** Connects, installs or migrates the pgboss schema when needed, and creates the queues. */
  static async open(url: string, config: QueueConfig, options: OpenQueueOptions = {}): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: options.poolSize ?? 4,
      application_name: "newsgraph-queue",
      supervise: options.supervise ?? false,
      superviseIntervalSeconds: config.superviseSeconds,
      monitorIntervalSeconds: config.superviseSeconds,
      // No cron schedules: sources carry their own nextPollAt.
      schedule: false,
    });
    // Without a listener an `error` event would throw; pg-boss retries on its own after one.
    boss.on("error", (error) => options.log?.(`queue error: ${error instanceof Error ? error.message : String(error)}`));
    boss.on("warning", (warning) => options.log?.(`queue warning: ${warning.message}`));
    await boss.start();
    const queue = new JobQueue(boss, config);
    for (const type of JOB_TYPES) {
      const { policy, ...settings } = queueOptions(config, type);
      await boss.createQueue(type, { policy, ...settings });
      // createQueue leaves an existing queue as it is; the current settings apply to new jobs.
      await boss.updateQueue(type, settings);
    }
    return queue;
  }

  /** Enqueues one ingest-batch job; returns its id. */
  async sendIngestBatch(job: IngestBatchJob): Promise<string> {
    const id = await this.boss.send(INGEST_BATCH, job as object);
    if (!id) throw new Error("the queue refused the ingest-batch job");
    return id;
  }

  /**
   * Enqueues a poll of one source. Returns null when a poll of that source is already waiting
   * (the singleton key allows one queued and one running poll per source, across all processes).
   */
  async sendPollSource(sourceId: number): Promise<string | null> {
    return this.boss.send(POLL_SOURCE, { sourceId } satisfies PollSourceJob, { singletonKey: pollSingletonKey(sourceId) });
  }

  /** Runs `handler` for every ingest-batch job; its result becomes the job's output. */
  async workIngestBatches(options: WorkOptions, handler: (job: Job<IngestBatchJob>) => Promise<IngestBatchResult>): Promise<void> {
    await this.boss.work<IngestBatchJob, IngestBatchResult>(
      INGEST_BATCH,
      { localConcurrency: options.concurrency, batchSize: 1, pollingIntervalSeconds: this.config.pollSeconds },
      async ([job]) => handler(job!),
    );
  }

  async workSourcePolls(options: WorkOptions, handler: (job: Job<PollSourceJob>) => Promise<object>): Promise<void> {
    await this.boss.work<PollSourceJob, object>(
      POLL_SOURCE,
      { localConcurrency: options.concurrency, batchSize: 1, pollingIntervalSeconds: this.config.pollSeconds },
      async ([job]) => handler(job!),
    );
  }

  /**
   * States of the given jobs and the sum of their outputs, for following an import. Read straight
   * from pg-boss's job table: its API looks jobs up one at a time.
   */
  async jobProgress(ids: string[]): Promise<{ states: Record<string, number>; done: IngestBatchResult }> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT state::text AS state, count(*)::int AS jobs,
              coalesce(sum((output->>'processed')::int), 0)::int AS processed,
              coalesce(sum((output->>'imported')::int), 0)::int AS imported,
              coalesce(sum((output->>'nearDuplicates')::int), 0)::int AS "nearDuplicates",
              coalesce(sum((output->>'duplicates')::int), 0)::int AS duplicates,
              coalesce(sum((output->>'bad')::int), 0)::int AS bad,
              coalesce(sum((output->>'claims')::int), 0)::int AS claims,
              coalesce(sum((output->>'events')::int), 0)::int AS events,
              coalesce(sum((output->>'mentions')::int), 0)::int AS mentions
         FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND id = ANY($2::uuid[]) GROUP BY state`,
      [INGEST_BATCH, ids],
    );
    const states: Record<string, number> = {};
    const done: IngestBatchResult = { processed: 0, imported: 0, nearDuplicates: 0, duplicates: 0, bad: 0, claims: 0, events: 0, mentions: 0 };
    for (const row of rows as (IngestBatchResult & { state: string; jobs: number })[]) {
      states[row.state] = row.jobs;
      if (row.state !== "completed") continue;
      for (const key of Object.keys(done) as (keyof IngestBatchResult)[]) done[key] += Number(row[key]);
    }
    return { states, done };
  }

  /**
   * Stops taking jobs; waits up to `timeoutSeconds` for running ones, then fails them so that they
   * go back to the queue (retried by another worker), and closes the connections.
   */
  async stop(timeoutSeconds = this.config.stopTimeoutSeconds): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutSeconds * 1000 });
  }
}
