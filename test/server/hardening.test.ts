// HTTP hardening on real servers listening on port 0: rate limits per IP and per key (429 with
// Retry-After), /metrics in Prometheus format, secure headers and the playground's CSP, CORS by
// configuration, introspection and playground switches, Apollo's CSRF prevention, body limits.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type HttpServerOptions, type RunningServer } from "../../src/server/http.js";
import { registerQueueDepth } from "../../src/server/metrics.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
const servers: RunningServer[] = [];
const keys: Record<string, string> = {};

async function serve(options: Partial<HttpServerOptions> = {}): Promise<RunningServer> {
  const server = await startHttpServer({ db, settings: TEST_SETTINGS, ...options }, 0);
  servers.push(server);
  return server;
}

async function post(server: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

const base = (server: RunningServer) => `http://127.0.0.1:${server.port}`;

/** The value of one sample of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const role of ["READER", "EDITOR", "ADMIN"] as const) keys[role] = (await createApiKey(db.prisma, role, `${role} hardening`)).token;
});

afterAll(async () => {
  registerQueueDepth(null);
  for (const server of servers) await server.close();
  await db?.destroy();
});

describe("rate limits", () => {
  it("limits anonymous requests per IP with 429 and Retry-After, and keys on their own budget", async () => {
    const server = await serve({ rateLimit: { perIp: 5, perKey: 8, windowSeconds: 60 } });
    const query = { query: "{ articles { totalCount } }" };
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ok = await post(server, query);
      expect(ok.status).toBe(200);
      remaining.push(ok.headers.get("ratelimit-remaining")!);
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);
    const refused = await post(server, query);
    expect(refused.status).toBe(429);
    expect(refused.json.errors[0].extensions.code).toBe("RATE_LIMITED");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Guessing keys does not escape the IP's budget: a wrong key is refused with 429, not 401.
    expect((await post(server, query, { authorization: "Bearer ng_guess" })).status).toBe(429);
    // Health is never limited.
    expect((await fetch(`${base(server)}/healthz`)).status).toBe(200);

    // A valid key has its own budget, whatever the IP's state.
    for (let i = 0; i < 8; i++) expect((await post(server, query, { authorization: `Bearer ${keys.READER}` })).status).toBe(200);
    const keyRefused = await post(server, query, { authorization: `Bearer ${keys.READER}` });
    expect(keyRefused.status).toBe(429);
    expect(keyRefused.headers.get("retry-after")).toBeTruthy();
    expect((await post(server, query, { authorization: `Bearer ${keys.EDITOR}` })).status).toBe(200);

    const metrics = await (await fetch(`${base(server)}/metrics`)).text();
    expect(sample(metrics, "newsgraph_rate_limited_total", { kind: "ip" })).toBe(2);
    expect(sample(metrics, "newsgraph_rate_limited_total", { kind: "key" })).toBe(1);
  });

  it("opens again after the window, and behind a proxy counts each forwarded client apart", async () => {
    const server = await serve({ rateLimit: { perIp: 2, perKey: 0, windowSeconds: 1, trustProxy: true } });
    const query = { query: "{ __typename }" };
    const from = (ip: string) => ({ "x-forwarded-for": `203.0.113.99, ${ip}` });
    expect((await post(server, query, from("198.51.100.1"))).status).toBe(200);
    expect((await post(server, query, from("198.51.100.1"))).status).toBe(200);
    expect((await post(server, query, from("198.51.100.1"))).status).toBe(429);
    expect((await post(server, query, from("198.51.100.2"))).status).toBe(200);
    // perKey 0: keys are unlimited.
    for (let i = 0; i < 4; i++) expect((await post(server, query, { ...from("198.51.100.1"), "x-api-key": keys.READER })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await post(server, query, from("198.51.100.1"))).status).toBe(200);
  });
});

describe("/metrics", () => {
  it("counts operations, latency, errors by code, ingest results, source poll failures and queue depth", async () => {
    const server = await serve({ settings: { ...TEST_SETTINGS, fetchTimeoutMs: 2_000 } as typeof TEST_SETTINGS });
    const editor = { authorization: `Bearer ${keys.EDITOR}` };
    const admin = { authorization: `Bearer ${keys.ADMIN}` };
    expect((await post(server, { query: "query Probe { articles { totalCount } }" })).status).toBe(200);
    expect((await post(server, { query: "query Probe { articles { totalCount } }" })).status).toBe(200);
    expect((await post(server, { query: "{ claims(" })).status).toBe(400);
    expect((await post(server, { query: "{ secrets }" })).status).toBe(400);
    const ingest = `mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate } }`;
    const article = { title: "Metrics probe", body: "Chile accused Peru of moving the border markers near the coast." };
    expect((await post(server, { query: ingest, variables: { input: article } }, editor)).json.data.ingestArticle.duplicate).toBe(false);
    expect((await post(server, { query: ingest, variables: { input: article } }, editor)).json.data.ingestArticle.duplicate).toBe(true);
    expect((await post(server, { query: ingest, variables: { input: { title: "", body: "x" } } }, editor)).json.errors[0].extensions.code).toBe(
      "BAD_USER_INPUT",
    );
    // A source on a loopback address: the fetcher refuses it, the source records a failure.
    const added = await post(server, { query: `mutation { addSource(input: { name: "Loopback", feedUrl: "http://127.0.0.1:9/feed.xml" }) { source { id } } }` }, admin);
    const sourceId = added.json.data.addSource.source.id;
    const refreshed = await post(server, { query: `mutation { refreshSource(id: "${sourceId}") { status } }` }, admin);
    expect(refreshed.json.data.refreshSource.status).toBe("failed");
    registerQueueDepth(async () => 7);

    const response = await fetch(`${base(server)}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(sample(text, "newsgraph_graphql_requests_total", { operation: "Probe", type: "query" })).toBe(2);
    expect(sample(text, "newsgraph_graphql_requests_total", { operation: "Ingest", type: "mutation" })).toBe(3);
    expect(sample(text, "newsgraph_graphql_requests_total", { operation: "invalid", type: "invalid" })).toBe(2);
    expect(sample(text, "newsgraph_graphql_request_duration_seconds_count", { operation: "Probe", type: "query" })).toBe(2);
    expect(sample(text, "newsgraph_graphql_request_duration_seconds_bucket", { operation: "Probe", type: "query", le: "+Inf" })).toBe(2);
    expect(sample(text, "newsgraph_graphql_errors_total", { code: "GRAPHQL_PARSE_FAILED" })).toBe(1);
    expect(sample(text, "newsgraph_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
    expect(sample(text, "newsgraph_graphql_errors_total", { code: "BAD_USER_INPUT" })).toBe(1);
    expect(sample(text, "newsgraph_ingest_articles_total", { result: "stored" })).toBe(1);
    expect(sample(text, "newsgraph_ingest_articles_total", { result: "duplicate" })).toBe(1);
    expect(sample(text, "newsgraph_ingest_articles_total", { result: "rejected" })).toBe(1);
    expect(sample(text, "newsgraph_source_polls_total", { status: "failed" })).toBe(1);
    expect(sample(text, "newsgraph_queue_depth")).toBe(7);
    expect(sample(text, "newsgraph_http_responses_total", { route: "graphql", status: "400" })).toBe(2);
  });

  it("keeps client-chosen operation names from growing the label set without bound", async () => {
    const server = await serve();
    for (let i = 0; i < 230; i++) await post(server, { query: `query Name${i} { __typename }` });
    const text = await (await fetch(`${base(server)}/metrics`)).text();
    const names = new Set([...text.matchAll(/newsgraph_graphql_requests_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    expect(names.size).toBeLessThanOrEqual(201);
    expect(sample(text, "newsgraph_graphql_requests_total", { operation: "other", type: "query" })).toBe(30);
  });

  it("can require an ADMIN key, or be turned off", async () => {
    const keyed = await serve({ metrics: "key" });
    expect((await fetch(`${base(keyed)}/metrics`)).status).toBe(401);
    expect((await fetch(`${base(keyed)}/metrics`, { headers: { authorization: `Bearer ${keys.READER}` } })).status).toBe(401);
    expect((await fetch(`${base(keyed)}/metrics`, { headers: { authorization: `Bearer ${keys.ADMIN}` } })).status).toBe(200);
    const off = await serve({ metrics: "off" });
    expect((await fetch(`${base(off)}/metrics`)).status).toBe(404);
  });
});

describe("secure headers, CORS, introspection and the playground", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ corsOrigins: ["https://news.example"] });
  });

  it("sends secure headers on every response", async () => {
    const responses = [
      await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) }),
      await fetch(`${base(server)}/healthz`),
      await fetch(`${base(server)}/nowhere`),
      await fetch(`${base(server)}/graphql/assets/graphiql.css`),
    ];
    for (const response of responses) {
      await response.arrayBuffer();
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    expect(responses[0].headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("gives the playground a CSP that allows its own scripts by hash and nothing injected", async () => {
    const response = await fetch(server.url, { headers: { accept: "text/html" } });
    const html = await response.text();
    const csp = response.headers.get("content-security-policy")!;
    const scriptSrc = csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src"))!;
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    const { createHash } = await import("node:crypto");
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const script of inline) expect(scriptSrc).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    expect(scriptSrc).not.toContain(`'sha256-${createHash("sha256").update("alert(1)").digest("base64")}'`);
    // Every external script is same-origin, which 'self' covers; workers load from this server.
    for (const match of html.matchAll(/<script src="([^"]+)"/g)) expect(match[1].startsWith("/")).toBe(true);
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("answers CORS preflights only for configured origins, never with credentials", async () => {
    const preflight = (origin: string) =>
      fetch(server.url, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
      });
    const allowed = await preflight("https://news.example");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://news.example");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();

    const fromAllowed = await post(server, { query: "{ __typename }" }, { origin: "https://news.example" });
    expect(fromAllowed.headers.get("access-control-allow-origin")).toBe("https://news.example");
    expect(fromAllowed.headers.get("vary")).toContain("Origin");
    const fromOther = await post(server, { query: "{ __typename }" }, { origin: "https://evil.example" });
    expect(fromOther.headers.get("access-control-allow-origin")).toBeNull();

    // Without configuration, no origin is allowed.
    const closed = await serve();
    const none = await post(closed, { query: "{ __typename }" }, { origin: "https://news.example" });
    expect(none.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("keeps Apollo's CSRF prevention for GET and simple POSTs", async () => {
    const before = await db.prisma.article.count();
    const query = `mutation { ingestArticle(input: { title: "CSRF", body: "Chile accused Peru of moving the markers." }) { duplicate } }`;
    // A form post: text/plain is a "simple" content type a cross-site form can send.
    const simple = await fetch(server.url, { method: "POST", headers: { "content-type": "text/plain", authorization: `Bearer ${keys.EDITOR}` }, body: JSON.stringify({ query }) });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain("CSRF");
    const form = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${keys.EDITOR}` },
      body: `query=${encodeURIComponent(query)}`,
    });
    expect(form.status).toBe(400);
    const get = await fetch(`${server.url}?query=${encodeURIComponent("{ __typename }")}`, { headers: { accept: "application/json" } });
    expect(get.status).toBe(400);
    expect(await get.text()).toContain("CSRF");
    expect(await db.prisma.article.count()).toBe(before);
  });

  it("turns introspection and the playground off for production", async () => {
    const locked = await serve({ introspection: false, playground: false });
    const introspection = await post(locked, { query: "{ __schema { types { name } } }" });
    expect(introspection.status).toBe(400);
    expect(introspection.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(introspection.json.errors[0].message).toMatch(/introspection/i);
    expect((await fetch(locked.url, { headers: { accept: "text/html" } })).status).toBe(404);
    expect((await fetch(`${base(locked)}/graphql/assets/graphiql.css`)).status).toBe(404);
    // Ordinary queries still work, and __typename is not introspection.
    expect((await post(locked, { query: "{ __typename articles { totalCount } }" })).status).toBe(200);
    // The default server answers both.
    expect((await post(server, { query: "{ __schema { queryType { name } } }" })).json.data.__schema.queryType.name).toBe("Query");
  });

  it("refuses oversized bodies by declared length and by streamed length", async () => {
    const small = await serve({ maxRequestBytes: 10_000 });
    const declared = await new Promise<number>((resolve, reject) => {
      const req = http.request(small.url, { method: "POST", headers: { "content-type": "application/json", "content-length": "50000000" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.write("{");
      // The server answers from the header alone, without waiting for 50 MB.
    });
    expect(declared).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(small.url, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", () => {});
      const chunk = "x".repeat(4_096);
      let sent = 0;
      const pump = () => {
        while (sent < 1_000 && req.write(chunk)) sent += 1;
        if (sent < 1_000) req.once("drain", pump);
      };
      pump();
      setTimeout(() => reject(new Error("no answer to an endless body")), 10_000).unref();
    });
    expect(streamed).toBe(413);
  });
});
