// GraphQL subscriptions over graphql-ws on the HTTP server's own port, with a real graphql-ws
// client: articles ingested over HTTP arrive as articleAdded, claimAdded and eventUpdated (and
// what a filter excludes does not); two servers on one database deliver each other's updates
// (in PostgreSQL mode through LISTEN/NOTIFY, also from a CLI import process and after the LISTEN
// connection is killed); API keys, operation limits and typed errors; shutdown closes the sockets
// and releases the LISTEN connection.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "graphql-ws";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { createApiKey, revokeApiKey } from "../../src/db/api-key.repository.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, testDatabaseMode, type TestDatabase } from "../support/database.js";
import { SHARED } from "../support/fixtures.js";
import { TEST_SETTINGS } from "../support/graphql.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const postgres = testDatabaseMode() === "postgres";

let db: TestDatabase;
let server: RunningServer;
const keys: Record<string, string> = {};
const cleanups: (() => Promise<unknown> | unknown)[] = [];
const openClients: Client[] = [];
const runningServers: RunningServer[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  for (const role of ["READER", "EDITOR"] as const) keys[role] = (await createApiKey(db.prisma, role, `${role} test key`)).token;
  server = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
  runningServers.push(server);
});

// Each test starts with no subscription open, so that counting them tells when its own are live.
afterEach(async () => {
  for (const client of openClients.splice(0)) await client.dispose();
  for (const running of runningServers) {
    await vi.waitFor(() => expect(running.subscriptions.activeSubscriptions).toBe(0), { timeout: 10_000, interval: 20 });
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await server?.close();
  await db?.destroy();
});

const wsUrl = (running: RunningServer) => running.url.replace(/^http/, "ws");

interface Received {
  results: any[];
  errors: any[];
  completed: boolean;
}

interface Connection {
  client: Client;
  closes: { code: number; reason: string }[];
  subscribe(query: string, variables?: Record<string, unknown>): Received;
}

/** A real graphql-ws client (with the `ws` package as its WebSocket), closed after the file. */
function connect(running: RunningServer, connectionParams?: Record<string, unknown>): Connection {
  const closes: { code: number; reason: string }[] = [];
  const client = createClient({
    url: wsUrl(running),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event: any) => closes.push({ code: event.code, reason: String(event.reason) }) },
    onNonLazyError: () => {},
  });
  openClients.push(client);
  return {
    client,
    closes,
    subscribe(query, variables) {
      const received: Received = { results: [], errors: [], completed: false };
      client.subscribe(
        { query, variables },
        {
          next: (result) => void received.results.push(result),
          error: (error) => void received.errors.push(error),
          complete: () => void (received.completed = true),
        },
      );
      return received;
    },
  };
}

async function ingest(running: RunningServer, title: string, body: string, extra: Record<string, unknown> = {}) {
  const response = await fetch(running.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${keys.EDITOR}` },
    body: JSON.stringify({
      query: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate claimCount eventCount article { id title } } }`,
      variables: { input: { title, body, publishedAt: "2026-11-20", ...extra } },
    }),
  });
  const json = (await response.json()) as any;
  expect(json.errors).toBeUndefined();
  return json.data.ingestArticle;
}

/**
 * graphql-ws has no "subscribed" message: wait until the server counts `count` more open
 * subscriptions than `before` (what it counted before the test subscribed).
 */
async function subscribed(running: RunningServer, count: number, before = 0) {
  await vi.waitFor(() => expect(running.subscriptions.activeSubscriptions).toBeGreaterThanOrEqual(before + count), { timeout: 10_000, interval: 20 });
}

async function arrived(received: Received, count: number) {
  await vi.waitFor(() => expect(received.results.length + received.errors.length).toBeGreaterThanOrEqual(count), { timeout: 15_000, interval: 20 });
}

const CLAIM_FIELDS = `kind content negated speaker { name } targets { name } article { title source { name } }`;
const TRADE = {
  title: "Brazil and Argentina quarrel over trade",
  body: "Brazil accused Argentina of violating the trade agreement. Argentina rejected the accusation.",
};

