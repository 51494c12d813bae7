// Bad input over HTTP, on a real server on port 0: each case gets a clear typed error, asserted
// together with `data` and the HTTP status, and changes nothing that is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let server: RunningServer;
let editorKey: string;
let readerKey: string;
let adminKey: string;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

/** Everything a bad request could have changed. */
async function stored() {
  const [articles, claims, actors, sources] = await Promise.all([db.prisma.article.count(), db.prisma.claim.count(), db.prisma.actor.count(), db.prisma.source.count()]);
  return { articles, claims, actors, sources };
}

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");
const error = (code: string, extra: Record<string, unknown> = {}) => ({ message: expect.any(String), extensions: { code, ...extra } });
const located = (code: string, path: string[], extra: Record<string, unknown> = {}) => ({ ...error(code, extra), locations: expect.any(Array), path });

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startHttpServer({ db, settings: TEST_SETTINGS, maxRequestBytes: 100_000, maxBatch: 3 }, 0);
  editorKey = (await createApiKey(db.prisma, "EDITOR", "bad input")).token;
  readerKey = (await createApiKey(db.prisma, "READER", "bad input")).token;
  adminKey = (await createApiKey(db.prisma, "ADMIN", "bad input")).token;
  const ingest = await post(
    { query: `mutation { ingestArticle(input: { title: "Italy accuses France", body: "Italy accused France of lying about the border." }) { claimCount } }` },
    { authorization: `Bearer ${editorKey}` },
  );
  expect(ingest.json).toEqual({ data: { ingestArticle: { claimCount: 1 } } });
});

afterAll(async () => {
  await server?.close();
  await db?.destroy();
});

