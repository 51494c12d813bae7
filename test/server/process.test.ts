// `npm start` as a real process: it migrates an empty database, loads the sample articles, serves,
// stops cleanly on SIGTERM, and a second start migrates nothing and loses nothing.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabaseConfig } from "../support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const drops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const drop of drops) await drop();
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in \d+ ms: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function stop(started: Started): Promise<number | null> {
  started.child.removeAllListeners("exit");
  return new Promise((resolve) => {
    started.child.on("exit", (code) => resolve(code));
    started.child.kill("SIGTERM");
  });
}

async function articleTitles(url: string): Promise<string[]> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ articles(first: 100) { totalCount nodes { title } } accusations { totalCount } }" }),
  });
  const json = (await response.json()) as any;
  expect(json.errors).toBeUndefined();
  expect(json.data.articles.totalCount).toBe(json.data.articles.nodes.length);
  expect(json.data.accusations.totalCount).toBeGreaterThan(0);
  return json.data.articles.nodes.map((node: any) => node.title).sort();
}

describe("the server process", () => {
  it("migrates and loads samples on first start; a second start migrates nothing and loses nothing", async () => {
    const { config, drop } = await createTestDatabaseConfig({ empty: true });
    drops.push(drop);
    const env = { NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" };

    const first = await start(env);
    expect(first.output()).toMatch(/migrations applied now: 20\d+_init/);
    expect(first.output()).toMatch(/loaded 5 sample articles/);
    const titles = await articleTitles(first.url);
    expect(titles).toHaveLength(5);
    // The first admin key is written to a file only its owner can read, and never logged.
    const keyFile = path.join(config.dataDir, "initial-admin-key");
    const token = fs.readFileSync(keyFile, "utf8").trim();
    expect(token).toMatch(/^ng_[A-Za-z0-9_-]{40,}$/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.output()).not.toContain(token);
    expect(first.output()).toContain(keyFile);
    expect(await stop(first)).toBe(0);

    const second = await start(env);
    expect(second.output()).toContain("migrations applied now: none");
    expect(second.output()).not.toContain("sample articles");
    expect(second.output()).not.toContain("created the first ADMIN API key");
    expect(await articleTitles(second.url)).toEqual(titles);
    expect(await stop(second)).toBe(0);
  });

  it("starts without samples when NEWSGRAPH_SAMPLE=0", async () => {
    const { config, drop } = await createTestDatabaseConfig();
    drops.push(drop);
    const env = { NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" };
    const started = await start({ ...env, NEWSGRAPH_SAMPLE: "0" });
    const response = await fetch(started.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ articles { totalCount } }" }),
    });
    expect(await response.json()).toEqual({ data: { articles: { totalCount: 0 } } });
    expect(await stop(started)).toBe(0);
  });
});
