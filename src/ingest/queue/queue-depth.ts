import type { Database } from "../../db/client.js";
import { QUEUE_SCHEMA } from "./job-queue.js";
import { JOB_TYPES } from "./jobs.js";

/** Jobs of one type by state. */
export interface QueueCounts {
  name: string;
  /** Waiting to run: new, or waiting for a retry. */
  pending: number;
  /** Claimed by a worker and running. */
  active: number;
  /** Gave up after their last retry. */
  failed: number;
  /** Finished and kept until pg-boss's retention removes them. */
  completed: number;
}

/**
 * Counts the jobs of each queue by state, straight from pg-boss's job table (pg-boss's own stats
 * are cached for up to a minute). Null when there is no queue: embedded mode, or a PostgreSQL
 * database where no worker or queued import has run yet. Needs no running pg-boss instance, so the
 * server can report it (/metrics, the `queue` field) while only workers run jobs.
 */
export async function queueDepth(db: Database): Promise<QueueCounts[] | null> {
  if (db.mode !== "postgres") return null;
  const [{ installed }] = await db.prisma.$queryRawUnsafe<{ installed: boolean }[]>(
    `SELECT to_regclass('${QUEUE_SCHEMA}.job') IS NOT NULL AS installed`,
  );
  if (!installed) return null;
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; state: string; jobs: number }[]>(
    `SELECT name, state::text AS state, count(*)::int AS jobs FROM ${QUEUE_SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name, state`,
    [...JOB_TYPES],
  );
  return JOB_TYPES.map((name) => {
    const count = (...states: string[]) => rows.filter((row) => row.name === name && states.includes(row.state)).reduce((sum, row) => sum + row.jobs, 0);
    return { name, pending: count("created", "retry"), active: count("active"), failed: count("failed"), completed: count("completed") };
  });
}
