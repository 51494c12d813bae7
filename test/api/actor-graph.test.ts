// actorGraph: who accused whom as aggregated edges with counts and dates, filtered by time,
// actor and frequency, each edge backed by its claims; negated claims are not edges.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;

const ARTICLES = [
  { title: "Fishing row", body: "France accused Italy of breaking the fishing deal.", publishedAt: "2026-01-10T08:00:00Z" },
  { title: "Court row", body: "France accused Italy of ignoring the court ruling. Italy rejected these accusations.", publishedAt: "2026-02-10T08:00:00Z" },
  { title: "Pipeline row", body: "Spain accused France of blocking the pipeline.", publishedAt: "2026-03-10T08:00:00Z" },
  { title: "No row", body: "Germany did not accuse Spain of anything.", publishedAt: "2026-03-15T08:00:00Z" },
];

beforeAll(async () => {
  db = await createTestDatabase();
  for (const input of ARTICLES) {
    const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, { input });
    expect(result.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await db?.destroy();
});

const GRAPH = `query ($kinds: [ClaimKind!], $since: DateTimeISO, $until: DateTimeISO, $actor: String, $minCount: Int) {
  actorGraph(kinds: $kinds, since: $since, until: $until, actor: $actor, minCount: $minCount) {
    nodes { name }
    edges { from { name } to { name } kind count firstSeen lastSeen claims { totalCount nodes { content article { title } } } }
  }
}`;

function summary(graph: any): string[] {
  return graph.edges.map((e: any) => `${e.from.name} ${e.kind} ${e.to.name} x${e.count}`);
}

describe("actorGraph", () => {
  it("aggregates who accused whom, with counts, first and last dates, and the claims behind each edge", async () => {
    const result = await run(db, GRAPH, {});
    expect(result.errors).toBeUndefined();
    const graph = result.data.actorGraph;
    expect(summary(graph)).toEqual(["France ACCUSE Italy x2", "Spain ACCUSE France x1"]);
    const [franceItaly] = graph.edges;
    expect(franceItaly.firstSeen).toBe("2026-01-10T08:00:00.000Z");
    expect(franceItaly.lastSeen).toBe("2026-02-10T08:00:00.000Z");
    expect(franceItaly.claims.totalCount).toBe(2);
    expect(franceItaly.claims.nodes.map((c: any) => c.article.title).sort()).toEqual(["Court row", "Fishing row"]);
    expect(graph.nodes.map((n: any) => n.name).sort()).toEqual(["France", "Italy", "Spain"]);
  });

  it("draws other kinds with the same shape: who rejected whom", async () => {
    const result = await run(db, GRAPH, { kinds: ["REJECT"] });
    expect(summary(result.data.actorGraph)).toEqual(["Italy REJECT France x1"]);
  });

  it("filters by time window, actor and minimum count", async () => {
    const since = await run(db, GRAPH, { since: "2026-02-01T00:00:00Z" });
    // Equal counts: the most recent edge first.
    expect(summary(since.data.actorGraph)).toEqual(["Spain ACCUSE France x1", "France ACCUSE Italy x1"]);
    expect(since.data.actorGraph.edges[1].claims.totalCount).toBe(1);
    expect(since.data.actorGraph.edges[1].claims.nodes[0].article.title).toBe("Court row");
    const until = await run(db, GRAPH, { until: "2026-02-01T00:00:00Z" });
    expect(summary(until.data.actorGraph)).toEqual(["France ACCUSE Italy x1"]);
    const spain = await run(db, GRAPH, { actor: "Spain" });
    expect(summary(spain.data.actorGraph)).toEqual(["Spain ACCUSE France x1"]);
    const frequent = await run(db, GRAPH, { minCount: 2 });
    expect(summary(frequent.data.actorGraph)).toEqual(["France ACCUSE Italy x2"]);
  });

  it("rejects an unknown actor, an empty kind list and an inverted window", async () => {
    for (const variables of [{ actor: "Atlantis" }, { kinds: [] }, { since: "2026-03-01T00:00:00Z", until: "2026-01-01T00:00:00Z" }, { minCount: 0 }]) {
      const result = await run(db, GRAPH, variables);
      expect(errorCodes(result), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
