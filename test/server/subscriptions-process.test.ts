// The server process with a live subscription: SIGTERM closes the WebSocket (1001 Going away),
// releases the LISTEN connection (PostgreSQL mode) and exits 0 promptly.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "graphql-ws";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { createTestDatabaseConfig } from "../support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const drops: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const drop of drops) await drop();
});

function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NEWSGRAPH_SAMPLE: "0", NEWSGRAPH_POLL: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let ready = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in \d+ ms: (http:\/\/\S+) .*subscriptions: (ws:\/\/\S+)\)/.exec(output);
      if (match && !ready) {
        ready = true;
        clearTimeout(timer);
        child.removeAllListeners("exit");
        resolve({ child, url: match[2], output: () => output });
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

async function listeners(url: string | undefined): Promise<number> {
  if (!url) return 0;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'newsgraph-listen'`,
      [new URL(url).pathname.slice(1)],
    );
    return rows[0].n;
  } finally {
    await admin.end();
  }
}

describe("the server process with subscribers", () => {
  it("closes WebSockets with 1001, releases the LISTEN connection and exits 0 on SIGTERM", { timeout: 180_000 }, async () => {
    const { config, drop } = await createTestDatabaseConfig();
    drops.push(drop);
    const started = await start({ NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" });
    expect(started.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const closes: number[] = [];
    let acknowledged = false;
    const client = createClient({
      url: started.url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => void (acknowledged = true), closed: (event: any) => void closes.push(event.code) },
      onNonLazyError: () => {},
    });
    const errors: unknown[] = [];
    client.subscribe({ query: "subscription { articleAdded { title } }" }, { next: () => {}, error: (error) => void errors.push(error), complete: () => {} });
    await vi.waitFor(() => expect(acknowledged).toBe(true), { timeout: 20_000 });
    if (config.url) expect(await listeners(config.url)).toBe(1);

    const stoppedAt = Date.now();
    const code = await new Promise<number | null>((resolve) => {
      started.child.on("exit", (exitCode) => resolve(exitCode));
      started.child.kill("SIGTERM");
    });
    expect(code).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    await vi.waitFor(() => expect(closes).toEqual([1001]));
    expect(started.output()).not.toMatch(/shutdown failed|Internal error/);
    if (config.url) expect(await listeners(config.url)).toBe(0);
    await client.dispose();
  });
});
