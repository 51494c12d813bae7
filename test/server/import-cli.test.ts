// `newsgraph import` as a real process against a fresh database of this project's mode: JSONL with
// bad lines, a directory, a feed file, a feed and JSONL served over HTTP, resuming (a second run
// stores nothing and reports duplicates), and the exit codes of usage and fatal errors.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProgressReporter } from "../../src/cli/progress.js";
import type { DatabaseConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/client.js";
import type { ImportProgress, ImportSummary } from "../../src/ingest/import/index.js";
import { runCli } from "../support/cli.js";
import { createTestDatabaseConfig } from "../support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shared = path.resolve(root, "../shared");
const drops: (() => Promise<void>)[] = [];
let work: string;

interface Corpus {
  title: string;
  body: string;
  url: string;
  publishedAt: string;
  source: string;
}

/** Short Wikinews articles, read in place: each line of the JSONL files the tests write. */
const corpus: Corpus[] = fs
  .readFileSync(path.join(shared, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as Corpus)
  .filter((article) => article.body.length > 600 && article.body.length < 2500)
  .slice(0, 20);

const line = (article: Corpus) =>
  JSON.stringify({ title: article.title, body: article.body, url: article.url, publishedAt: article.publishedAt, source: article.source });

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-import-cli-"));
});

afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(work, { recursive: true, force: true });
});

async function freshDatabase(): Promise<{ config: DatabaseConfig; env: NodeJS.ProcessEnv }> {
  const { config, drop } = await createTestDatabaseConfig();
  drops.push(drop);
  const env = config.url ? { DATABASE_URL: config.url } : { NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: "" };
  return { config, env };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return runCli(args, { NEWSGRAPH_FETCH_ALLOW_HOSTS: "", ...env }, 50_000);
}

/** Runs `import … --json` and returns the summary it printed on stdout. */
async function importJson(args: string[], env: NodeJS.ProcessEnv): Promise<Run & { summary: ImportSummary }> {
  const run = await cli(["import", ...args, "--json"], env);
  expect(run.code, run.stderr).toBe(0);
  const last = run.stdout.trim().split("\n").pop()!;
  return { ...run, summary: JSON.parse(last) as ImportSummary };
}

/** The numbers of the human summary ("  imported   5"). */
function summaryNumbers(text: string): Record<string, number> {
  const numbers: Record<string, number> = {};
  for (const match of text.matchAll(/^ {2}(imported|near-duplicates|duplicates|skipped|bad lines) +(\d+)/gm)) numbers[match[1]!] = Number(match[2]);
  return numbers;
}

