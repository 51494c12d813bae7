// The structured log of a real server process (`src/server/main.ts`, NODE_ENV=production): JSON
// lines for lifecycle events and one per request, and never an API key, an Authorization header
// or an article body, whatever the requests carried.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/server/logger.js";
import { createTestDatabaseConfig } from "../support/database.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const drops: (() => Promise<void>)[] = [];
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  for (const drop of drops) await drop();
});

function start(env: NodeJS.ProcessEnv): Promise<{ url: string; output: () => string }> {
  child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", NODE_ENV: "production", NEWSGRAPH_SAMPLE: "0", NEWSGRAPH_POLL: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 150_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ready in \d+ ms: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], output: () => output });
      }
    };
    child!.stdout!.on("data", onData);
    child!.stderr!.on("data", onData);
    child!.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

function stop(): Promise<number | null> {
  child!.removeAllListeners("exit");
  return new Promise((resolve) => {
    child!.once("exit", (code) => resolve(code));
    child!.kill("SIGTERM");
  });
}

const BODY_MARKER = "Quokka-harbour-7f3a";
const WRONG_KEY = "ng_wrong_key_0123456789abcdefghijklmnopqrstuvwxyz";

describe("the server process's log", () => {
  it("is JSON lines with a line per request, and never holds a key, an Authorization header or an article body", async () => {
    const { config, drop } = await createTestDatabaseConfig();
    drops.push(drop);
    const started = await start({ NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" });
    const adminKey = fs.readFileSync(path.join(config.dataDir, "initial-admin-key"), "utf8").trim();
    const body = `Italy accused France of lying about the ${BODY_MARKER} accord. Spain rejected the accusation.`;

    const ingest = await fetch(started.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}`, "x-request-id": "ingest-1" },
      body: JSON.stringify({
        query: "mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }",
        variables: { input: { title: "Italy accuses France", body } },
      }),
    });
    expect(ingest.status).toBe(200);
    expect(((await ingest.json()) as any).data.ingestArticle.claimCount).toBeGreaterThan(0);

    const wrongKey = await fetch(started.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": WRONG_KEY },
      body: JSON.stringify({ query: "{ articles { totalCount } }" }),
    });
    expect(wrongKey.status).toBe(401);
    await wrongKey.arrayBuffer();

    // A document and variables in the query string: the log keeps the path only.
    const search = new URLSearchParams({ query: "query Find($q: String!) { search(query: $q) { totalCount } }", variables: JSON.stringify({ q: BODY_MARKER }) });
    const get = await fetch(`${started.url}?${search}`, { headers: { accept: "application/json", "apollo-require-preflight": "1", authorization: `Bearer ${adminKey}` } });
    await get.arrayBuffer();

    // A request error in production mode: no stack trace for the client.
    const invalid = await fetch(started.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ secrets }" }) });
    expect(((await invalid.json()) as any).errors[0].extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });

    expect(await stop()).toBe(0);
    const output = started.output();
    expect(output).not.toContain(adminKey);
    expect(output).not.toContain(adminKey.slice(3, 20));
    expect(output).not.toContain(WRONG_KEY);
    expect(output).not.toContain(BODY_MARKER);
    expect(output).not.toMatch(/Bearer|x-api-key/i);

    const records = output.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
    expect(records.every((record) => typeof record.time === "string" && typeof record.level === "string" && typeof record.msg === "string")).toBe(true);
    const events = records.map((record) => record.event).filter(Boolean);
    expect(events).toEqual(expect.arrayContaining(["database", "initial-admin-key", "ready", "shutdown", "stopped"]));
    const requests = records.filter((record) => record.msg === "request");
    expect(requests.find((record) => record.requestId === "ingest-1")).toMatchObject({ method: "POST", path: "/graphql", status: 200, operationName: "Ingest", errorCodes: [] });
    expect(requests.find((record) => record.status === 401)).toMatchObject({ errorCodes: ["UNAUTHENTICATED"] });
    expect(requests.find((record) => record.operationName === "Find")).toMatchObject({ method: "GET", path: "/graphql" });
    expect(requests.find((record) => record.errorCodes?.[0] === "GRAPHQL_VALIDATION_FAILED")).toMatchObject({ status: 400 });
  }, 240_000);

  it("censors secrets and bodies even when a record carries them", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    });
    const logger = createLogger({ destination });
    logger.info({ headers: { authorization: "Bearer ng_secret", "x-api-key": "ng_secret2" }, input: { body: BODY_MARKER }, token: "ng_secret3", apiKey: "ng_secret4" }, "careless");
    const text = lines.join("");
    expect(text).toContain("careless");
    expect(text).toContain("[redacted]");
    expect(text).not.toMatch(/ng_secret|Quokka/);
  });
});