describe("subscriptions over graphql-ws", () => {
  it("delivers articleAdded and the matching claimAdded for an article ingested over HTTP, and not what the filters exclude", async () => {
    const connection = connect(server);
    const articles = connection.subscribe(`subscription { articleAdded { id title language source { name } claims { totalCount } } }`);
    const accusations = connection.subscribe(
      `subscription($speaker: String) { claimAdded(filter: { kind: ACCUSE, speaker: $speaker }) { ${CLAIM_FIELDS} } }`,
      // Brazil is not in the database yet: a name filter waits for the actor to appear.
      { speaker: "Brazil" },
    );
    const aboutBrazil = connection.subscribe(`subscription { claimAdded(filter: { target: "Brazil" }) { ${CLAIM_FIELDS} } }`);
    const everything = connection.subscribe(`subscription { claimAdded { kind speaker { name } } }`);
    const otherSpeaker = connection.subscribe(`subscription { claimAdded(filter: { speaker: "Argentina", kind: ACCUSE }) { kind } }`);
    const otherSource = connection.subscribe(`subscription { articleAdded(filter: { source: "Another wire" }) { title } }`);
    await subscribed(server, 6);

    const stored = await ingest(server, TRADE.title, TRADE.body, { sourceName: "Trade wire" });
    expect(stored).toMatchObject({ duplicate: false, claimCount: 2 });

    await arrived(articles, 1);
    await arrived(accusations, 1);
    await arrived(aboutBrazil, 1);
    await arrived(everything, 2);
    expect(articles.results).toEqual([
      { data: { articleAdded: { id: stored.article.id, title: TRADE.title, language: "en", source: { name: "Trade wire" }, claims: { totalCount: 2 } } } },
    ]);
    expect(accusations.results).toEqual([
      {
        data: {
          claimAdded: {
            kind: "ACCUSE",
            content: expect.stringContaining("violating the trade agreement"),
            negated: false,
            speaker: { name: "Brazil" },
            targets: [{ name: "Argentina" }],
            article: { title: TRADE.title, source: { name: "Trade wire" } },
          },
        },
      },
    ]);
    expect(aboutBrazil.results.map((result) => [result.data.claimAdded.kind, result.data.claimAdded.speaker.name])).toEqual([["REJECT", "Argentina"]]);
    expect(everything.results.map((result) => result.data.claimAdded.kind).sort()).toEqual(["ACCUSE", "REJECT"]);

    // Everything has been delivered to `everything`; give the excluded ones time to show up if they were going to.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(accusations.results).toHaveLength(1);
    expect(otherSpeaker.results).toEqual([]);
    expect(otherSource.results).toEqual([]);
    expect([articles, accusations, everything].flatMap((received) => received.errors)).toEqual([]);

    // A duplicate stores nothing and announces nothing.
    const again = await ingest(server, TRADE.title, TRADE.body);
    expect(again.duplicate).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(articles.results).toHaveLength(1);
  });

  it("filters articleAdded by language and leaves near-duplicates out unless asked", async () => {
    const story = fs
      .readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { title: string; body: string })
      .find((article) => article.body.split("\n\n").length >= 5 && article.body.length < 6_000)!;
    const connection = connect(server);
    const originals = connection.subscribe(`subscription { articleAdded(filter: { language: "en" }) { title duplicateSimilarity } }`);
    const withCopies = connection.subscribe(`subscription { articleAdded(filter: { includeDuplicates: true }) { title duplicateSimilarity } }`);
    const french = connection.subscribe(`subscription { articleAdded(filter: { language: "fr" }) { title } }`);
    await subscribed(server, 3);
    await ingest(server, story.title, story.body);
    await ingest(server, `REPUBLISHED: ${story.title}`, story.body);
    await arrived(withCopies, 2);
    expect(withCopies.results.map((result) => result.data.articleAdded.title)).toEqual([story.title, `REPUBLISHED: ${story.title}`]);
    expect(withCopies.results[1].data.articleAdded.duplicateSimilarity).toBeGreaterThan(0.7);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(originals.results).toEqual([{ data: { articleAdded: { title: story.title, duplicateSimilarity: null } } }]);
    expect(french.results).toEqual([]);
  });

  it("delivers eventUpdated with participants, filtered by kind and actor", async () => {
    const connection = connect(server);
    const coercion = connection.subscribe(
      `subscription { eventUpdated(filter: { kind: COERCE, actor: "police" }) { kind participants { role actor { name } } articles { nodes { title } } } }`,
    );
    const protests = connection.subscribe(`subscription { eventUpdated(filter: { kind: PROTEST }) { kind } }`);
    await subscribed(server, 2);
    const stored = await ingest(server, "Arrests in Lima", "Police arrested dozens of protesters in Lima on Monday.");
    expect(stored.eventCount).toBe(1);
    await arrived(coercion, 1);
    expect(coercion.results).toEqual([
      {
        data: {
          eventUpdated: {
            kind: "COERCE",
            participants: expect.arrayContaining([{ role: "AGENT", actor: { name: expect.stringMatching(/police/i) } }]),
            articles: { nodes: [{ title: "Arrests in Lima" }] },
          },
        },
      },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(protests.results).toEqual([]);
  });

  it("delivers an update stored through another server on the same database (separate database client and listener)", async () => {
    // In PostgreSQL mode the second server has its own connection pool and its own LISTEN
    // connection, so the update can only travel through NOTIFY.
    const second: Database = postgres ? await openDatabase(db.config) : db;
    const other = await startHttpServer({ db: second, settings: TEST_SETTINGS }, 0);
    runningServers.push(other);
    cleanups.push(async () => {
      runningServers.splice(runningServers.indexOf(other), 1);
      await other.close();
      if (second !== db) await second.close();
    });
    const onFirst = connect(server).subscribe(`subscription { articleAdded { title } }`);
    const onSecond = connect(other).subscribe(`subscription { claimAdded(filter: { speaker: "Chile" }) { kind targets { name } } }`);
    await subscribed(server, 1);
    await subscribed(other, 1);

    await ingest(other, "Border markers", "Chile accused Peru of moving the border markers.");
    await arrived(onFirst, 1);
    await arrived(onSecond, 1);
    expect(onFirst.results).toEqual([{ data: { articleAdded: { title: "Border markers" } } }]);
    expect(onSecond.results).toEqual([{ data: { claimAdded: { kind: "ACCUSE", targets: [{ name: "Peru" }] } } }]);

    await ingest(server, "Fishing rights", "Norway accused Iceland of overfishing in the disputed waters.");
    await arrived(onFirst, 2);
    expect(onFirst.results[1]).toEqual({ data: { articleAdded: { title: "Fishing rights" } } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Each update exactly once, although two servers (and two listeners) heard of it.
    expect(onFirst.results).toHaveLength(2);
    expect(onSecond.results).toHaveLength(1);
  });

  it.runIf(postgres)("delivers articles stored by a `newsgraph import` process", async () => {
    const received = connect(server).subscribe(`subscription { articleAdded(filter: { source: "Import wire" }) { title source { name } } }`);
    await subscribed(server, 1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-subs-"));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "two.jsonl");
    fs.writeFileSync(
      file,
      [
        { title: "Imported one", body: "Kenya accused Uganda of closing the border crossing without notice." },
        { title: "Imported two", body: "Ghana praised Togo for its help during the floods." },
      ]
        .map((record) => JSON.stringify(record))
        .join("\n"),
    );
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), "import", file, "--source", "Import wire"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: db.config.url },
        stdio: "ignore",
      });
      child.on("exit", resolve);
    });
    expect(code).toBe(0);
    await arrived(received, 2);
    expect(received.results.map((result) => result.data.articleAdded.title).sort()).toEqual(["Imported one", "Imported two"]);
  });

  it.runIf(postgres)("reconnects its LISTEN connection when PostgreSQL drops it, and replays what was stored meanwhile", async () => {
    const received = connect(server).subscribe(`subscription { articleAdded(filter: { source: "Reconnect wire" }) { title } }`);
    await subscribed(server, 1);
    const admin = new pg.Client({ connectionString: db.config.url });
    await admin.connect();
    try {
      const database = new URL(db.config.url!).pathname.slice(1);
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'newsgraph-listen' AND query ILIKE 'LISTEN%'`,
        [database],
      );
      expect(killed.rowCount).toBeGreaterThanOrEqual(1);
      // Stored at once, most likely while the listener is down: the replay after reconnecting delivers it.
      await ingest(server, "While reconnecting", "Chad accused Sudan of shelling border villages.", { sourceName: "Reconnect wire" });
      await arrived(received, 1);
      // And the new LISTEN connection carries later updates.
      await vi.waitFor(
        async () => {
          const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'newsgraph-listen'`, [database]);
          expect(rows[0].n).toBeGreaterThanOrEqual(1);
        },
        { timeout: 15_000, interval: 100 },
      );
      await ingest(server, "After reconnecting", "Mali accused Niger of harbouring rebels.", { sourceName: "Reconnect wire" });
      await arrived(received, 2);
      expect(received.results.map((result) => result.data.articleAdded.title)).toEqual(["While reconnecting", "After reconnecting"]);
    } finally {
      await admin.end();
    }
  });
});

