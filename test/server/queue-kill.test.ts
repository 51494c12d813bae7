// The queue's idempotency under failure, with real processes on the real PostgreSQL: two
// `newsgraph worker` processes, the same 500 corpus articles enqueued twice by `newsgraph import
// --queue`, one worker killed with SIGKILL in the middle of its jobs. Once the survivor has drained
// the queue, the database must hold every article once, each with all of its facts (never half an
// article), and the same counts as a clean single-process run of the same articles on another
// fresh database. PostgreSQL only: in embedded mode there is no queue.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { openDatabase } from "../../src/db/client.js";
import { minhashSignature, similarity } from "../../src/ingest/near-duplicate.js";
import { contentHash } from "../../src/ingest/normalize.js";
import { ingestSubmissions, queueDepth } from "../../src/ingest/queue/index.js";
import { validateSubmission, type ArticleSubmission } from "../../src/ingest/validate.js";
import { createTestDatabase, createTestDatabaseConfig, testDatabaseMode } from "../support/database.js";
import { runCli, type CliRun } from "../support/cli.js";
import { SHARED } from "../support/fixtures.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ARTICLES = 500;
const SETTINGS = { maxBodyBytes: 1_000_000, nearDuplicateThreshold: 0.7 };
// Short delays so that a dead worker's job is retried within seconds (heartbeat 10 s is pg-boss's minimum).
const QUEUE_ENV = {
  NEWSGRAPH_QUEUE_HEARTBEAT_SECONDS: "10",
  NEWSGRAPH_QUEUE_SUPERVISE_SECONDS: "1",
  NEWSGRAPH_QUEUE_POLL_SECONDS: "0.5",
  NEWSGRAPH_QUEUE_RETRY_DELAY_SECONDS: "1",
};

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/**
 * 500 corpus articles that are neither duplicates nor near-duplicates of each other: which copy
 * of a near-duplicate pair is the original depends on arrival order, and two workers do not keep
 * the order of one. Short and medium texts only, to keep the run short on a loaded machine.
 */
function chooseArticles(): ArticleSubmission[] {
  const chosen: ArticleSubmission[] = [];
  const signatures: number[][] = [];
  const hashes = new Set<string>();
  const urls = new Set<string>();
  for (const file of ["wikinews-en-2019-2020.jsonl", "whitehouse-2021-2026.jsonl"]) {
    for (const line of fs.readFileSync(path.join(SHARED, "corpus", file), "utf8").split("\n")) {
      if (chosen.length === ARTICLES) return chosen;
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { title: string; body: string; url: string; publishedAt: string; source: string };
      if (record.body.length < 400 || record.body.length > 3000) continue;
      const submission: ArticleSubmission = {
        title: record.title,
        body: record.body,
        url: record.url,
        publishedAt: record.publishedAt,
        sourceName: record.source,
      };
      const valid = validateSubmission(submission, SETTINGS);
      const hash = contentHash(valid);
      const signature = minhashSignature(valid.body);
      if (!signature || hashes.has(hash) || urls.has(valid.canonicalUrl ?? valid.url ?? "")) continue;
      if (signatures.some((other) => similarity(signature, other) >= 0.4)) continue;
      hashes.add(hash);
      urls.add(valid.canonicalUrl ?? valid.url ?? "");
      signatures.push(signature);
      chosen.push(submission);
    }
  }
  throw new Error(`the corpus has only ${chosen.length} suitable articles`);
}

