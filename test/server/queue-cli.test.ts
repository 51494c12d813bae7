// `newsgraph import --queue --wait` and `newsgraph worker` as real processes, and the ADMIN-only
// `queue` field. In embedded mode there is no queue: the commands refuse with a usage error and
// the field says the queue is not enabled.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createTestDatabaseConfig, testDatabaseMode } from "../support/database.js";
import { runCli, type CliRun } from "../support/cli.js";
import { SHARED } from "../support/fixtures.js";
import { errorCodes, run } from "../support/graphql.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const postgres = testDatabaseMode() === "postgres";
const QUEUE_ENV = { NEWSGRAPH_QUEUE_SUPERVISE_SECONDS: "1", NEWSGRAPH_QUEUE_POLL_SECONDS: "0.5" };
const QUEUE_QUERY = `{ queue { enabled queues { name pending active failed completed } } }`;

let env: NodeJS.ProcessEnv;
let db: Database;
let drop: () => Promise<void>;
let work: string;
let file: string;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  const created = await createTestDatabaseConfig();
  drop = created.drop;
  env = created.config.url
    ? { ...QUEUE_ENV, DATABASE_URL: created.config.url }
    : { ...QUEUE_ENV, DATABASE_URL: "", NEWSGRAPH_DATA_DIR: created.config.dataDir };
  db = await openDatabase(created.config, { migrate: false });
  work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-queue-cli-"));
  const articles = fs
    .readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .slice(40, 47);
  // 7 articles, a bad line (4) and a repeat of the first article (9): 8 enqueued, 7 stored.
  file = path.join(work, "articles.jsonl");
  fs.writeFileSync(file, [...articles.slice(0, 3), '{"title": "cut off', ...articles.slice(3), articles[0]].join("\n") + "\n");
});

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  // Embedded mode: PGlite has one owner, and the commands below open it themselves.
  await db?.close();
  await drop?.();
  fs.rmSync(work, { recursive: true, force: true });
});

function cli(args: string[]): Promise<CliRun> {
  return runCli(args, env);
}

describe("the job queue from the command line", () => {
  it("refuses --wait without --queue", async () => {
    const result = await cli(["import", file, "--wait"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--wait goes with --queue");
  });

  it("shows the queue to ADMIN keys only", async () => {
    const asReader = await run(db, QUEUE_QUERY, undefined, undefined, { keyId: 1, role: "READER" });
    expect(errorCodes(asReader)).toEqual(["FORBIDDEN"]);
    // A fresh database: no worker or queued import has created the queue yet.
    expect((await run(db, QUEUE_QUERY)).data).toEqual({ queue: { enabled: false, queues: [] } });
  });

  it.skipIf(postgres)("has no queue in embedded mode: worker and import --queue are usage errors", async () => {
    // Both refuse before opening the database, so the test's open PGlite does not stand in the way.
    const worker = await cli(["worker"]);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain("the job queue needs PostgreSQL: set DATABASE_URL");
    const queued = await cli(["import", file, "--queue"]);
    expect(queued.code).toBe(2);
    expect(queued.stderr).toContain("--queue needs PostgreSQL (DATABASE_URL)");
  });

  it.skipIf(!postgres)("enqueues an import, waits for a worker to store it, and reports the workers' totals", { timeout: 300_000 }, async () => {
    const worker = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "worker", "--concurrency", "1", "--no-schedule"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    workers.push(worker);
    let log = "";
    worker.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    worker.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => worker.on("exit", resolve));

    const result = await cli(["import", file, "--queue", "--batch-size", "3", "--wait", "--progress", "lines"]);
    expect(result.code, result.stderr + log).toBe(0);
    expect(result.stdout).toContain("enqueued 8 articles in 3 ingest-batch jobs");
    expect(result.stderr).toContain(`bad ${file}:4: invalid JSON`);
    expect(result.stdout).toMatch(/progress \d+\/8/);
    expect(result.stdout).toContain("import finished: 8 of 8 articles stored by the workers");
    expect(result.stdout).toMatch(/^ {2}imported +7$/m);
    expect(result.stdout).toMatch(/^ {2}duplicates +1$/m);
    expect(result.stdout).toMatch(/^ {2}bad +1$/m);
    expect(result.stdout).toMatch(/^ {2}failed jobs +0$/m);
    expect(await db.prisma.article.count()).toBe(7);

    expect(log.split("\n").filter((line) => / ingest-batch \S+ done in /.test(line))).toHaveLength(3);
    expect((await run(db, QUEUE_QUERY)).data).toEqual({
      queue: {
        enabled: true,
        queues: [
          { name: "ingest-batch", pending: 0, active: 0, failed: 0, completed: 3 },
          { name: "poll-source", pending: 0, active: 0, failed: 0, completed: 0 },
        ],
      },
    });

    worker.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(log).toContain("worker stopped");
  });
});
