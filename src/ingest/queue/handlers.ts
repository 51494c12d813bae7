import type { Database } from "../../db/client.js";
import type { IngestSettings } from "../ingest-article.js";
import { pollSource, type PollOutcome, type PollSettings } from "../sources/poll-source.js";
import { ingestSubmissions } from "./ingest-submissions.js";
import type { IngestBatchJob, IngestBatchResult, PollSourceJob } from "./jobs.js";
import type { JobQueue } from "./job-queue.js";

/**
 * Runs an ingest-batch job. Idempotent: every article is stored with its facts in one transaction
 * and recognised by content hash, URL or canonical URL, so a rerun (a retry, a job enqueued twice,
 * the job of a killed worker) stores nothing twice and completes what was missing. Invalid
 * submissions are counted as bad; any other error fails the job, which pg-boss retries.
 */
export async function runIngestBatch(db: Database, job: IngestBatchJob, settings: IngestSettings): Promise<IngestBatchResult> {
  const submissions = Array.isArray(job.submissions) ? job.submissions : [];
  // Sources are created up front, outside the articles' transactions: two workers storing the
  // first articles of a new source at once would otherwise both try to insert it, and one would fail.
  const names = [...new Set(submissions.map((submission) => submission.sourceName?.trim()).filter((name): name is string => !!name))];
  if (names.length) await db.prisma.source.createMany({ data: names.map((name) => ({ name, kind: "MANUAL" as const })), skipDuplicates: true });

  const result: IngestBatchResult = { processed: 0, imported: 0, nearDuplicates: 0, duplicates: 0, bad: 0, claims: 0, events: 0, mentions: 0 };
  for (const item of await ingestSubmissions(db, submissions, settings)) {
    result.processed += 1;
    if (item.error) {
      result.bad += 1;
      continue;
    }
    const { outcome } = item;
    if (outcome.duplicate) result.duplicates += 1;
    else if (outcome.nearDuplicateOf !== null) result.nearDuplicates += 1;
    else result.imported += 1;
    result.claims += outcome.counts.claims;
    result.events += outcome.counts.events;
    result.mentions += outcome.counts.mentions;
  }
  return result;
}

/** Runs a poll-source job; a source removed since the job was queued is nothing to do. */
export async function runPollSource(db: Database, job: PollSourceJob, settings: PollSettings): Promise<PollOutcome | null> {
  const exists = await db.prisma.source.findUnique({ where: { id: job.sourceId }, select: { paused: true } });
  if (!exists) return null;
  return pollSource(db, job.sourceId, settings);
}

/**
 * Enqueues a poll-source job for every active feed source that is due. A source is claimed by
 * moving its nextPollAt forward in one conditional UPDATE (as the in-process poller does), so many
 * workers scheduling at once enqueue each due poll once; pollSource then sets the real next time.
 */
export async function enqueueDueSources(db: Database, queue: JobQueue, now = new Date()): Promise<number[]> {
  const due = await db.prisma.source.findMany({
    where: { paused: false, feedUrl: { not: null }, OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }] },
    select: { id: true, pollIntervalSeconds: true },
    orderBy: [{ nextPollAt: "asc" }, { id: "asc" }],
    take: 100,
  });
  const enqueued: number[] = [];
  for (const source of due) {
    const claim = await db.prisma.source.updateMany({
      where: { id: source.id, paused: false, OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }] },
      data: { nextPollAt: new Date(now.getTime() + source.pollIntervalSeconds * 1000) },
    });
    if (claim.count !== 1) continue;
    if (await queue.sendPollSource(source.id)) enqueued.push(source.id);
  }
  return enqueued;
}
