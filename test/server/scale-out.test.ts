// Scale-out: two API processes on separate ports share one PostgreSQL database and see each
// other's writes at once, because they keep no state of their own. PostgreSQL mode only: an
// embedded PGlite directory belongs to one process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabaseConfig, testDatabaseMode } from "../support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Started {
  child: ChildProcess;
  url: string;
}

function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NEWSGRAPH_POLL: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  );
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in \d+ ms: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]! });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function call(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  const json = (await response.json()) as any;
  expect(json.errors).toBeUndefined();
  return json.data;
}

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate article { id } } }`;
const TITLES = `{ articles(first: 100) { totalCount nodes { id title } } accusations(first: 100) { totalCount } }`;

describe.skipIf(testDatabaseMode() !== "postgres")("two API processes on one PostgreSQL database", () => {
  it("serve on separate ports and see each other's writes", async () => {
    const { config, drop } = await createTestDatabaseConfig();
    cleanups.push(drop);
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-scale-out-"));
    cleanups.push(() => fs.rmSync(otherDir, { recursive: true, force: true }));

    // The first process creates the admin key in its data directory; the second finds a key in the database and creates none.
    const a = await start({ DATABASE_URL: config.url!, NEWSGRAPH_DATA_DIR: config.dataDir, NEWSGRAPH_SAMPLE: "0" });
    const token = fs.readFileSync(path.join(config.dataDir, "initial-admin-key"), "utf8").trim();
    const b = await start({ DATABASE_URL: config.url!, NEWSGRAPH_DATA_DIR: otherDir, NEWSGRAPH_SAMPLE: "0" });
    expect(new URL(a.url).port).not.toBe(new URL(b.url).port);
    expect(fs.existsSync(path.join(otherDir, "initial-admin-key"))).toBe(false);

    const first = await call(
      a.url,
      INGEST,
      {
        input: {
          title: "Ministry accuses neighbour of shelling border villages",
          body: "The Foreign Ministry of Armenia accused Azerbaijan of shelling border villages on Tuesday. Azerbaijan rejected the accusation.",
          url: "https://example.org/scale-out/1",
          publishedAt: "2024-03-05",
          sourceName: "Scale-out wire",
        },
      },
      token,
    );
    expect(first.ingestArticle.duplicate).toBe(false);
    const seenByB = await call(b.url, TITLES);
    expect(seenByB.articles.nodes.map((node: any) => node.id)).toEqual([first.ingestArticle.article.id]);

    const second = await call(
      b.url,
      INGEST,
      {
        input: {
          title: "Government accuses rebels of breaking the ceasefire",
          body: "The government of Colombia accused the rebels of breaking the ceasefire near the river on Friday.",
          url: "https://example.org/scale-out/2",
          publishedAt: "2024-03-08",
          sourceName: "Scale-out wire",
        },
      },
      token,
    );
    // The same article sent to the other process is recognised as stored: deduplication lives in the database.
    const again = await call(
      a.url,
      INGEST,
      {
        input: {
          title: "Government accuses rebels of breaking the ceasefire",
          body: "The government of Colombia accused the rebels of breaking the ceasefire near the river on Friday.",
          url: "https://example.org/scale-out/2",
          publishedAt: "2024-03-08",
          sourceName: "Scale-out wire",
        },
      },
      token,
    );
    expect(again.ingestArticle).toEqual({ duplicate: true, article: { id: second.ingestArticle.article.id } });

    const fromA = await call(a.url, TITLES);
    const fromB = await call(b.url, TITLES);
    expect(fromA).toEqual(fromB);
    expect(fromA.articles.totalCount).toBe(2);
    expect(fromA.accusations.totalCount).toBeGreaterThan(0);
  });
});
