// API keys over HTTP: every mutation refused without a key (UNAUTHENTICATED) and with a key whose
// role is too low (FORBIDDEN), nothing changed by a refused call; keys are created by the CLI,
// hashed at rest, revocable; reads can be closed by configuration.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Prisma } from "@prisma/client";
import {
  getNamedType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  isInterfaceType,
  isUnionType,
  type GraphQLInputType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSchema } from "../../src/graphql/schema.js";
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

/** A literal of the given input type that passes GraphQL's own coercion (required fields only). */
function literal(type: GraphQLInputType, name: string): string {
  if (type instanceof GraphQLNonNull) return literal(type.ofType, name);
  if (type instanceof GraphQLList) return `[${literal(type.ofType, name)}]`;
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLInputObjectType) {
    const fields = Object.values(type.getFields()).filter((field) => field.type instanceof GraphQLNonNull || /^(title|body|name|feedUrl)$/.test(field.name));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type, field.name)}`).join(", ")} }`;
  }
  const scalar = type as GraphQLScalarType;
  switch (scalar.name) {
    case "ID":
      return JSON.stringify(SOURCE_ID);
    case "Int":
    case "Float":
      return "1";
    case "Boolean":
      return "false";
    case "DateTimeISO":
      return JSON.stringify("2024-01-01T00:00:00.000Z");
    default:
      if (name === "feedUrl" || name === "url") return JSON.stringify("https://example.org/feed.xml");
      return JSON.stringify(`Auth probe ${name}: Chile accused Peru of moving the border markers.`);
  }
}

/** Every mutation of the schema, called with plausible arguments: new mutations are covered as they appear. */
function everyMutation(): [string, string][] {
  const mutation = getSchema().getMutationType();
  if (!mutation) return [];
  return Object.values(mutation.getFields()).map((field) => {
    const args = field.args.filter((arg) => arg.type instanceof GraphQLNonNull);
    const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type, arg.name)}`).join(", ")})` : "";
    const returned = getNamedType(field.type);
    const selection = returned instanceof GraphQLObjectType || isInterfaceType(returned) || isUnionType(returned) ? " { __typename }" : "";
    return [field.name, `mutation { ${field.name}${argText}${selection} }`];
  });
}

const MUTATIONS = everyMutation();
const RANK = { READER: 1, EDITOR: 2, ADMIN: 3 } as const;

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

/** Every row of every table (API keys aside: their lastUsedAt moves on every use), in a stable order. */
async function snapshot() {
  const tables: Record<string, string[]> = {};
  for (const model of Prisma.dmmf.datamodel.models) {
    if (model.name === "ApiKey") continue;
    const delegate = (db.prisma as any)[model.name[0].toLowerCase() + model.name.slice(1)];
    const rows: unknown[] = await delegate.findMany();
    tables[model.name] = rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? String(value) : value))).sort();
  }
  return tables;
}

describe("API keys and roles", () => {
  it("finds every mutation of the schema", () => {
    expect(MUTATIONS.map(([name]) => name)).toEqual(expect.arrayContaining(["ingestArticle", "addSource", "updateSource", "removeSource", "refreshSource"]));
  });

  for (const [name, query] of MUTATIONS) {
    it(`refuses ${name} without a key and with every key below its role, changing nothing`, async () => {
      const before = await snapshot();
      const anonymous = await post(server.url, query);
      expect(anonymous.json.errors?.[0].extensions.code, JSON.stringify(anonymous.json)).toBe("UNAUTHENTICATED");
      expect(anonymous.json.data ?? null).toBeNull();
      // The refusal names the role the mutation needs; every lower key is FORBIDDEN (READER always is).
      const role = /with the (READER|EDITOR|ADMIN) role/.exec(anonymous.json.errors[0].message)?.[1] as keyof typeof RANK;
      expect(role === "EDITOR" || role === "ADMIN", anonymous.json.errors[0].message).toBe(true);
      const tooLow = (Object.keys(RANK) as (keyof typeof RANK)[]).filter((candidate) => RANK[candidate] < RANK[role]);
      expect(tooLow).toContain("READER");
      for (const key of tooLow) {
        const refused = await post(server.url, query, keys[key]);
        expect(refused.json.errors?.[0].extensions.code, `${key}: ${JSON.stringify(refused.json)}`).toBe("FORBIDDEN");
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it("lets each role do what it may", async () => {
    const ingest = await post(
      server.url,
      `mutation { ingestArticle(input: { title: "Auth probe", body: "Chile accused Peru of moving the border markers." }) { duplicate } }`,
      keys.EDITOR,
    );
    expect(ingest.json).toEqual({ data: { ingestArticle: { duplicate: false } } });
    const add = await post(server.url, `mutation { addSource(input: { name: "Probe", feedUrl: "https://example.org/feed.xml" }) { source { id } } }`, keys.ADMIN);
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
