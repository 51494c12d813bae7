// The actor profile (mention count, claims made and received by kind, top counterparts, timeline,
// articles) and orderBy on articles, claims and actors, with keyset cursors that neither skip nor
// repeat while articles arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;

const ARTICLES = [
  { title: "Fishing row", body: "France accused Italy of breaking the fishing deal.", publishedAt: "2026-01-10T08:00:00Z" },
  { title: "Court row", body: "France accused Italy of ignoring the court ruling. Italy rejected these accusations.", publishedAt: "2026-02-10T08:00:00Z" },
  { title: "Pipeline row", body: "France accused Spain of blocking the pipeline.", publishedAt: "2026-03-10T08:00:00Z" },
  { title: "Hypocrisy row", body: "Germany accused France of hypocrisy over the budget.", publishedAt: "2026-03-15T08:00:00Z" },
  { title: "Undated row", body: "Spain accused France of blocking the trade corridor." },
];

async function ingest(input: Record<string, unknown>) {
  const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, { input });
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const input of ARTICLES) await ingest(input);
});

afterAll(async () => {
  await db?.destroy();
});

const PROFILE = `query {
  actor(name: "France") {
    mentionCount
    mentions { totalCount }
    claimCounts { kind made received }
    accuse: claimsMade(kind: ACCUSE) { totalCount }
    accused: claimsReceived(kind: ACCUSE) { totalCount }
    outgoing: topCounterparts(kind: ACCUSE, direction: OUTGOING) { count firstSeen lastSeen actor { name } }
    incoming: topCounterparts(kind: ACCUSE, direction: INCOMING) { count actor { name } }
    top1: topCounterparts(first: 1) { count actor { name } }
    timeline(interval: MONTH, kinds: [ACCUSE]) { start kind count }
    articles(first: 10) { totalCount nodes { title } }
  }
  timeline(interval: MONTH, claimKinds: [ACCUSE], actor: "France") { start kind count }
}`;

describe("actor profile", () => {
  it("counts mentions and claims by kind, ranks counterparts both ways, and gives the timeline and articles", async () => {
    const result = await run(db, PROFILE);
    expect(result.errors).toBeUndefined();
    const france = result.data.actor;
    expect(france.mentionCount).toBe(france.mentions.totalCount);
    expect(france.mentionCount).toBeGreaterThanOrEqual(5);
    const accuse = france.claimCounts.find((row: any) => row.kind === "ACCUSE");
    expect(accuse).toEqual({ kind: "ACCUSE", made: 3, received: 2 });
    expect(accuse.made).toBe(france.accuse.totalCount);
    expect(accuse.received).toBe(france.accused.totalCount);
    expect(france.claimCounts.find((row: any) => row.kind === "REJECT")).toEqual({ kind: "REJECT", made: 0, received: 1 });

    expect(france.outgoing).toEqual([
      { count: 2, firstSeen: "2026-01-10T08:00:00.000Z", lastSeen: "2026-02-10T08:00:00.000Z", actor: { name: "Italy" } },
      { count: 1, firstSeen: "2026-03-10T08:00:00.000Z", lastSeen: "2026-03-10T08:00:00.000Z", actor: { name: "Spain" } },
    ]);
    // Equal counts: the more recent first (the undated article counts from when it was stored).
    expect(france.incoming).toEqual([
      { count: 1, actor: { name: "Spain" } },
      { count: 1, actor: { name: "Germany" } },
    ]);
    expect(france.top1).toEqual([{ count: 2, actor: { name: "Italy" } }]);

    expect(france.timeline).toEqual(result.data.timeline);
    expect(france.timeline.slice(0, 3)).toEqual([
      { start: "2026-01-01T00:00:00.000Z", kind: "ACCUSE", count: 1 },
      { start: "2026-02-01T00:00:00.000Z", kind: "ACCUSE", count: 1 },
      { start: "2026-03-01T00:00:00.000Z", kind: "ACCUSE", count: 2 },
    ]);
    expect(france.articles.totalCount).toBe(5);
    expect(france.articles.nodes.map((node: any) => node.title).sort()).toEqual(ARTICLES.map((article) => article.title).sort());
  });

  it("refuses a counterpart page over 100", async () => {
    const result = await run(db, `{ actor(name: "France") { topCounterparts(first: 101) { count } } }`);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  });
});

async function pageThrough(query: string, field: string, variables: Record<string, unknown>, between?: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages += 1) {
    const result: any = await run(db, query, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const connection = result.data[field];
    seen.push(...connection.nodes.map((node: any) => node.label));
    if (pages === 0 && between) await between();
    if (!connection.pageInfo.hasNextPage) return seen;
    after = connection.pageInfo.endCursor;
  }
  throw new Error("paging did not end");
}

