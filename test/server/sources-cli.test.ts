// `newsgraph sources …` as a real process against a fresh database of this project's mode and a
// feed served on 127.0.0.1: add, list, refresh (twice: nothing duplicated), pause, resume, update,
// remove (articles kept), refused values and unknown sources, usage errors; and in PostgreSQL mode
// `refresh --queue`, which enqueues one poll-source job per source however often it is asked.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import { queueDepth } from "../../src/ingest/queue/index.js";
import { createTestDatabaseConfig, testDatabaseMode } from "../support/database.js";
import { runCli, type CliRun } from "../support/cli.js";
import { SHARED } from "../support/fixtures.js";


interface CorpusLine {
  title: string;
  body: string;
}

/** Three real articles, long enough that the poller takes the feed's text and fetches no page. */
const STORIES: CorpusLine[] = fs
  .readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as CorpusLine)
  .filter((article) => article.body.length > 800 && article.body.length < 2000)
  .slice(0, 3);

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

let server: http.Server;
let base: string;
let config: DatabaseConfig;
let env: NodeJS.ProcessEnv;
let drop: () => Promise<void>;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url !== "/wire.xml") {
      res.writeHead(404);
      return res.end();
    }
    if (req.headers["if-none-match"] === '"wire-1"') {
      res.writeHead(304, { etag: '"wire-1"' });
      return res.end();
    }
    const items = STORIES.map(
      (story, index) =>
        `<item><title>${escape(story.title)}</title><link>${base}/story/${index}</link><description>${escape(story.body)}</description>` +
        `<pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>`,
    ).join("");
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: '"wire-1"' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${base}/</link>${items}</channel></rss>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ config, drop } = await createTestDatabaseConfig());
  env = config.url
    ? { DATABASE_URL: config.url, NEWSGRAPH_FETCH_ALLOW_HOSTS: "127.0.0.1" }
    : { DATABASE_URL: "", NEWSGRAPH_DATA_DIR: config.dataDir, NEWSGRAPH_FETCH_ALLOW_HOSTS: "127.0.0.1" };
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await drop?.();
});

function sources(...args: string[]): Promise<CliRun> {
  return runCli(["sources", ...args], env);
}

async function listed(): Promise<{ id: number; name: string; feedUrl: string | null; pollInterval: number; paused: boolean; lastStatus: number | null; itemsImported: number }[]> {
  const run = await sources("list", "--json");
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function articleCount(): Promise<number> {
  const db = await openDatabase(config, { migrate: false });
  try {
    return await db.prisma.article.count();
  } finally {
    await db.close();
  }
}

// Every step starts real processes (about 5 s each on an idle machine, much more under load).
describe("newsgraph sources", { timeout: 600_000 }, () => {
  it("adds a feed, lists it, polls it twice without duplicating anything", async () => {
    const added = await sources("add", "--name", "Local Wire", "--feed", `${base}/wire.xml`, "--interval", "300");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added source \d+: \d+\tLocal Wire\tFEED\t/);
    expect(await listed()).toMatchObject([{ name: "Local Wire", feedUrl: `${base}/wire.xml`, pollInterval: 300, paused: false, lastStatus: null }]);

    const first = await sources("refresh", "Local Wire");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("ok (HTTP 200), 3 items, 3 new");
    expect(await articleCount()).toBe(3);

    const second = await sources("refresh", "Local Wire");
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("not-modified (HTTP 304), 0 items, 0 new");
    expect(await articleCount()).toBe(3);
    expect(await listed()).toMatchObject([{ name: "Local Wire", lastStatus: 304, itemsImported: 3 }]);
  });

  it("pauses, resumes and updates a source by id or by name", async () => {
    const [{ id }] = await listed();
    const paused = await sources("pause", String(id));
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(new RegExp(`^paused source ${id}: .*\\tpaused\\t`));
    expect((await listed())[0]!.paused).toBe(true);

    const resumed = await sources("resume", "Local Wire");
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await listed())[0]!.paused).toBe(false);

    const renamed = await sources("update", String(id), "--name", "Wire", "--interval", "600");
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(await listed()).toMatchObject([{ id, name: "Wire", pollInterval: 600 }]);
  });

  it("refuses bad values, duplicates and unknown sources with exit 1, changing nothing", async () => {
    const before = await listed();
    const cases: [string[], string][] = [
      [["update", "Wire", "--interval", "30"], "invalid pollInterval: pollInterval must be a whole number of seconds from 60 to 604800"],
      [["add", "--name", "Wire", "--feed", `${base}/other.xml`], "invalid name: another source already has this name"],
      [["add", "--name", "Copy", "--feed", `${base}/wire.xml`], "invalid feedUrl: another source already has this feed URL"],
      [["pause", "999"], 'no source has the id or name "999"'],
    ];
    for (const [args, message] of cases) {
      const run = await sources(...args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toContain(message);
    }
    expect(await listed()).toEqual(before);
  });

  it("answers usage errors with exit 2 and the usage", async () => {
    for (const args of [["frobnicate"], ["add", "--feed", `${base}/wire.xml`], ["update", "Wire", "--interval", "soon"]]) {
      const run = await sources(...args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain("usage:");
    }
    if (testDatabaseMode() === "embedded") {
      const queued = await sources("refresh", "Wire", "--queue");
      expect(queued.code).toBe(2);
      expect(queued.stderr).toContain("--queue needs PostgreSQL (DATABASE_URL)");
    }
  });

  it.skipIf(testDatabaseMode() !== "postgres")("enqueues at most one waiting poll per source with refresh --queue", async () => {
    const first = await sources("refresh", "Wire", "--queue");
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^enqueued poll-source job [0-9a-f-]{36} for source \d+/);
    const again = await sources("refresh", "Wire", "--queue");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/a poll of source \d+ is already waiting in the queue/);
    const db = await openDatabase(config, { migrate: false });
    try {
      expect((await queueDepth(db))!.find((queue) => queue.name === "poll-source")).toMatchObject({ pending: 1, active: 0 });
    } finally {
      await db.close();
    }
  });

  it("removes a source and keeps its articles", async () => {
    const removed = await sources("remove", "Wire");
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/^removed source \d+ \(Wire\); its articles are kept/);
    expect(await listed()).toEqual([]);
    expect(await articleCount()).toBe(3);
  });
});
