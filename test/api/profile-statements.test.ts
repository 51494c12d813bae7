// An actor profile (claims with speakers, targets, articles and reviews, articles, counterparts both
// ways, counts, timeline) and the actor graph (edges with their claims) cost the same number of SQL
// statements for 10 items as for 100: every nested list is batched.
import countries from "world-countries";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run } from "../support/graphql.js";

// 110 countries, each accused by France in an article of its own and accusing France back in another.
const TARGETS = (countries as unknown as { unMember?: boolean; name: { common: string } }[])
  .filter((country) => country.unMember && /^[A-Z][a-z]+$/.test(country.name.common) && country.name.common !== "France")
  .map((country) => country.name.common)
  .slice(0, 110);

const PROFILE = /* GraphQL */ `
  query ($first: Int!) {
    actor(name: "France") {
      name aliases mentionCount parent { name }
      claimCounts { kind made received }
      claimsMade(first: $first) { totalCount nodes { content quote speaker { name } targets { name } article { title } review { verdict } respondsTo { id } } }
      claimsReceived(first: $first) { totalCount nodes { speaker { name } targets { name } article { title source { name } } } }
      articles(first: $first) { totalCount nodes { title source { name } } }
      outgoing: topCounterparts(first: $first, direction: OUTGOING) { count actor { name aliases } }
      incoming: topCounterparts(first: $first, direction: INCOMING) { count actor { name } }
      timeline(interval: MONTH) { start kind count }
    }
  }
`;

const GRAPH = /* GraphQL */ `
  query ($first: Int!) {
    actorGraph(kinds: [ACCUSE], first: $first) {
      nodes { name aliases mentionCount }
      edges { kind count from { name } to { name } claims(first: 3) { totalCount nodes { content speaker { name } targets { name } article { title } } } }
    }
  }
`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  expect(TARGETS.length).toBe(110);
  for (const [index, target] of TARGETS.entries()) {
    for (const [speaker, accused] of [["France", target], [target, "France"]]) {
      const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, {
        input: {
          title: `${speaker} and ${accused}, dispute ${index}`,
          body: `${speaker} accused ${accused} of breaking trade rule ${index}.`,
          sourceName: "Wire",
          publishedAt: `2026-0${1 + (index % 6)}-1${index % 10}T08:00:00Z`,
        },
      });
      expect(result.errors).toBeUndefined();
    }
  }
}, 600_000);

afterAll(async () => {
  await db?.destroy();
});

async function statementsFor(query: string, first: number) {
  db.statements.total = 0;
  const result = await run(db, query, { first });
  expect(result.errors).toBeUndefined();
  return { statements: db.statements.total, data: result.data };
}

describe("SQL statements per operation", () => {
  it("an actor profile costs the same for 10 items as for 100", async () => {
    const ten = await statementsFor(PROFILE, 10);
    const hundred = await statementsFor(PROFILE, 100);
    for (const [run, size] of [[ten, 10], [hundred, 100]] as const) {
      const france = run.data.actor;
      expect(france.claimsMade.nodes).toHaveLength(size);
      expect(france.claimsReceived.nodes).toHaveLength(size);
      expect(france.articles.nodes).toHaveLength(size);
      expect(france.outgoing).toHaveLength(size);
      expect(france.incoming).toHaveLength(size);
    }
    // Not strictly equal: with 100 items a list may find its actors already in the per-request
    // cache, and a DataLoader batch can be split across two ticks when resolvers resume at
    // different times (one statement more or less, either way); an N+1 would add about 90.
    expect(Math.abs(hundred.statements - ten.statements)).toBeLessThanOrEqual(2);
    expect(ten.statements).toBeLessThanOrEqual(26);
    console.log(`actor profile: ${ten.statements} SQL statements for 10 items per list, ${hundred.statements} for 100`);
  });

  it("the actor graph costs the same for 10 edges as for 100", async () => {
    const ten = await statementsFor(GRAPH, 10);
    const hundred = await statementsFor(GRAPH, 100);
    expect(ten.data.actorGraph.edges).toHaveLength(10);
    expect(hundred.data.actorGraph.edges).toHaveLength(100);
    for (const edge of hundred.data.actorGraph.edges) {
      expect(edge.claims.totalCount).toBe(edge.count);
      expect(edge.claims.nodes).toHaveLength(edge.count);
      expect(edge.claims.nodes[0].speaker.name).toBe(edge.from.name);
    }
    expect(hundred.statements).toBe(ten.statements);
    console.log(`actorGraph: ${ten.statements} SQL statements for 10 edges, ${hundred.statements} for 100`);
  });
});