describe("playground", () => {
  it("sends subscriptions over graphql-ws and has a subscription example tab", async () => {
    const response = await fetch(server.url, { headers: { accept: "text/html" } });
    const html = await response.text();
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toContain("subscription LiveClaims");
  });
});

describe("subscription auth, limits and errors", () => {
  let closed: RunningServer;

  beforeAll(async () => {
    closed = await startHttpServer({ db, settings: TEST_SETTINGS, readsRequireKey: true }, 0);
    runningServers.push(closed);
    cleanups.push(() => {
      runningServers.splice(runningServers.indexOf(closed), 1);
      return closed.close();
    });
  });

  it("refuses a subscription without a key when reads are closed, with UNAUTHENTICATED", async () => {
    const refused = connect(closed).subscribe(`subscription { articleAdded { title } }`);
    await arrived(refused, 1);
    expect(refused.errors[0]).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
    expect(refused.errors[0][0].message).toContain("API key");
  });

  it("accepts a READER key sent in connection_init (authorization or apiKey) when reads are closed", async () => {
    const before = closed.subscriptions.activeSubscriptions;
    const byHeader = connect(closed, { authorization: `Bearer ${keys.READER}` }).subscribe(`subscription { articleAdded { title } }`);
    const byApiKey = connect(closed, { apiKey: keys.READER }).subscribe(`subscription { articleAdded { title } }`);
    await subscribed(closed, 2, before);
    await ingest(closed, "Keyed readers", "Peru accused Bolivia of blocking the highway.");
    await arrived(byHeader, 1);
    await arrived(byApiKey, 1);
    expect(byHeader.results).toEqual([{ data: { articleAdded: { title: "Keyed readers" } } }]);
    expect(byApiKey.results).toEqual([{ data: { articleAdded: { title: "Keyed readers" } } }]);
  });

  it("closes the connection of a wrong or revoked key with 4403, whatever the server's read setting", async () => {
    const revoked = await createApiKey(db.prisma, "READER", "revoked soon");
    await revokeApiKey(db.prisma, revoked.key.id);
    for (const [running, key] of [
      [server, "ng_not_a_real_key"],
      [closed, "ng_not_a_real_key"],
      [server, revoked.token],
    ] as const) {
      const connection = connect(running, { authorization: `Bearer ${key}` });
      const refused = connection.subscribe(`subscription { articleAdded { title } }`);
      await vi.waitFor(() => expect(connection.closes.length).toBeGreaterThan(0), { timeout: 10_000 });
      expect(connection.closes[0]).toEqual({ code: 4403, reason: "Forbidden: the API key is not valid or has been revoked" });
      expect(refused.results).toEqual([]);
    }
  });

  it("stops starting subscriptions for a key revoked after the connection opened", async () => {
    const key = await createApiKey(db.prisma, "READER", "revoked while connected");
    const before = closed.subscriptions.activeSubscriptions;
    const connection = connect(closed, { authorization: `Bearer ${key.token}` });
    const first = connection.subscribe(`subscription { articleAdded { title } }`);
    await subscribed(closed, 1, before);
    await revokeApiKey(db.prisma, key.key.id);
    const second = connection.subscribe(`subscription { claimAdded { kind } }`);
    await arrived(second, 1);
    expect(second.errors[0]).toEqual([expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })]);
    expect(first.errors).toEqual([]);
  });

  it("applies the operation limits to subscription documents", async () => {
    const connection = connect(server);
    let deep = "name";
    for (let level = 0; level < 12; level += 1) deep = `parent { ${deep} }`;
    const tooDeep = connection.subscribe(`subscription { claimAdded { speaker { ${deep} } } }`);
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: kind`).join(" ");
    const tooManyAliases = connection.subscribe(`subscription { claimAdded { ${aliases} } }`);
    const tooComplex = connection.subscribe(
      `subscription { articleAdded { claims(first: 100) { nodes { speaker { claimsMade(first: 100) { nodes { content targets { name } } } } } } } }`,
    );
    const tooManyTokens = connection.subscribe(`subscription { articleAdded { ${"title ".repeat(6000)} } }`);
    for (const received of [tooDeep, tooManyAliases, tooComplex, tooManyTokens]) await arrived(received, 1);
    expect(tooDeep.errors[0][0].extensions).toEqual({ code: "QUERY_TOO_DEEP", limit: 12, actual: expect.any(Number) });
    expect(tooManyAliases.errors[0][0].extensions).toEqual({ code: "TOO_MANY_ALIASES", limit: 30, actual: 31 });
    expect(tooComplex.errors[0][0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: 10_000 });
    expect(tooManyTokens.errors[0][0].extensions).toEqual({ code: "GRAPHQL_PARSE_FAILED" });
  });

  it("refuses more than 100 subscriptions on one connection with TOO_MANY_SUBSCRIPTIONS", async () => {
    const connection = connect(server);
    const allowed = Array.from({ length: 100 }, () => connection.subscribe(`subscription { articleAdded { title } }`));
    await subscribed(server, 100);
    const refused = connection.subscribe(`subscription { articleAdded { title } }`);
    await arrived(refused, 1);
    expect(refused.errors[0][0].extensions.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    expect(allowed.flatMap((received) => received.errors)).toEqual([]);
  });

  it("gives typed errors for bad documents, bad filters and non-subscription operations", async () => {
    const connection = connect(server);
    const invalid = connection.subscribe(`subscription { claimAdded { nosuchfield } }`);
    const query = connection.subscribe(`query { articles { totalCount } }`);
    const mutation = connection.subscribe(`mutation { removeSource(id: "x") { removedSourceId } }`);
    const wrongIdType = connection.subscribe(`subscription { claimAdded(filter: { speaker: "${Buffer.from("Article:1").toString("base64url")}" }) { kind } }`);
    const unknownActor = connection.subscribe(`subscription { eventUpdated(filter: { actor: "${Buffer.from("Actor:999999").toString("base64url")}" }) { kind } }`);
    const emptyName = connection.subscribe(`subscription { claimAdded(filter: { target: "  " }) { kind } }`);
    const badEnum = connection.subscribe(`subscription($kind: ClaimKind) { claimAdded(filter: { kind: $kind }) { kind } }`, { kind: "GOSSIP" });
    for (const received of [invalid, query, mutation, wrongIdType, unknownActor, emptyName, badEnum]) await arrived(received, 1);
    expect(invalid.errors[0][0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(query.errors[0][0]).toMatchObject({ extensions: { code: "BAD_REQUEST" }, message: expect.stringContaining("over HTTP") });
    expect(mutation.errors[0][0].extensions.code).toBe("BAD_REQUEST");
    // Errors raised while subscribing arrive as a result with errors, then the subscription completes.
    const resultError = (received: Received) => received.results[0]?.errors?.[0];
    expect(resultError(wrongIdType)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "filter.speaker" } });
    expect(resultError(unknownActor)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "filter.actor" } });
    expect(resultError(emptyName)).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "filter.target" } });
    expect(resultError(badEnum)).toMatchObject({ extensions: { code: "BAD_USER_INPUT" } });
    expect(resultError(badEnum).message).toContain("GOSSIP");
    await vi.waitFor(() => expect(wrongIdType.completed).toBe(true));
  });
});

describe("shutdown", () => {
  it("closes every WebSocket (1001) and releases the LISTEN connection", async () => {
    const own = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
    const connection = connect(own);
    const received = connection.subscribe(`subscription { articleAdded { title } }`);
    await subscribed(own, 1);
    const countListeners = async () => {
      if (!postgres) return 0;
      const admin = new pg.Client({ connectionString: db.config.url });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'newsgraph-listen'`,
          [new URL(db.config.url!).pathname.slice(1)],
        );
        return rows[0].n as number;
      } finally {
        await admin.end();
      }
    };
    const before = await countListeners();
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    await vi.waitFor(() => expect(connection.closes.length).toBeGreaterThan(0));
    expect(connection.closes[0].code).toBe(1001);
    expect(own.subscriptions.activeSubscriptions).toBe(0);
    if (postgres) {
      // The server under test and the others still listen; this one's connection is gone.
      await vi.waitFor(async () => expect(await countListeners()).toBe(before - 1), { timeout: 10_000 });
    }
    expect(received.errors.length + received.results.length).toBeGreaterThanOrEqual(0);
  });
});
