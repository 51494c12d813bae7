// Relay conventions: global ids through node(), keyset cursors that neither skip nor repeat while
// articles arrive, first capped at 100, and typed errors for malformed ids and cursors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;

async function ingest(index: number) {
  const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id title } } }`, {
    input: { title: `Bulletin number ${index}`, body: `Norway urged Sweden to reopen the ferry line, officials said in bulletin ${index}.` },
  });
  expect(result.errors).toBeUndefined();
  return result.data.ingestArticle.article as { id: string; title: string };
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (let i = 1; i <= 7; i += 1) await ingest(i);
});

afterAll(async () => {
  await db?.destroy();
});

const PAGE = `query ($first: Int, $after: String) {
  articles(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id title } }
}`;

describe("connections", () => {
  it("pages through every article exactly once, even when new ones arrive between pages", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: any = await run(db, PAGE, { first: 3, after });
      expect(result.errors).toBeUndefined();
      const { nodes, pageInfo, totalCount } = result.data.articles;
      if (pages === 0) expect(totalCount).toBe(7);
      seen.push(...nodes.map((node: any) => node.title));
      pages += 1;
      if (pages === 1) await ingest(100); // arrives while the client is paging
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `Bulletin number ${i}`));
  });

  it("fetches any object by its global id through node and nodes", async () => {
    const list = await run(db, `{ articles(first: 1) { nodes { id } } claims(first: 1) { nodes { id speaker { id } } } }`);
    const articleId = list.data!.articles.nodes[0].id;
    const claimId = list.data!.claims.nodes[0].id;
    const actorId = list.data!.claims.nodes[0].speaker.id;
    const result = await run(
      db,
      `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Article { title } ... on Claim { kind } ... on Actor { name } } }`,
      { ids: [articleId, claimId, actorId] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.nodes.map((node: any) => node.__typename)).toEqual(["Article", "Claim", "Actor"]);
    expect(result.data!.nodes.map((node: any) => node.id)).toEqual([articleId, claimId, actorId]);
    expect(result.data!.nodes[1].kind).toBe("REQUEST");
  });

  it("returns null for a well-formed id of an object that does not exist", async () => {
    const missing = Buffer.from("Article:999999").toString("base64url");
    const result = await run(db, `query ($id: ID!) { node(id: $id) { id } }`, { id: missing });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });

  const badRequests: [string, string, Record<string, unknown>][] = [
    ["first over 100", `{ articles(first: 101) { totalCount } }`, {}],
    ["a negative first", `{ claims(first: -1) { totalCount } }`, {}],
    ["a malformed global id", `{ node(id: "not-an-id!") { id } }`, {}],
    ["an id of the wrong type", `query ($id: ID!) { article(id: $id) { title } }`, { id: Buffer.from("Claim:1").toString("base64url") }],
    ["a cursor that is not ours", `{ articles(after: "bm9wZQ") { totalCount } }`, {}],
    ["an unknown actor in a filter", `{ claims(filter: { speaker: "Nobody McNoname" }) { totalCount } }`, {}],
    ["both id and name", `{ actor(id: "x", name: "Norway") { name } }`, {}],
  ];
  for (const [what, query, variables] of badRequests) {
    it(`rejects ${what} with BAD_USER_INPUT`, async () => {
      const result = await run(db, query, variables);
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.data === null || Object.values(result.data!).every((value) => value === null)).toBe(true);
    });
  }
});