/** What must not depend on which process stored an article, or in which order. */
async function snapshot(db: Database) {
  const perArticle = await db.prisma.$queryRawUnsafe<{ contentHash: string; mentions: number; claims: number; reports: number; extractedWith: string | null; isDuplicate: boolean }[]>(`
    SELECT a."contentHash",
           (SELECT count(*)::int FROM "Mention" m WHERE m."articleId" = a.id) AS mentions,
           (SELECT count(*)::int FROM "Claim" c WHERE c."articleId" = a.id) AS claims,
           (SELECT count(*)::int FROM "EventReport" r WHERE r."articleId" = a.id) AS reports,
           a."extractedWith", a."duplicateOfId" IS NOT NULL AS "isDuplicate"
      FROM "Article" a ORDER BY a."contentHash"`);
  const [totals] = await db.prisma.$queryRawUnsafe<Record<string, number>[]>(`
    SELECT (SELECT count(*)::int FROM "Article") AS articles,
           (SELECT count(DISTINCT "contentHash")::int FROM "Article") AS "distinctArticles",
           (SELECT count(*)::int FROM "Mention") AS mentions,
           (SELECT count(*)::int FROM "Claim") AS claims,
           (SELECT count(*)::int FROM "Event") AS events,
           (SELECT count(*)::int FROM "EventReport") AS "eventReports",
           (SELECT count(*)::int FROM "Source") AS sources`);
  // Rows a half-written article would leave behind (the foreign keys cannot catch all of them).
  const [orphans] = await db.prisma.$queryRawUnsafe<Record<string, number>[]>(`
    SELECT (SELECT count(*)::int FROM "Event" e WHERE NOT EXISTS (SELECT 1 FROM "EventReport" r WHERE r."eventId" = e.id)) AS "eventsWithoutReport",
           (SELECT count(*)::int FROM "Mention" m WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a.id = m."articleId")) AS "mentionsWithoutArticle",
           (SELECT count(*)::int FROM "Claim" c WHERE NOT EXISTS (SELECT 1 FROM "Article" a WHERE a.id = c."articleId")) AS "claimsWithoutArticle",
           (SELECT count(*)::int FROM "Actor" x WHERE NOT EXISTS (SELECT 1 FROM "ActorAlias" l WHERE l."actorId" = x.id)) AS "actorsWithoutAlias",
           (SELECT count(*)::int FROM "Article" a WHERE a."extractedWith" IS NULL) AS "articlesNeverExtracted"`);
  const [actors] = await db.prisma.$queryRawUnsafe<{ actors: number; claimTargets: number; participants: number; distinctActorNames: number }[]>(`
    SELECT (SELECT count(*)::int FROM "Actor") AS actors, (SELECT count(*)::int FROM "ClaimTarget") AS "claimTargets",
           (SELECT count(*)::int FROM "EventParticipant") AS participants,
           (SELECT count(DISTINCT (kind, lower(name)))::int FROM "Actor") AS "distinctActorNames"`);
  return { perArticle, totals, orphans, actors };
}

