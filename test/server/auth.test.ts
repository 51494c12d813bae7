// API keys over HTTP: every mutation refused without a key (UNAUTHENTICATED) and with a key whose
// role is too low (FORBIDDEN), nothing changed by a refused call; keys are created by the CLI,
// hashed at rest, revocable; reads can be closed by configuration.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, createTestDatabaseConfig, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let db: TestDatabase;
let server: RunningServer;
let closed: RunningServer;
const keys: Record<string, string> = {};

async function post(url: string, query: string, key?: string) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const SOURCE_ID = Buffer.from("Source:1").toString("base64url");
const MUTATIONS: [string, string, "EDITOR" | "ADMIN"][] = [
  [
    "ingestArticle",
    `mutation { ingestArticle(input: { title: "Auth probe", body: "Chile accused Peru of moving the border markers." }) { duplicate } }`,
    "EDITOR",
  ],
  ["addSource", `mutation { addSource(input: { name: "Probe", feedUrl: "https://example.org/feed.xml" }) { source { id } } }`, "ADMIN"],
  ["updateSource", `mutation { updateSource(input: { id: "${SOURCE_ID}", paused: true }) { source { id } } }`, "ADMIN"],
  ["removeSource", `mutation { removeSource(id: "${SOURCE_ID}") { removedSourceId } }`, "ADMIN"],
  ["refreshSource", `mutation { refreshSource(id: "${SOURCE_ID}") { status } }`, "ADMIN"],
];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.source.create({ data: { name: "Existing", kind: "FEED", feedUrl: "https://example.org/existing.xml" } });
  for (const role of ["READER", "EDITOR", "ADMIN"] as const) keys[role] = (await createApiKey(db.prisma, role, `${role} test key`)).token;
  server = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
  closed = await startHttpServer({ db, settings: TEST_SETTINGS, readsRequireKey: true }, 0);
});

afterAll(async () => {
  await server?.close();
  await closed?.close();
  await db?.destroy();
});

async function snapshot() {
  return { articles: await db.prisma.article.count(), sources: await db.prisma.source.findMany({ orderBy: { id: "asc" } }) };
}

describe("API keys and roles", () => {
  for (const [name, query, role] of MUTATIONS) {
    it(`refuses ${name} without a key and with a key below ${role}, changing nothing`, async () => {
      const before = await snapshot();
      const anonymous = await post(server.url, query);
      expect(anonymous.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(anonymous.json.errors[0].message).toContain(role);
      const tooLow = role === "ADMIN" ? [keys.READER, keys.EDITOR] : [keys.READER];
      for (const key of tooLow) {
        const refused = await post(server.url, query, key);
        expect(refused.json.errors[0].extensions.code).toBe("FORBIDDEN");
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("lets each role do what it may", async () => {
    const ingest = await post(server.url, MUTATIONS[0][1], keys.EDITOR);
    expect(ingest.json).toEqual({ data: { ingestArticle: { duplicate: false } } });
    const add = await post(server.url, MUTATIONS[1][1], keys.ADMIN);
    expect(add.json.errors).toBeUndefined();
    const read = await post(server.url, "{ articles { totalCount } }");
    expect(read.json).toEqual({ data: { articles: { totalCount: 1 } } });
  });

  it("refuses a wrong or revoked key with 401, whatever the operation", async () => {
    const wrong = await post(server.url, "{ articles { totalCount } }", "ng_not-a-real-key");
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const { key, token } = await createApiKey(db.prisma, "EDITOR", "to revoke");
    expect((await post(server.url, "{ articles { totalCount } }", token)).status).toBe(200);
    await revokeApiKey(db.prisma, key.id);
    expect((await post(server.url, "{ articles { totalCount } }", token)).status).toBe(401);
  });

  it("stores only a hash of each key", async () => {
    const stored = await db.prisma.apiKey.findMany();
    for (const token of Object.values(keys)) {
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(stored.some((key) => token.startsWith(key.prefix))).toBe(true);
    }
  });

  it("closes reads when configured, and opens them to any valid key", async () => {
    const anonymous = await post(closed.url, "{ articles { totalCount } }");
    expect(anonymous.status).toBe(401);
    const reader = await post(closed.url, "{ articles { totalCount } }", keys.READER);
    expect(reader.status).toBe(200);
  });

  it("creates and lists keys from the command line, printing the token once", async () => {
    // A database of its own: in embedded mode this test process holds the other one's data directory.
    const { config, drop } = await createTestDatabaseConfig();
    const env = { ...process.env, NEWSGRAPH_DATA_DIR: config.dataDir, DATABASE_URL: config.url ?? "" };
    try {
      const created = spawnSync(
        process.execPath,
        ["--import", "tsx", "src/cli/main.ts", "keys", "create", "--role", "editor", "--name", "cli"],
        {
          cwd: root,
          env,
          encoding: "utf8",
        },
      );
      expect(created.status).toBe(0);
      const token = created.stdout.trim();
      expect(token).toMatch(/^ng_/);
      const listed = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "keys", "list"], {
        cwd: root,
        env,
        encoding: "utf8",
      });
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain("EDITOR");
      expect(listed.stdout).toContain("cli");
      expect(listed.stdout).not.toContain(token);
    } finally {
      await drop();
    }
  });
});
