// GraphQL fuzzing over HTTP against a real server on port 0 (fast-check): random and mutated
// documents, deep nesting, alias bombs, huge and wrongly typed variables, invalid UTF-8, batches,
// multipart and content-type confusion, odd methods. Every answer must be a typed error or a 200,
// never a 5xx, never an unexpected (masked) internal error, and the server must stay up.
// The seed is printed so that a failure can be replayed with FUZZ_SEED; FUZZ_RUNS sets the size.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, testDatabaseMode, type TestDatabase } from "../support/database.js";
import { run, TEST_SETTINGS } from "../support/graphql.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The HTTP layer is the same in both modes: the full run once, a smaller one against PostgreSQL.
const RUNS = Number(process.env.FUZZ_RUNS ?? (testDatabaseMode() === "embedded" ? 10_000 : 2_000));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);

let db: TestDatabase;
let server: RunningServer;
const internalErrors: string[] = [];
const originalConsoleError = console.error;

beforeAll(async () => {
  db = await createTestDatabase();
  await run(db, `mutation { ingestArticle(input: { title: "Fuzz base", body: "Chile accused Peru of moving the border markers. Peru rejected the accusation." }) { duplicate } }`);
  // The server logs every masked internal error: a fuzz case that reaches one is a failure.
  console.error = (...args: unknown[]) => {
    internalErrors.push(args.map(String).join(" ").slice(0, 500));
  };
  server = await startHttpServer({ db, settings: TEST_SETTINGS, maxRequestBytes: 300_000 }, 0);
});

afterAll(async () => {
  console.error = originalConsoleError;
  await server?.close();
  await db?.destroy();
});

interface FuzzRequest {
  kind: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  search?: string;
}

const examples = fs
  .readdirSync(path.join(root, "operations"))
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => fs.readFileSync(path.join(root, "operations", file), "utf8"));

const TOKENS = ["{", "}", "(", ")", ":", "$", "!", "...", "@", "[", "]", "=", '"', '"""', "#", ",", "|", "&", "\\", "\u0000", "query", "mutation", "subscription", "fragment", "on", "__typename", "__schema", "claims", "articles", "first: 100", "after: \"x\"", "id", "null", "-1", "1e309", "0x10", "\uFFFF", "\uD800"];
const JSON_HEADERS = { "content-type": "application/json" };

const fieldName = fc.constantFrom("claims", "articles", "actors", "events", "search", "node", "__typename", "totalCount", "nodes", "edges", "speaker", "targets", "article", "name", "x");
const scalarish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom("ACCUSE", "GOSSIP", "", "QWNjdXNlOjE=", "2024-13-45", "9".repeat(400)),
);

/** A valid operation with some characters deleted, inserted, duplicated or swapped. */
const mutatedDocument = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom(...TOKENS), fc.nat({ max: 3 })), { minLength: 1, maxLength: 6 }))
  .map(([doc, edits]) => {
    let text = doc;
    for (const [at, length, token, op] of edits) {
      const i = at % (text.length + 1);
      if (op === 0) text = text.slice(0, i) + text.slice(i + length);
      else if (op === 1) text = text.slice(0, i) + token + text.slice(i);
      else if (op === 2) text = text.slice(0, i) + text.slice(i, i + length * 3) + text.slice(i);
      else text = text.slice(i) + text.slice(0, i);
    }
    return text;
  });

/** Random selection sets from real and unknown field names, with random arguments. */
const randomSelection: fc.Arbitrary<string> = fc.letrec<{ sel: string }>((tie) => ({
  sel: fc
    .array(
      fc.tuple(fc.option(fc.constantFrom("a", "b", "c"), { nil: undefined }), fieldName, fc.option(fc.tuple(fc.constantFrom("first", "after", "filter", "id", "query", "kind"), scalarish), { nil: undefined }), fc.option(tie("sel"), { nil: undefined, depthSize: "small" })),
      { minLength: 1, maxLength: 4 },
    )
    .map((fields) =>
      `{ ${fields
        .map(([alias, name, arg, sub]) => `${alias ? `${alias}: ` : ""}${name}${arg ? `(${arg[0]}: ${JSON.stringify(arg[1])})` : ""} ${sub ?? ""}`)
        .join(" ")} }`,
    ),
})).sel;

