// Internal errors over HTTP, on a real server in production mode: a real database fault (the
// Article table renamed away under the running server) is masked for the client, carries the
// request id that the x-request-id header and the log also carry, and the log has the real cause.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createLogger } from "../../src/server/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let server: RunningServer;
const logLines: string[] = [];
const previousNodeEnv = process.env.NODE_ENV;

const logged = () => logLines.map((line) => JSON.parse(line) as Record<string, any>);

async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, requestId: response.headers.get("x-request-id"), json: (await response.json()) as any };
}

beforeAll(async () => {
  process.env.NODE_ENV = "production";
  db = await createTestDatabase();
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(...chunk.toString().split("\n").filter(Boolean));
      callback();
    },
  });
  server = await startHttpServer({ db, settings: TEST_SETTINGS, logger: createLogger({ level: "info", destination }) }, 0);
});

afterAll(async () => {
  process.env.NODE_ENV = previousNodeEnv;
  await server?.close();
  await db?.destroy();
});

describe("internal errors", () => {
  it("are masked, carry the request id of the header, and are logged with their cause under that id", async () => {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE "Article" RENAME TO "ArticleMovedAway"`);
    let result: Awaited<ReturnType<typeof post>>;
    try {
      result = await post({ query: "query LatestArticles { articles(first: 5) { totalCount nodes { title } } }", operationName: "LatestArticles" });
    } finally {
      await db.prisma.$executeRawUnsafe(`ALTER TABLE "ArticleMovedAway" RENAME TO "Article"`);
    }
    const requestId = result.requestId!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      data: null,
      errors: [{ message: "Internal server error", locations: [{ line: 1, column: 24 }], path: ["articles"], extensions: { code: "INTERNAL_SERVER_ERROR", requestId } }],
    });
    expect(JSON.stringify(result.json)).not.toMatch(/ArticleMovedAway|Article"|stack|prisma/i);

    const records = logged().filter((record) => record.requestId === requestId);
    const internal = records.find((record) => record.msg === "internal error");
    expect(internal?.level).toBe("error");
    expect(internal?.err.message).toMatch(/Article/);
    expect(internal?.err.stack).toContain(" at ");
    const line = records.find((record) => record.msg === "request");
    expect(line).toMatchObject({ method: "POST", path: "/graphql", status: 200, operationName: "LatestArticles", errorCodes: ["INTERNAL_SERVER_ERROR"] });
    expect(typeof line?.durationMs).toBe("number");

    // The same query works again once the table is back: nothing was lost.
    const again = await post({ query: "{ articles(first: 5) { totalCount } }" });
    expect(again.json).toEqual({ data: { articles: { totalCount: 0 } } });
  });

  it("never send stack traces in production mode, not even for request errors", async () => {
    for (const query of ["{ articles(", "{ secrets }", "query ($n: Int) { articles(first: $n) { totalCount } }"]) {
      const result = await post({ query, variables: { n: "many" } });
      expect(result.status).toBe(400);
      expect(result.json.data).toBeUndefined();
      expect(result.json.errors).toHaveLength(1);
      expect(Object.keys(result.json.errors[0].extensions)).toEqual(["code"]);
      expect(JSON.stringify(result.json)).not.toMatch(/stacktrace|\bat .*\.(js|ts):\d+/);
    }
  });

  it("keep a short, safe incoming x-request-id and replace any other", async () => {
    const kept = await post({ query: "{ articles { totalCount } }" }, { "x-request-id": "client-42.retry:1" });
    expect(kept.requestId).toBe("client-42.retry:1");
    for (const unsafe of ["has space", "x".repeat(65), "quote\"d", "<script>"]) {
      const replaced = await post({ query: "{ articles { totalCount } }" }, { "x-request-id": unsafe });
      expect(replaced.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(replaced.json).toEqual({ data: { articles: { totalCount: 0 } } });
    }
    expect(logged().some((record) => record.requestId === "client-42.retry:1" && record.msg === "request")).toBe(true);
    expect(logLines.join("\n")).not.toContain("<script>");
  });

  it("log one line per request with status and error codes, also for refusals before GraphQL", async () => {
    const invalidJson = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{ nope" });
    expect(invalidJson.status).toBe(400);
    const requestId = invalidJson.headers.get("x-request-id");
    await invalidJson.arrayBuffer();
    const line = logged().find((record) => record.requestId === requestId && record.msg === "request");
    expect(line).toMatchObject({ status: 400, errorCodes: ["BAD_REQUEST"], operationName: null });
  });
});
