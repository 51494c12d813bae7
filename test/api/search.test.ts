// Search: ranked full text over articles, claims and events with highlighted snippets, fuzzy
// actor names, filters, and typed errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { referenceArticle } from "../support/fixtures.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  const { title, body } = referenceArticle();
  const inputs = [
    { title, body, publishedAt: "2024-02-23T00:00:00Z", sourceName: "Reference" },
    {
      title: "Farmers block roads in protest over fuel prices",
      body: "Thousands of farmers blocked roads across Poland on Friday in protest over fuel prices. Police said the protests were peaceful. The agriculture minister urged the farmers to end the blockades.",
      publishedAt: "2025-06-01T00:00:00Z",
      sourceName: "Farm Wire",
    },
  ];
  for (const input of inputs) {
    const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, { input });
    expect(result.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await db?.destroy();
});

const SEARCH = `query ($query: String!, $types: [SearchType!], $filter: SearchFilter, $first: Int, $after: String) {
  search(query: $query, types: $types, filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { score snippet node { __typename ... on Article { title } ... on Actor { name } ... on Claim { claimKind: kind speaker { name } } ... on Event { eventKind: kind } } }
  }
}`;

describe("search", () => {
  it("finds articles by full text, ranked, with highlighted snippets", async () => {
    const result = await run(db, SEARCH, { query: "withdraw alliance", types: ["ARTICLE"] });
    expect(result.errors).toBeUndefined();
    const [hit] = result.data.search.edges;
    expect(hit.node).toEqual({ __typename: "Article", title: "Armenia to Withdraw from Russia-Led Security Alliance Amid Rising Tensions" });
    expect(hit.snippet).toMatch(/«[Ww]ithdraw»/);
    expect(hit.score).toBeGreaterThan(0);
    expect(result.data.search.totalCount).toBe(1);
  });

  it('finds an actor from a misspelt name: "Pashinian" finds Pashinyan', async () => {
    const result = await run(db, SEARCH, { query: "Pashinian", types: ["ACTOR"] });
    expect(result.errors).toBeUndefined();
    expect(result.data.search.edges[0].node).toEqual({ __typename: "Actor", name: "Nikol Pashinyan" });
  });

  it("finds claims and events, and narrows them by kind, actor, source and dates", async () => {
    const claims = await run(db, SEARCH, { query: "treaty obligations", types: ["CLAIM"], filter: { claimKind: "ACCUSE", actor: "Pashinyan" } });
    expect(claims.errors).toBeUndefined();
    expect(claims.data.search.edges.map((e: any) => e.node)).toEqual([{ __typename: "Claim", claimKind: "ACCUSE", speaker: { name: "Nikol Pashinyan" } }]);

    const protests = await run(db, SEARCH, { query: "protests", types: ["EVENT", "ARTICLE"], filter: { source: "Farm Wire" } });
    expect(protests.errors).toBeUndefined();
    expect(protests.data.search.edges.length).toBeGreaterThan(0);
    expect(protests.data.search.edges.every((e: any) => e.node.title === "Farmers block roads in protest over fuel prices" || e.node.__typename === "Event")).toBe(true);

    const dated = await run(db, SEARCH, { query: "protests", types: ["ARTICLE"], filter: { since: "2025-01-01T00:00:00Z" } });
    expect(dated.data.search.edges.map((e: any) => e.node.title)).toEqual(["Farmers block roads in protest over fuel prices"]);
    const before = await run(db, SEARCH, { query: "protests", types: ["ARTICLE"], filter: { until: "2025-01-01T00:00:00Z" } });
    expect(before.data.search.edges.map((e: any) => e.node.title)).toEqual(["Armenia to Withdraw from Russia-Led Security Alliance Amid Rising Tensions"]);
  });

  it("pages through hits without repeating any", async () => {
    const first = await run(db, SEARCH, { query: "Armenia", first: 2 });
    expect(first.errors).toBeUndefined();
    expect(first.data.search.pageInfo.hasNextPage).toBe(true);
    const second = await run(db, SEARCH, { query: "Armenia", first: 2, after: first.data.search.pageInfo.endCursor });
    const key = (e: any) => JSON.stringify(e.node);
    const seen = new Set(first.data.search.edges.map(key));
    for (const edge of second.data.search.edges) expect(seen.has(key(edge))).toBe(false);
    expect(first.data.search.totalCount).toBeGreaterThanOrEqual(4);
  });

  it("rejects an empty query, an unknown source or actor, and an inverted date range", async () => {
    for (const variables of [
      { query: "  " },
      { query: "x", filter: { source: "Nobody's Wire" } },
      { query: "x", filter: { actor: "Nobody McNoname" } },
      { query: "x", filter: { since: "2025-01-01T00:00:00Z", until: "2024-01-01T00:00:00Z" } },
    ]) {
      const result = await run(db, SEARCH, variables);
      expect(errorCodes(result), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