const graphqlBody = (query: unknown, extra: Record<string, unknown> = {}): FuzzRequest => ({
  kind: "document",
  method: "POST",
  headers: JSON_HEADERS,
  body: JSON.stringify({ query, ...extra }),
});

const cases: fc.Arbitrary<FuzzRequest>[] = [
  // Cheap: random text and random Unicode, as documents.
  fc.string({ maxLength: 200 }).map((q) => ({ ...graphqlBody(q), kind: "random text" })),
  fc.string({ unit: "binary", maxLength: 200 }).map((q) => ({ ...graphqlBody(q), kind: "random unicode" })),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => ({ ...graphqlBody(tokens.join(" ")), kind: "token soup" })),
  mutatedDocument.map((q) => ({ ...graphqlBody(q, { variables: { first: 3 } }), kind: "mutated document" })),
  randomSelection.map((q) => ({ ...graphqlBody(q), kind: "random selection" })),
  // Deep nesting, in syntax and in real fields.
  fc.integer({ min: 1, max: 3_000 }).map((n) => ({ ...graphqlBody(`${"{ a ".repeat(n)}${"}".repeat(n)}`), kind: "deep braces" })),
  fc.integer({ min: 1, max: 40 }).map((n) => ({
    ...graphqlBody(`{ claims(first: 2) { nodes { ${"article { claims(first: 2) { nodes { ".repeat(n)}id${" } } }".repeat(n)} } } }`),
    kind: "deep fields",
  })),
  fc.integer({ min: 1, max: 200 }).map((n) => ({ ...graphqlBody(`[${"[".repeat(n)}`), kind: "deep list syntax" })),
  // Alias bombs and repeated fields.
  fc.integer({ min: 1, max: 400 }).map((n) => ({
    ...graphqlBody(`{ ${Array.from({ length: n }, (_, i) => `a${i}: claims(first: 100) { totalCount }`).join(" ")} }`),
    kind: "alias bomb",
  })),
  fc.integer({ min: 1, max: 800 }).map((n) => ({ ...graphqlBody(`{ ${"__typename ".repeat(n)}}`), kind: "repeated field" })),
  fc.integer({ min: 1, max: 100 }).map((n) => ({
    ...graphqlBody(`query { ...F } ${Array.from({ length: n }, (_, i) => `fragment F${i === 0 ? "" : i} on Query { ...F${i + 1} __typename }`).join(" ")} fragment F${n} on Query { __typename }`),
    kind: "fragment chain",
  })),
  fc.constant({ ...graphqlBody("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"), kind: "fragment cycle" }),
  // Variables: huge, deep, and of the wrong types.
  fc.tuple(fc.integer({ min: 1, max: 250_000 }), fc.constantFrom("$after: String", "$q: String!")).map(([n, decl]) => ({
    ...graphqlBody(`query (${decl}) { __typename }`, { variables: { after: "x".repeat(n), q: "y".repeat(n) } }),
    kind: "huge variable",
  })),
  fc.integer({ min: 1, max: 5_000 }).map((n) => ({
    kind: "deep variable",
    method: "POST",
    headers: JSON_HEADERS,
    body: `{"query":"query ($f: ClaimFilter) { claims(filter: $f) { totalCount } }","variables":{"f":${"{\"kind\":".repeat(n)}1${"}".repeat(n)}}}`,
  })),
  fc
    .tuple(
      fc.constantFrom(
        "query ($first: Int) { claims(first: $first) { totalCount } }",
        "query ($k: ClaimKind) { claims(filter: { kind: $k }) { totalCount } }",
        "query ($id: ID!) { node(id: $id) { id } }",
        "query ($since: DateTimeISO) { actorGraph(since: $since) { nodes { name } } }",
        "query ($q: String!) { search(query: $q) { totalCount } }",
        "query ($after: String) { articles(after: $after) { totalCount } }",
        "mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate } }",
      ),
      fc.jsonValue({ maxDepth: 3 }),
    )
    .map(([query, value]) => ({ ...graphqlBody(query, { variables: { first: value, k: value, id: value, since: value, q: value, after: value, input: value } }), kind: "wrong variable types" })),
  fc.jsonValue({ maxDepth: 3 }).map((variables) => ({ ...graphqlBody("query ($first: Int) { claims(first: $first) { totalCount } }", { variables }), kind: "variables not an object" })),
  // Request bodies of the wrong shape.
  fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: "random JSON body", method: "POST", headers: JSON_HEADERS, body: JSON.stringify(value) })),
  fc
    .record({ query: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant("{ __typename }")), operationName: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] })
    .map((value) => ({ kind: "wrong field types", method: "POST", headers: JSON_HEADERS, body: JSON.stringify(value) })),
  fc.array(fc.constant({ query: "{ articles { totalCount } }" }), { minLength: 0, maxLength: 50 }).map((batch) => ({
    kind: "batched array",
    method: "POST",
    headers: JSON_HEADERS,
    body: JSON.stringify(batch),
  })),
  // Bytes that are not UTF-8, in the document and around it.
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({
    kind: "invalid UTF-8",
    method: "POST",
    headers: JSON_HEADERS,
    body: Buffer.concat([Buffer.from('{"query":"{ articles(after: \\"'), Buffer.from(bytes), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff]), Buffer.from('\\") { totalCount } }"}')]),
  })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: "random bytes", method: "POST", headers: JSON_HEADERS, body: bytes })),
  // Content types and methods a browser, a proxy or a confused client might send.
  fc
    .tuple(
      fc.constantFrom(
        "",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "application/graphql",
        "application/json; charset=utf-16",
        "application/json; charset=latin1",
        "application/graphql-response+json",
        "application/xml",
        "application/json, text/html",
        "APPLICATION/JSON",
      ),
      fc.constantFrom(
        JSON.stringify({ query: "{ articles { totalCount } }" }),
        '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation ($f: Upload) { ingestArticle(input: {title: \\"t\\", body: \\"b\\"}) { duplicate } }","variables":{"f":null}}\r\n--xyz\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n--xyz\r\nContent-Disposition: form-data; name="0"; filename="a.txt"\r\n\r\nhello\r\n--xyz--\r\n',
        "query=%7B__typename%7D",
        "{ articles { totalCount } }",
        "<?xml version=\"1.0\"?><query/>",
      ),
      fc.boolean(),
    )
    .map(([type, body, preflight]) => ({
      kind: "content-type confusion",
      method: "POST",
      headers: { ...(type ? { "content-type": type } : {}), ...(preflight ? { "apollo-require-preflight": "1" } : {}) },
      body,
    })),
  fc.tuple(fc.constantFrom("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"), fc.boolean()).map(([method, withBody]) => ({
    kind: "other method",
    method,
    headers: JSON_HEADERS,
    body: withBody && method !== "HEAD" ? JSON.stringify({ query: "{ __typename }" }) : undefined,
  })),
  fc
    .tuple(fc.oneof(fc.string({ maxLength: 100 }), mutatedDocument), fc.option(fc.string({ maxLength: 50 }), { nil: undefined }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }))
    .map(([query, variables, operationName]) => {
      const params = new URLSearchParams({ query });
      if (variables !== undefined) params.set("variables", variables);
      if (operationName !== undefined) params.set("operationName", operationName);
      return { kind: "GET", method: "GET", headers: { accept: "application/json", "apollo-require-preflight": "1" }, search: `?${params}` };
    }),
  fc.string({ maxLength: 200 }).map((raw) => ({ kind: "raw query string", method: "GET", headers: { "apollo-require-preflight": "1" }, search: `?${raw.replace(/[#\s]/g, "")}` })),
];