const ARTICLE_PAGE = `query ($orderBy: ArticleOrder, $after: String) {
  articles(first: 2, after: $after, orderBy: $orderBy) { pageInfo { hasNextPage endCursor } nodes { label: title } }
}`;

describe("orderBy", () => {
  it("orders articles by publication time either way, undated last, without skipping or repeating while articles arrive", async () => {
    const late = await pageThrough(ARTICLE_PAGE, "articles", { orderBy: { field: "PUBLISHED_AT", direction: "DESC" } }, () =>
      ingest({ title: "Arrived meanwhile", body: "Norway urged Sweden to reopen the ferry line.", publishedAt: "2026-02-20T08:00:00Z" }),
    );
    // It arrived after the first page and sorts after that page's cursor, so it is listed once, in place.
    expect(late).toEqual(["Hypocrisy row", "Pipeline row", "Arrived meanwhile", "Court row", "Fishing row", "Undated row"]);

    const early = await pageThrough(ARTICLE_PAGE, "articles", { orderBy: { field: "PUBLISHED_AT", direction: "ASC" } }, () =>
      ingest({ title: "Older news", body: "Chile urged Peru to reopen the border crossing.", publishedAt: "2025-12-01T08:00:00Z" }),
    );
    // It sorts before the cursor of the first page: never shown in this pass, and nothing repeats.
    expect(early).toEqual(["Fishing row", "Court row", "Arrived meanwhile", "Pipeline row", "Hypocrisy row", "Undated row"]);

    const stored = await pageThrough(ARTICLE_PAGE, "articles", { orderBy: { field: "FETCHED_AT", direction: "ASC" } });
    expect(stored).toEqual([...ARTICLES.map((article) => article.title), "Arrived meanwhile", "Older news"]);
  });

  it("orders claims by their article's publication time, the same page by page as in one page", async () => {
    const query = `query ($orderBy: ClaimOrder, $after: String, $first: Int = 2) {
      claims(first: $first, after: $after, orderBy: $orderBy) { pageInfo { hasNextPage endCursor } nodes { label: content article { publishedAt } } }
    }`;
    for (const direction of ["ASC", "DESC"]) {
      const orderBy = { field: "PUBLISHED_AT", direction };
      const whole = await run(db, query, { orderBy, first: 100 });
      const dates = whole.data.claims.nodes.map((node: any) => node.article.publishedAt);
      const dated = dates.filter((date: string | null) => date !== null);
      expect(dated).toEqual([...dated].sort((a: string, b: string) => (direction === "ASC" ? a.localeCompare(b) : b.localeCompare(a))));
      expect(dates.slice(dated.length).every((date: string | null) => date === null)).toBe(true);
      expect(await pageThrough(query, "claims", { orderBy })).toEqual(whole.data.claims.nodes.map((node: any) => node.label));
    }
  });

  it("orders actors by name", async () => {
    const query = `query ($after: String, $first: Int = 2) {
      actors(first: $first, after: $after, orderBy: { field: NAME, direction: ASC }) { pageInfo { hasNextPage endCursor } nodes { label: name } }
    }`;
    const whole = (await run(db, query, { first: 100 })).data.actors.nodes.map((node: any) => node.label);
    expect(whole).toEqual(expect.arrayContaining(["France", "Germany", "Italy", "Spain"]));
    expect(whole.filter((name: string) => ["France", "Germany", "Italy", "Spain"].includes(name))).toEqual(["France", "Germany", "Italy", "Spain"]);
    expect(await pageThrough(query, "actors", {})).toEqual(whole);
  });

  it("refuses a cursor from another ordering or from an unordered list", async () => {
    const byDate = await run(db, ARTICLE_PAGE, { orderBy: { field: "PUBLISHED_AT", direction: "DESC" } });
    const plain = await run(db, `{ articles(first: 1) { pageInfo { endCursor } } }`);
    const byFetch = await run(db, ARTICLE_PAGE, { orderBy: { field: "FETCHED_AT", direction: "DESC" }, after: byDate.data.articles.pageInfo.endCursor });
    expect(errorCodes(byFetch)).toEqual(["BAD_USER_INPUT"]);
    expect(byFetch.errors![0].message).toContain("PUBLISHED_AT");
    const mixed = await run(db, ARTICLE_PAGE, { orderBy: { field: "PUBLISHED_AT", direction: "DESC" }, after: plain.data.articles.pageInfo.endCursor });
    expect(errorCodes(mixed)).toEqual(["BAD_USER_INPUT"]);
    const garbage = await run(db, ARTICLE_PAGE, { orderBy: { field: "PUBLISHED_AT", direction: "DESC" }, after: Buffer.from('order:["PUBLISHED_AT",{"t":"x"},1]').toString("base64url") });
    expect(errorCodes(garbage)).toEqual(["BAD_USER_INPUT"]);
  });
});
