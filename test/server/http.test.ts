// The HTTP surface on a real server listening on port 0: GraphQL over POST and GET, the offline
// playground, health, and typed errors for malformed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let server: RunningServer;
let base: string;

let editorKey: string;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startHttpServer({ db, settings: TEST_SETTINGS, maxRequestBytes: 200_000 }, 0);
  editorKey = (await createApiKey(db.prisma, "EDITOR", "http test")).token;
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  await db?.destroy();
});

describe("HTTP", () => {
  it("ingests over POST and answers who accused whom over GET", async () => {
    const ingest = await post({
      query: `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate claimCount } }`,
      variables: { input: { title: "Japan accuses China over fishing boats", body: "Japan accused China of harassing its fishing boats near the islands." } },
    }, { authorization: `Bearer ${editorKey}` });
    expect(ingest.status).toBe(200);
    expect(ingest.json).toEqual({ data: { ingestArticle: { duplicate: false, claimCount: 1 } } });

    const query = `{ claims(filter: { kind: ACCUSE }) { nodes { speaker { name } targets { name } } } }`;
    // Apollo's CSRF prevention: a GET must carry a header a browser form cannot set.
    const simple = await fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { accept: "application/json" } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain("CSRF");
    const response = await fetch(`${server.url}?query=${encodeURIComponent(query)}`, {
      headers: { accept: "application/json", "apollo-require-preflight": "true" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { claims: { nodes: [{ speaker: { name: "Japan" }, targets: [{ name: "China" }] }] } } });
  });

  it("refuses a subscription over HTTP with a typed 400: it runs only over WebSocket", async () => {
    const refused = await post({ query: `subscription { claimAdded(filter: { kind: ACCUSE }) { id } }` });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      errors: [{ message: "subscriptions are served over WebSocket (graphql-ws) at /graphql, not over HTTP", extensions: { code: "SUBSCRIPTION_OVER_HTTP" } }],
    });
  });

  it("refuses a mutation over GET", async () => {
    const query = `mutation { ingestArticle(input: { title: "t", body: "b" }) { duplicate } }`;
    const response = await fetch(`${server.url}?query=${encodeURIComponent(query)}`, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(response.status).toBe(405);
    expect(await db.prisma.article.count({ where: { title: "t" } })).toBe(0);
  });

  it("serves the playground with example operations, loading nothing from outside this server", async () => {
    const response = await fetch(server.url, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("WhoAccusedWhom");
    expect(html).toContain("claims(filter: { kind: ACCUSE }");
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references) {
      expect(reference.startsWith("/graphql/assets/"), reference).toBe(true);
      const asset = await fetch(`${base}${reference}`);
      expect(asset.status, reference).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    const worker = await fetch(`${base}/graphql/assets/graphql.worker.js`);
    expect(worker.status).toBe(200);
    await worker.arrayBuffer();
    expect((await fetch(`${base}/graphql/assets/../../package.json`)).status).toBe(404);
  });

  it("answers /healthz, and /readyz once the database answers with every migration applied", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    // Pretend the last migration was never applied: not ready, and it says which one is missing.
    const [last] = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db.prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ${last.migration_name}`;
    try {
      const pending = await fetch(`${base}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toEqual({ status: "migrations pending", pending: [last.migration_name] });
    } finally {
      await db.prisma.$executeRaw`UPDATE _prisma_migrations SET finished_at = now() WHERE migration_name = ${last.migration_name}`;
    }
  });

  it("gives typed errors for malformed requests", async () => {
    const invalidJson = await post("{ not json");
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.json.errors[0].extensions.code).toBe("BAD_REQUEST");

    const invalidQuery = await post({ query: "{ claims(" });
    expect(invalidQuery.status).toBe(400);
    expect(invalidQuery.json.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");

    const unknownField = await post({ query: "{ secrets }" });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");

    const badVariable = await post({ query: "query ($k: ClaimKind) { claims(filter: { kind: $k }) { totalCount } }", variables: { k: "GOSSIP" } });
    expect(badVariable.status).toBe(400);
    expect(badVariable.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");

    const tooLarge = await post({ query: "{ articles { totalCount } }", padding: "x".repeat(300_000) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");

    const badInput = await post({ query: `mutation { ingestArticle(input: { title: "", body: "text" }) { duplicate } }` }, { "x-api-key": editorKey });
    expect(badInput.status).toBe(200);
    expect(badInput.json.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.title" });

    const nowhere = await fetch(`${base}/nowhere`);
    expect(nowhere.status).toBe(404);
  });
});