// Big documents cost the server real validation time (overlapping-field checks are quadratic), so
// they come less often than the cheap parse and protocol failures.
const HEAVY = new Set([6, 8, 9, 10]); // deep fields, alias bomb, repeated field, fragment chain
const anyRequest = fc.oneof(...cases.map((arbitrary, index) => ({ arbitrary, weight: HEAVY.has(index) ? 1 : 4 })));

interface Finding {
  kind: string;
  status: number;
  problem: string;
  request: string;
}

async function send(request: FuzzRequest): Promise<Finding | null> {
  const describe = () => `${request.method} ${request.search ?? ""} ${JSON.stringify(request.headers)} ${String(typeof request.body === "string" ? request.body : request.body ? Buffer.from(request.body).toString("hex") : "").slice(0, 300)}`;
  let response: Response;
  try {
    response = await fetch(`${server.url}${request.search ?? ""}`, { method: request.method, headers: request.headers, body: request.body });
  } catch (error) {
    return { kind: request.kind, status: 0, problem: `no response: ${error}`, request: describe() };
  }
  const text = await response.text();
  const finding = (problem: string) => ({ kind: request.kind, status: response.status, problem, request: describe() });
  if (response.status >= 500) return finding(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  if (request.method === "HEAD" || response.status === 204) return null;
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    // Apollo answers its CSRF refusal in plain text; everything else must be JSON.
    return /CSRF/.test(text) && response.status === 400 ? null : finding(`not JSON: ${text.slice(0, 200)}`);
  }
  if (response.status !== 200 && !json.errors?.length) return finding(`HTTP ${response.status} without errors`);
  for (const error of json.errors ?? []) {
    const code = error?.extensions?.code;
    if (typeof code !== "string") return finding(`untyped error: ${JSON.stringify(error).slice(0, 200)}`);
    if (code === "INTERNAL_SERVER_ERROR") return finding(`internal error: ${error.message}`);
  }
  return null;
}

