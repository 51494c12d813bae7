// Abusive operations are refused before execution, with a typed code and HTTP 400: too deep, too
// complex (page sizes multiply), too many aliases, too many tokens, batches.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let server: RunningServer;

async function post(body: unknown) {
  const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as any };
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startHttpServer({ db, settings: TEST_SETTINGS, limits: { maxDepth: 8, maxComplexity: 2_000, maxAliases: 5, maxTokens: 400 } }, 0);
});

afterAll(async () => {
  await server?.close();
  await db?.destroy();
});

describe("operation limits", () => {
  it("lets an ordinary who-accused-whom page through", async () => {
    const ok = await post({ query: "{ claims(filter: { kind: ACCUSE }, first: 100) { nodes { speaker { name } targets { name } article { title } } } }" });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
  });

  const refused: [string, string, string][] = [
    ["a query nested too deep", "{ actor(name: \"x\") { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } }", "QUERY_TOO_DEEP"],
    [
      "nested pages whose sizes multiply",
      "{ actors(first: 100) { nodes { claimsMade(first: 100) { nodes { content } } } } }",
      "QUERY_TOO_COMPLEX",
    ],
    ["an alias bomb", "{ a: articles { totalCount } b: articles { totalCount } c: articles { totalCount } d: articles { totalCount } e: articles { totalCount } f: articles { totalCount } }", "TOO_MANY_ALIASES"],
    ["a document with too many tokens", `{ articles { ${"totalCount ".repeat(500)} } }`, "GRAPHQL_PARSE_FAILED"],
  ];
  for (const [what, query, code] of refused) {
    it(`refuses ${what} with ${code} and HTTP 400, before touching the database`, async () => {
      const before = db.statements.total;
      const { status, json } = await post({ query });
      expect(status).toBe(400);
      expect(json.errors[0].extensions.code).toBe(code);
      expect(json.data).toBeUndefined();
      expect(db.statements.total).toBe(before);
    });
  }

  it("refuses batched requests", async () => {
    const { status, json } = await post([{ query: "{ articles { totalCount } }" }, { query: "{ articles { totalCount } }" }]);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe("BAD_REQUEST");
  });
});
