// PostgreSQL outage while the server is serving: a PRIVATE cluster (initdb into a temporary
// directory, its own port; the shared server on 5432 is never touched) is stopped under a running
// server, which must answer with typed "database unavailable" errors and /readyz 503, then recover
// by itself once the cluster is back, with every acknowledged article still there.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { testDatabaseMode } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

const BIN = "/usr/lib/postgresql/15/bin";
// The cluster is private to this file, so running it once (in the embedded project) is enough.
const available = fs.existsSync(path.join(BIN, "initdb")) && testDatabaseMode() === "embedded" && process.platform === "linux";

let dir: string;
let port: number;
let db: Database | null = null;
let server: RunningServer | null = null;
let editorKey: string;

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses root). */
function pg(binary: string, args: string[]): string {
  const command = path.join(BIN, binary);
  const asRoot = process.getuid?.() === 0;
  return execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args, { encoding: "utf8", stdio: "pipe" });
}

const startCluster = () => pg("pg_ctl", ["-D", `${dir}/data`, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "-l", `${dir}/log`, "-w", "start"]);
const stopCluster = () => pg("pg_ctl", ["-D", `${dir}/data`, "-m", "fast", "-w", "stop"]);

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

async function post(query: string, variables?: unknown, key?: string) {
  const response = await fetch(server!.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

beforeAll(async () => {
  if (!available) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-private-pg-"));
  fs.chmodSync(dir, 0o777);
  port = await freePort();
  pg("initdb", ["-D", `${dir}/data`, "-A", "trust", "-U", "postgres", "--no-sync"]);
  startCluster();
  db = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/postgres`, dataDir: dir });
  editorKey = (await createApiKey(db.prisma, "EDITOR", "outage")).token;
  server = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
});

afterAll(async () => {
  if (!available) return;
  await server?.close().catch(() => {});
  await db?.close().catch(() => {});
  try {
    stopCluster();
  } catch {
    // already stopped
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!available)("PostgreSQL outage", () => {
  it("answers DATABASE_UNAVAILABLE and /readyz 503 while the database is down, recovers alone, loses nothing acknowledged", { timeout: 120_000 }, async () => {
    const ingest = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate article { id } } }`;
    const acknowledged: string[] = [];
    for (const country of ["Chile", "Peru", "Bolivia"]) {
      const result = await post(ingest, { input: { title: `${country} before the outage`, body: `${country} accused its neighbour of moving the border markers.` } }, editorKey);
      expect(result.json.errors).toBeUndefined();
      acknowledged.push(result.json.data.ingestArticle.article.id);
    }
    const base = `http://127.0.0.1:${server!.port}`;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    stopCluster();
    const read = await post("{ articles { totalCount } }");
    expect(read.json.errors?.[0]?.extensions?.code, JSON.stringify(read.json)).toBe("DATABASE_UNAVAILABLE");
    expect(read.json.errors[0].message).toMatch(/database is unavailable/i);
    // With a key, the key lookup itself needs the database: HTTP 503, same code.
    const write = await post(ingest, { input: { title: "During the outage", body: "Ecuador accused Colombia of spying." } }, editorKey);
    expect(write.status).toBe(503);
    expect(write.json.errors[0].extensions.code).toBe("DATABASE_UNAVAILABLE");
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "database unavailable" });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    startCluster();
    // No restart: the pool opens new connections once the database is back.
    let recovered: any = null;
    for (let attempt = 0; attempt < 60 && !recovered; attempt++) {
      const again = await post("{ articles(first: 100) { totalCount nodes { id title } } }");
      if (!again.json.errors) recovered = again.json.data;
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(recovered, "the server did not recover within 30 s").not.toBeNull();
    expect(recovered.articles.nodes.map((node: any) => node.id).sort()).toEqual([...acknowledged].sort());
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const after = await post(ingest, { input: { title: "After the outage", body: "Ecuador accused Colombia of spying." } }, editorKey);
    expect(after.json.errors).toBeUndefined();
  });
});