describe("GraphQL fuzzing over HTTP", () => {
  it(`answers ${RUNS} hostile requests with 200 or typed 4xx errors, never 5xx`, { timeout: 600_000 }, async () => {
    const requests = fc.sample(anyRequest, { numRuns: RUNS, seed: SEED });
    const byKind = new Map<string, number>();
    const msByKind = new Map<string, number>();
    const findings: Finding[] = [];
    let next = 0;
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          byKind.set(request.kind, (byKind.get(request.kind) ?? 0) + 1);
          const sentAt = performance.now();
          const finding = await send(request);
          msByKind.set(request.kind, (msByKind.get(request.kind) ?? 0) + performance.now() - sentAt);
          if (finding) findings.push(finding);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time (client and server share this process) does not depend on the machine's other load.
    console.log(`fuzz: ${requests.length} requests in ${seconds.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, seed ${SEED} (FUZZ_SEED=${SEED} replays)`);
    console.log(`fuzz cases by kind (count, total ms): ${[...byKind].map(([kind, n]) => `${kind} ${n} ${Math.round(msByKind.get(kind)!)}`).join("; ")}`);
    expect(findings.slice(0, 5), `seed ${SEED}`).toEqual([]);
    expect(internalErrors.slice(0, 5), `seed ${SEED}`).toEqual([]);
    expect(byKind.size).toBe(cases.length);
    // Still alive and still right.
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    const after = await fetch(server.url, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ query: "{ articles { totalCount } }" }) });
    expect(await after.json()).toEqual({ data: { articles: { totalCount: 1 } } });
  });
});