interface Worker {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startWorker(env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", "--concurrency", "2", "--no-schedule"], {
    cwd: root,
    env: { ...process.env, ...QUEUE_ENV, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, output: () => output, exited };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return runCli(args, { ...QUEUE_ENV, ...env });
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, describeState: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const startedLines = (output: string) => output.split("\n").filter((line) => / ingest-batch \S+ started: /.test(line)).length;
const doneLines = (output: string) => output.split("\n").filter((line) => / ingest-batch \S+ done in /.test(line)).length;

describe.skipIf(testDatabaseMode() !== "postgres")("two workers, one killed with SIGKILL mid-job", () => {
  it("stores each of 500 articles enqueued twice exactly once, whole, with the counts of a single-process run", { timeout: 20 * 60_000 }, async () => {
    const articles = chooseArticles();
    expect(articles).toHaveLength(ARTICLES);

    // The reference: one process, in input order, on its own fresh database.
    const reference = await createTestDatabase();
    cleanups.push(() => reference.destroy());
    const referenceStarted = performance.now();
    const results = await ingestSubmissions(reference, articles, SETTINGS);
    const referenceSeconds = (performance.now() - referenceStarted) / 1000;
    expect(results.filter((result) => result.error)).toEqual([]);
    const expected = await snapshot(reference);
    expect(expected.totals.articles).toBe(ARTICLES);
    expect(expected.perArticle.every((article) => !article.isDuplicate)).toBe(true);

    // The queued run on another fresh database.
    const { config, drop } = await createTestDatabaseConfig();
    cleanups.push(drop);
    const env = { DATABASE_URL: config.url! };
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-queue-kill-"));
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }));
    const file = path.join(work, "articles.jsonl");
    fs.writeFileSync(
      file,
      articles.map((a) => JSON.stringify({ title: a.title, body: a.body, url: a.url, publishedAt: a.publishedAt, source: a.sourceName })).join("\n") + "\n",
    );

    const victim = startWorker(env);
    const survivor = startWorker(env);
    await waitFor("both workers to be ready", () => victim.output().includes("worker ready") && survivor.output().includes("worker ready"), 120_000, () => victim.output() + survivor.output());

    const queuedStarted = performance.now();
    for (let round = 0; round < 2; round += 1) {
      const enqueued = await cli(["import", file, "--queue", "--batch-size", "10"], env);
      expect(enqueued.code, enqueued.stderr).toBe(0);
      expect(enqueued.stdout).toContain(`enqueued ${ARTICLES} articles in ${ARTICLES / 10} ingest-batch jobs`);
    }

    // Killed after a few jobs, the moment it has taken another one: it dies holding it. Watching the
    // output as it arrives (not by polling) leaves the job no time to finish first.
    const killed = new Promise<void>((resolve) => {
      const check = () => {
        const output = victim.output();
        if (doneLines(output) >= 3 && startedLines(output) > doneLines(output)) {
          victim.child.kill("SIGKILL");
          victim.child.stdout!.off("data", check);
          resolve();
        }
      };
      victim.child.stdout!.on("data", check);
    });
    await Promise.race([killed, new Promise((_, reject) => setTimeout(() => reject(new Error(`the victim never took a 4th job\n${victim.output()}`)), 600_000))]);
    expect(await victim.exited).toBeNull();
    const victimDone = doneLines(victim.output());

    const observer = await openDatabase(config, { migrate: false });
    cleanups.push(() => observer.close());
    let depth = await queueDepth(observer);
    await waitFor(
      "the surviving worker to drain the queue",
      async () => {
        depth = await queueDepth(observer);
        const batches = depth!.find((queue) => queue.name === "ingest-batch")!;
        return batches.pending === 0 && batches.active === 0;
      },
      900_000,
      () => `${JSON.stringify(depth)}\n${survivor.output().slice(-3000)}`,
    );
    const queuedSeconds = (performance.now() - queuedStarted) / 1000;
    const batches = depth!.find((queue) => queue.name === "ingest-batch")!;
    expect(batches).toEqual({ name: "ingest-batch", pending: 0, active: 0, failed: 0, completed: 2 * (ARTICLES / 10) });
    expect(victimDone + doneLines(survivor.output())).toBeGreaterThanOrEqual(2 * (ARTICLES / 10));
    // The victim's jobs were taken up again once their heartbeat stopped.
    const [{ retried }] = await observer.prisma.$queryRawUnsafe<{ retried: number }[]>(
      `SELECT count(*)::int AS retried FROM pgboss.job WHERE name = 'ingest-batch' AND retry_count > 0`,
    );
    expect(retried).toBeGreaterThanOrEqual(1);
    expect(survivor.output()).toMatch(/ingest-batch \S+ done in .*\(retry \d+\)/);

    // SIGTERM: no new jobs, running ones finish, exit 0.
    survivor.child.kill("SIGTERM");
    expect(await survivor.exited).toBe(0);
    expect(survivor.output()).toContain("SIGTERM: taking no new jobs");
    expect(survivor.output()).toContain("worker stopped");

    const actual = await snapshot(observer);
    expect(actual.orphans).toEqual({ eventsWithoutReport: 0, mentionsWithoutArticle: 0, claimsWithoutArticle: 0, actorsWithoutAlias: 0, articlesNeverExtracted: 0 });
    expect(actual.totals).toEqual(expected.totals);
    expect(actual.perArticle).toEqual(expected.perArticle);
    // Two workers resolving the same new actor at once would create it twice without the write lock.
    expect(actual.actors.distinctActorNames).toBe(actual.actors.actors);
    // Which actor a bare surname or an ambiguous alias joins depends on what was stored before it,
    // and the workers store the batches in another order than the reference: the actor count may
    // differ by a handful out of thousands, never the articles, mentions, claims or events above.
    expect(Math.abs(actual.actors.actors - expected.actors.actors)).toBeLessThanOrEqual(Math.ceil(expected.actors.actors * 0.002));
    console.log(
      `kill test: single process ${referenceSeconds.toFixed(0)} s for ${ARTICLES} articles; queued ${queuedSeconds.toFixed(0)} s for 2 × ${ARTICLES} ` +
        `(one of two workers killed after ${victimDone} jobs; includes the heartbeat wait)`,
    );
    console.log(`kill test: reference ${JSON.stringify(expected.actors)}, queued ${JSON.stringify(actual.actors)}; victim finished ${victimDone} jobs, ${retried} job(s) retried`);
  });
});