describe("bad input over HTTP", () => {
  const cases: { what: string; body: unknown; headers?: () => Record<string, string>; status: number; json: unknown }[] = [
    {
      what: "a well-formed id of nothing",
      body: { query: "query ($id: ID!) { node(id: $id) { id } article(id: $id) { title } }", variables: { id: globalId("Article", 999_999) } },
      status: 200,
      json: { data: { node: null, article: null } },
    },
    {
      what: "a malformed global id",
      body: { query: `{ node(id: "not-an-id!") { id } }` },
      status: 200,
      json: { data: { node: null }, errors: [located("BAD_USER_INPUT", ["node"], { field: "id" })] },
    },
    {
      what: "a malformed id in a list",
      body: { query: `{ nodes(ids: ["${globalId("Article", 1)}", "%%%"]) { id } }` },
      status: 200,
      json: { data: null, errors: [located("BAD_USER_INPUT", ["nodes"], { field: "ids[1]" })] },
    },
    {
      what: "an id of another type",
      body: { query: "query ($id: ID!) { article(id: $id) { title } }", variables: { id: globalId("Claim", 1) } },
      status: 200,
      json: { data: { article: null }, errors: [located("BAD_USER_INPUT", ["article"], { field: "id" })] },
    },
    {
      what: "an unknown source id in a mutation",
      body: { query: "mutation ($id: ID!) { removeSource(id: $id) { removedSourceId } }", variables: { id: globalId("Source", 999_999) } },
      headers: () => ({ authorization: `Bearer ${adminKey}` }),
      status: 200,
      json: { data: null, errors: [located("NOT_FOUND", ["removeSource"])] },
    },
    {
      what: "first over 100",
      body: { query: "query ($n: Int) { claims(first: $n) { totalCount } }", variables: { n: 101 } },
      status: 200,
      json: { data: null, errors: [located("BAD_USER_INPUT", ["claims"], { field: "first" })] },
    },
    {
      what: "an invalid enum value in the document",
      body: { query: "{ claims(filter: { kind: GOSSIP }) { totalCount } }" },
      status: 400,
      json: { errors: [{ ...error("GRAPHQL_VALIDATION_FAILED"), locations: expect.any(Array) }] },
    },
    {
      what: "an invalid enum value in variables",
      body: { query: "query ($k: [ClaimKind!]) { actorGraph(kinds: $k) { edges { count } } }", variables: { k: ["GOSSIP"] } },
      status: 400,
      json: { errors: [{ ...error("BAD_USER_INPUT"), locations: expect.any(Array) }] },
    },
    {
      what: "an invalid date in the document",
      body: { query: `{ actorGraph(since: "yesterday") { edges { count } } }` },
      status: 400,
      json: { errors: [{ ...error("GRAPHQL_VALIDATION_FAILED"), locations: expect.any(Array) }] },
    },
    {
      what: "an impossible date in variables",
      body: { query: "query ($s: DateTimeISO) { timeline(interval: WEEK, since: $s) { count } }", variables: { s: "2024-02-30T00:00:00Z" } },
      status: 400,
      json: { errors: [{ ...error("BAD_USER_INPUT"), locations: expect.any(Array) }] },
    },
    {
      what: "an unparseable publication date on ingest",
      body: { query: `mutation { ingestArticle(input: { title: "Dated", body: "Spain accused Portugal.", publishedAt: "someday" }) { duplicate } }` },
      headers: () => ({ authorization: `Bearer ${editorKey}` }),
      status: 200,
      json: { data: null, errors: [located("BAD_USER_INPUT", ["ingestArticle"], { field: "input.publishedAt" })] },
    },
    {
      what: "an unknown actor in a claims filter",
      body: { query: `{ claims(filter: { speaker: "Nobody McNoname" }) { totalCount } }` },
      status: 200,
      json: { data: null, errors: [located("BAD_USER_INPUT", ["claims"], { field: "filter.speaker" })] },
    },
    {
      what: "an unknown actor in the graph and the timeline",
      body: { query: `{ actorGraph(actor: "Nobody McNoname") { edges { count } } }` },
      status: 200,
      json: { data: null, errors: [located("BAD_USER_INPUT", ["actorGraph"], { field: "actor" })] },
    },
    {
      what: "a mutation without an API key",
      body: { query: `mutation { ingestArticle(input: { title: "No key", body: "Spain accused Portugal." }) { duplicate } }` },
      status: 200,
      json: { data: null, errors: [located("UNAUTHENTICATED", ["ingestArticle"])] },
    },
    {
      what: "a mutation with a key whose role is too low",
      body: { query: `mutation { ingestArticle(input: { title: "Reader", body: "Spain accused Portugal." }) { duplicate } }` },
      headers: () => ({ authorization: `Bearer ${readerKey}` }),
      status: 200,
      json: { data: null, errors: [located("FORBIDDEN", ["ingestArticle"])] },
    },
    {
      what: "an invalid API key, even on a query",
      body: { query: "{ articles { totalCount } }" },
      headers: () => ({ "x-api-key": "ng_not_a_real_key" }),
      status: 401,
      json: { errors: [error("UNAUTHENTICATED")] },
    },
    {
      what: "an oversized body",
      body: { query: `mutation { ingestArticle(input: { title: "Huge", body: "${"Spain accused Portugal. ".repeat(5_000)}" }) { duplicate } }` },
      headers: () => ({ authorization: `Bearer ${editorKey}` }),
      status: 413,
      json: { errors: [error("PAYLOAD_TOO_LARGE")] },
    },
    {
      what: "a batch over the limit (NEWSGRAPH_MAX_BATCH)",
      body: [1, 2, 3, 4].map((i) => ({ query: `mutation { ingestArticle(input: { title: "Batch ${i}", body: "Spain accused Portugal ${i} times." }) { duplicate } }` })),
      headers: () => ({ authorization: `Bearer ${editorKey}` }),
      status: 400,
      json: { errors: [error("BATCH_TOO_LARGE", { limit: 3, actual: 4 })] },
    },
  ];

  for (const { what, body, headers, status, json } of cases) {
    it(`${what}: a typed error and nothing changed`, async () => {
      const before = await stored();
      const response = await post(body, headers?.() ?? {});
      expect(response.json).toEqual(json);
      expect(response.status).toBe(status);
      expect(await stored()).toEqual(before);
    });
  }

  it("runs a batch within the limit, and refuses batches altogether on a server left at the default", async () => {
    const within = await post([{ query: "{ articles { totalCount } }" }, { query: "{ claims { totalCount } }" }, { query: `{ actor(name: "Italy") { name } }` }]);
    expect(within.status).toBe(200);
    expect(within.json).toEqual([{ data: { articles: { totalCount: 1 } } }, { data: { claims: { totalCount: 1 } } }, { data: { actor: { name: "Italy" } } }]);

    const defaults = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
    try {
      const response = await fetch(defaults.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([{ query: "{ articles { totalCount } }" }, { query: "{ articles { totalCount } }" }]) });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ errors: [error("BAD_REQUEST")] });
    } finally {
      await defaults.close();
    }
  });
});