async function inDatabase<T>(config: DatabaseConfig, read: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase(config, { migrate: false });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

describe("newsgraph import", () => {
  it("imports a JSONL file, reports bad lines by number, and stores nothing on a second run", async () => {
    const { config, env } = await freshDatabase();
    const articles = corpus.slice(0, 6);
    const nearDuplicate = { ...articles[0]!, title: "A new headline over the same wire story", url: "https://example.org/rewrite" };
    const lines = [
      ...articles.slice(0, 3).map(line), // lines 1-3
      '{"title": "cut off", "body": ', // 4: invalid JSON
      JSON.stringify({ body: "A body without a title, which is not enough to store." }), // 5: missing title
      "", // blank lines are not records
      ...articles.slice(3).map(line), // 7-9
      JSON.stringify({ title: "Impossible date", body: "Some text about something.", publishedAt: "2024-02-31" }), // 10
      JSON.stringify({ title: 42, body: "A number is not a title." }), // 11
      line(nearDuplicate), // 12
    ];
    const file = path.join(work, "articles.jsonl");
    fs.writeFileSync(file, `${lines.join("\n")}\n`);

    const first = await cli(["import", file], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("import finished: 11 records from 1 source");
    expect(summaryNumbers(first.stdout)).toEqual({ imported: 6, "near-duplicates": 1, duplicates: 0, skipped: 0, "bad lines": 4 });
    expect(first.stdout).toMatch(/bad lines +4 +\(.*invalid JSON: 1/);
    expect(first.stdout).toMatch(/elapsed +[\d.]+s +\([\d.]+ articles\/s\)/);
    expect(first.stderr).toContain(`bad ${file}:4: invalid JSON`);
    expect(first.stderr).toContain(`bad ${file}:5: missing field "title"`);
    expect(first.stderr).toContain(`bad ${file}:10: invalid publishedAt`);
    expect(first.stderr).toContain(`bad ${file}:11: field "title" is a number`);

    const second = await importJson([file], env);
    expect(second.summary).toMatchObject({ processed: 11, total: 11, imported: 0, nearDuplicates: 0, duplicates: 7, skipped: 0, bad: 4 });
    expect(second.summary.badByReason).toEqual({ "invalid JSON": 1, 'missing field "title"': 1, "invalid publishedAt": 1, 'field "title" not a string': 1 });
    expect(second.summary.problems.map((problem) => problem.at.line)).toEqual([4, 5, 10, 11]);

    await inDatabase(config, async (db) => {
      const stored = await db.prisma.article.findMany({ select: { title: true, url: true, duplicateOfId: true, source: { select: { name: true } } }, orderBy: { id: "asc" } });
      expect(stored.map((article) => article.url)).toEqual([...articles.map((article) => article.url), nearDuplicate.url]);
      expect(stored.filter((article) => article.duplicateOfId !== null).map((article) => article.title)).toEqual([nearDuplicate.title]);
      expect(new Set(stored.map((article) => article.source?.name))).toEqual(new Set(articles.map((article) => article.source)));
      expect(await db.prisma.mention.count()).toBeGreaterThan(0);
    });
  });

  it("imports a directory: its .jsonl files in name order and each .txt as one article", async () => {
    const { config, env } = await freshDatabase();
    const dir = path.join(work, "dir");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "b.jsonl"), `${corpus.slice(8, 10).map(line).join("\n")}\n`);
    fs.writeFileSync(path.join(dir, "a.jsonl"), `${corpus.slice(6, 8).map(line).join("\n")}\nnot json\n`);
    const text = corpus[10]!;
    fs.writeFileSync(path.join(dir, "c.txt"), `${text.title}\n\n${text.body}\n`);
    fs.writeFileSync(path.join(dir, "empty.txt"), "\n\n");
    fs.writeFileSync(path.join(dir, "README.md"), "# not an article\n");

    const first = await importJson([dir, "--source", "Local files"], env);
    expect(first.summary.sources.map((source) => path.basename(source))).toEqual(["a.jsonl", "b.jsonl", "c.txt", "empty.txt"]);
    expect(first.summary.ignoredFiles.map((file) => path.basename(file))).toEqual(["README.md"]);
    expect(first.summary).toMatchObject({ processed: 7, imported: 5, duplicates: 0, skipped: 1, bad: 1, skippedByReason: { "empty file": 1 } });
    expect(first.stderr).toContain(`bad ${path.join(dir, "a.jsonl")}:3: invalid JSON`);
    expect(first.stderr).toContain(`skipped ${path.join(dir, "empty.txt")}: empty file`);

    const second = await importJson([dir], env);
    expect(second.summary).toMatchObject({ processed: 7, imported: 0, duplicates: 5, skipped: 1, bad: 1 });

    await inDatabase(config, async (db) => {
      const stored = await db.prisma.article.findMany({ select: { title: true, source: { select: { name: true } } }, orderBy: { id: "asc" } });
      expect(stored.map((article) => article.title)).toEqual([...corpus.slice(6, 11).map((article) => article.title)]);
      expect(stored[4]!.source?.name).toBe("Local files"); // the .txt article carries no source of its own
    });
  });

  it("imports a feed file item by item and skips items without text", async () => {
    const { config, env } = await freshDatabase();
    const bbc = path.join(shared, "feeds/bbc-news-home_2019-05-08.rss.xml");
    const first = await importJson([bbc], env);
    expect(first.summary).toMatchObject({ processed: 38, total: 38, imported: 38, duplicates: 0, skipped: 0, bad: 0 });
    const second = await importJson([bbc], env);
    expect(second.summary).toMatchObject({ processed: 38, imported: 0, duplicates: 38 });

    // The White House feed has titles and links but no description: nothing to import.
    const whitehouse = await importJson([path.join(shared, "feeds/whitehouse-briefing-room_2026-08-21.rss.xml")], env);
    expect(whitehouse.summary).toMatchObject({ processed: 30, imported: 0, skipped: 30, skippedByReason: { "no text": 30 } });
    expect(whitehouse.stderr).toMatch(/skipped .*whitehouse-briefing-room_2026-08-21\.rss\.xml item 1 \(https:\/\/www\.whitehouse\.gov\/\S+\): no text/);

    await inDatabase(config, async (db) => {
      expect(await db.prisma.article.count()).toBe(38);
      const sources = await db.prisma.source.findMany({ select: { name: true, _count: { select: { articles: true } } } });
      expect(sources).toEqual([{ name: "BBC News - Home", _count: { articles: 38 } }]);
      const article = await db.prisma.article.findFirstOrThrow({ where: { url: { not: null } }, orderBy: { id: "asc" } });
      expect(article.url).toMatch(/^https:\/\/www\.bbc\.(co\.uk|com)\//);
      expect(article.publishedAt?.getUTCFullYear()).toBe(2019);
    });
  });

  describe("from a URL", () => {
    let server: http.Server;
    let base: string;
    const reuters = fs.readFileSync(path.join(shared, "feeds/reuters-world_2018-01-30.rss.xml"));

    beforeAll(async () => {
      server = http.createServer((request, response) => {
        if (request.url === "/world.rss") {
          response.writeHead(200, { "content-type": "application/rss+xml" }).end(reuters);
        } else if (request.url === "/export") {
          response.writeHead(200, { "content-type": "application/x-ndjson" }).end(`${corpus.slice(11, 14).map(line).join("\n")}\n{oops\n`);
        } else {
          response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it("fetches a feed, or JSONL when the Content-Type says so", async () => {
      const { config, env } = await freshDatabase();
      const allowed = { ...env, NEWSGRAPH_FETCH_ALLOW_HOSTS: "127.0.0.1" };

      const feed = await importJson([`${base}/world.rss`], allowed);
      expect(feed.summary).toMatchObject({ processed: 10, imported: 10, bad: 0 });
      const jsonl = await importJson([`${base}/export`], allowed);
      expect(jsonl.summary).toMatchObject({ processed: 4, imported: 3, bad: 1, badByReason: { "invalid JSON": 1 } });
      expect(jsonl.stderr).toContain(`bad ${base}/export:4: invalid JSON`);
      const again = await importJson([`${base}/world.rss`], allowed);
      expect(again.summary).toMatchObject({ processed: 10, imported: 0, duplicates: 10 });

      await inDatabase(config, async (db) => {
        expect(await db.prisma.article.count()).toBe(13);
        expect(await db.prisma.article.count({ where: { source: { name: "Reuters: World News" } } })).toBe(10);
      });
    });

    it("refuses a private address unless allowed, and fails on an HTTP error, with exit code 1", async () => {
      const { config, env } = await freshDatabase();
      const blocked = await cli(["import", `${base}/world.rss`], env);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/fatal: cannot fetch .*BLOCKED_ADDRESS/);
      const missing = await cli(["import", `${base}/gone.rss`], { ...env, NEWSGRAPH_FETCH_ALLOW_HOSTS: "127.0.0.1" });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/fatal: cannot fetch .*HTTP_ERROR: HTTP 404/);
      await inDatabase(config, async (db) => expect(await db.prisma.article.count()).toBe(0));
    });
  });

  it("exits 2 on usage errors and 1 on an unreadable file or an unavailable database", async () => {
    const { env } = await freshDatabase();
    const none = await cli(["import"], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("missing the file, directory or URL to import");
    const unknown = await cli(["import", "x.jsonl", "--frobnicate"], env);
    expect(unknown.code).toBe(2);
    const limit = await cli(["import", "x.jsonl", "--limit", "zero"], env);
    expect(limit.code).toBe(2);

    const missing = await cli(["import", path.join(work, "no-such-file.jsonl")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/fatal: cannot read .*no-such-file\.jsonl: no such file or directory/);

    const notFeed = path.join(work, "notes.md");
    fs.writeFileSync(notFeed, "# notes\n");
    const unreadable = await cli(["import", notFeed], env);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toMatch(/fatal: .*notes\.md is not JSONL or a feed/);

    const file = path.join(work, "one.jsonl");
    fs.writeFileSync(file, `${line(corpus[0]!)}\n`);
    const down = await cli(["import", file], { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/newsgraph_nowhere" });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/fatal: cannot open the PostgreSQL database/);
  });

  it("keeps the schema command", async () => {
    // Whether schema.graphql is current is schema.test.ts's business; here: the command still runs.
    const run = await cli(["schema", "--check"], {});
    expect([0, 1]).toContain(run.code);
    expect(run.stdout + run.stderr).toMatch(/schema\.graphql is (up to date|out of date)/);
    const help = await cli(["--help"], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/schema --check[\s\S]*import <input>/);
  });
});

describe("import progress", () => {
  function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
    const stream = { isTTY, columns: 100, text: "", write: (chunk: string) => ((stream.text += chunk), true) };
    return stream as unknown as NodeJS.WriteStream & { text: string };
  }
  const at = (processed: number): ImportProgress => ({
    processed,
    total: 6517,
    imported: processed - 10,
    nearDuplicates: 0,
    duplicates: 10,
    skipped: 0,
    bad: 0,
    elapsedMs: (processed / 183) * 1000,
    rate: 183,
    etaMs: ((6517 - processed) / 183) * 1000,
    current: "whitehouse.jsonl",
  });

  it("writes a plain line every 100 records when the output is not a terminal", () => {
    const stream = fakeStream(false);
    const reporter = new ProgressReporter(stream, "lines");
    for (let n = 1101; n <= 1200; n += 1) reporter.update(at(n));
    expect(stream.text).toBe("progress 1200/6517 (183/s, ETA 29s): 1190 new, 10 dup\n");
  });

  it("redraws one bar line on a terminal and clears it for log lines", () => {
    const stream = fakeStream(true);
    const reporter = new ProgressReporter(stream, "bar");
    reporter.update(at(1200));
    expect(stream.text).toMatch(/^\r\x1b\[2K\[█+░+\] +18% 1200\/6517 \(183\/s, ETA 29s\) 1190 new, 10 dup$/);
    stream.text = "";
    reporter.log("bad file.jsonl:3: invalid JSON");
    expect(stream.text.startsWith("\r\x1b[2Kbad file.jsonl:3: invalid JSON\n\r\x1b[2K[")).toBe(true);
    stream.text = "";
    reporter.finish();
    expect(stream.text).toBe("\r\x1b[2K");
  });
});
