// Crashes with real processes: `kill -9` an import in the middle of its writes, then the
// database opens again, the resumed import completes it, and the counts equal a clean run's
// (every article exactly once, nothing half-stored). SIGTERM under load: in-flight requests
// finish and are kept, new ones are refused, the exit code is 0.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import type { DatabaseConfig } from "../../src/config.js";
import { createTestDatabaseConfig } from "../support/database.js";
import { SHARED } from "../support/fixtures.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const drops: (() => Promise<void>)[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-crash-"));
const ARTICLES = 120;

afterAll(async () => {
  for (const drop of drops) await drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function envFor(config: DatabaseConfig): NodeJS.ProcessEnv {
  return { ...process.env, NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" };
}

function cli(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function counts(config: DatabaseConfig) {
  const db = await openDatabase(config, { migrate: false });
  try {
    const [articles, claims, mentions, events, actors, reports, hashes] = await Promise.all([
      db.prisma.article.count(),
      db.prisma.claim.count(),
      db.prisma.mention.count(),
      db.prisma.event.count(),
      db.prisma.actor.count(),
      db.prisma.eventReport.count(),
      db.prisma.article.groupBy({ by: ["contentHash"], _count: true }),
    ]);
    // Every stored article carries its extraction (the extractor's name is written with its facts).
    const unextracted = await db.prisma.article.count({ where: { extractedWith: null, duplicateOfId: null } });
    return { articles, claims, mentions, events, actors, reports, distinctHashes: hashes.length, unextracted };
  } finally {
    await db.close();
  }
}

describe("crashes", () => {
  it("kill -9 in the middle of an import: the database opens again and the resumed import equals a clean run", { timeout: 600_000 }, async () => {
    const lines = fs.readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8").split("\n").filter(Boolean).slice(0, ARTICLES);
    const input = path.join(tmp, "articles.jsonl");
    fs.writeFileSync(input, `${lines.join("\n")}\n`);

    const crashed = await createTestDatabaseConfig();
    drops.push(crashed.drop);
    const run = cli(["import", input], envFor(crashed.config));
    // Kill it once it has stored some articles but is far from done.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = [...run.output().matchAll(/progress (\d+)\/\d+/g)].pop();
        if (match && Number(match[1]) >= 20) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      run.exit.then((code) => {
        clearInterval(timer);
        reject(new Error(`the import ended (${code}) before it could be killed:\n${run.output()}`));
      });
    });
    run.child.kill("SIGKILL");
    expect(await run.exit).toBeNull();

    const afterCrash = await counts(crashed.config);
    expect(afterCrash.articles).toBeGreaterThan(0);
    expect(afterCrash.articles).toBeLessThan(ARTICLES);
    expect(afterCrash.distinctHashes).toBe(afterCrash.articles);
    expect(afterCrash.unextracted).toBe(0);

    const resumed = cli(["import", input, "--json"], envFor(crashed.config));
    expect(await resumed.exit, resumed.output()).toBe(0);

    const clean = await createTestDatabaseConfig();
    drops.push(clean.drop);
    const cleanRun = cli(["import", input, "--json"], envFor(clean.config));
    expect(await cleanRun.exit, cleanRun.output()).toBe(0);

    const [recovered, reference] = [await counts(crashed.config), await counts(clean.config)];
    expect(recovered).toEqual(reference);
    expect(recovered.articles).toBeGreaterThan(afterCrash.articles);
  });

  it("SIGTERM under load: in-flight requests finish and are kept, new ones are refused, exit code 0", { timeout: 300_000 }, async () => {
    const { config, drop } = await createTestDatabaseConfig();
    drops.push(drop);
    const env = { ...envFor(config), PORT: "0", HOST: "127.0.0.1", NEWSGRAPH_POLL: "0" };
    const server = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const exit = new Promise<number | null>((resolve) => server.on("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /ready in \d+ ms: (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      server.stdout!.on("data", onData);
      server.stderr!.on("data", onData);
      exit.then((code) => reject(new Error(`server exited with ${code}:\n${output}`)));
    });
    const key = fs.readFileSync(path.join(config.dataDir, "initial-admin-key"), "utf8").trim();

    // Slow requests (large articles to extract) and quick reads, all in flight at once.
    const corpus = fs.readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8").split("\n").filter(Boolean).slice(ARTICLES, ARTICLES + 40);
    const bodies = Array.from({ length: 4 }, (_, i) => corpus.slice(i * 10, i * 10 + 10).map((line) => JSON.parse(line).body).join("\n\n").repeat(3));
    // Each request on a connection of its own (no keep-alive pool): a pooled client may send a
    // queued request on an idle connection at the instant the draining server closes it, and then
    // that request was never in flight at all.
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; json: any }>((resolve, reject) => {
        const payload = JSON.stringify(body);
        const request = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } }, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            try {
              resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) });
            } catch (error) {
              reject(error);
            }
          });
          response.on("error", reject);
        });
        request.on("error", reject);
        request.end(payload);
      });
    const ingest = (i: number) =>
      post(
        {
          query: `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate article { id } } }`,
          variables: { input: { title: `Under load ${i}`, body: bodies[i].slice(0, 900_000) } },
        },
        { authorization: `Bearer ${key}` },
      );
    const read = () => post({ query: "{ articles(first: 50) { totalCount nodes { title } } }" });
    const inFlight = [...[0, 1, 2, 3].map(ingest), ...Array.from({ length: 16 }, read)];
    // A request sent after them and answered means the server has taken them all in (connections
    // are accepted in order); the extractions keep the ingests running well past the signal.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(url.replace("/graphql", "/healthz"))).status).toBe(200);
    server.kill("SIGTERM");
    // The signal is handled between requests; once the server says it is shutting down, a new
    // request is refused (connection refused, or 503 on a connection that was already open).
    while (!output.includes("SIGTERM: shutting down")) await new Promise((resolve) => setTimeout(resolve, 10));
    const late = await read().then(
      (result) => result.status,
      () => "refused",
    );
    expect([503, "refused"]).toContain(late);

    const results = await Promise.all(inFlight);
    for (const result of results) {
      expect(result.status, JSON.stringify(result.json).slice(0, 300)).toBe(200);
      expect(result.json.errors).toBeUndefined();
    }
    expect(await exit, output).toBe(0);

    // Everything acknowledged is stored.
    const db = await openDatabase(config, { migrate: false });
    try {
      const ids = results.slice(0, 4).map((result) => Number(Buffer.from(result.json.data.ingestArticle.article.id, "base64url").toString().split(":")[1]));
      expect(await db.prisma.article.count({ where: { id: { in: ids } } })).toBe(4);
    } finally {
      await db.close();
    }
  });
});
