// timeline: counts per interval and kind, for everyone, an actor or a pair of actors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;

const ARTICLES = [
  { title: "January row", body: "France accused Italy of breaking the fishing deal.", publishedAt: "2026-01-10T08:00:00Z" },
  { title: "Late January row", body: "France accused Italy of ignoring the court ruling.", publishedAt: "2026-01-28T08:00:00Z" },
  { title: "February reply", body: "Italy accused France of spreading lies about its fleet.", publishedAt: "2026-02-03T08:00:00Z" },
  { title: "March row", body: "Spain accused France of blocking the pipeline.", publishedAt: "2026-03-10T08:00:00Z" },
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

const TIMELINE = `query ($interval: TimelineInterval, $claimKinds: [ClaimKind!], $actor: String, $counterpart: String, $since: DateTimeISO) {
  timeline(interval: $interval, claimKinds: $claimKinds, actor: $actor, counterpart: $counterpart, since: $since) { start kind count }
}`;

describe("timeline", () => {
  it("counts accusations per month", async () => {
    const result = await run(db, TIMELINE, { claimKinds: ["ACCUSE"] });
    expect(result.errors).toBeUndefined();
    expect(result.data.timeline).toEqual([
      { start: "2026-01-01T00:00:00.000Z", kind: "ACCUSE", count: 2 },
      { start: "2026-02-01T00:00:00.000Z", kind: "ACCUSE", count: 1 },
      { start: "2026-03-01T00:00:00.000Z", kind: "ACCUSE", count: 1 },
    ]);
  });

  it("narrows to an actor, a pair of actors and a window, by week", async () => {
    const pair = await run(db, TIMELINE, { interval: "WEEK", claimKinds: ["ACCUSE"], actor: "Italy", counterpart: "France" });
    expect(pair.data.timeline.map((b: any) => [b.start.slice(0, 10), b.count])).toEqual([
      ["2026-01-05", 1],
      ["2026-01-26", 1],
      ["2026-02-02", 1],
    ]);
    const spain = await run(db, TIMELINE, { claimKinds: ["ACCUSE"], actor: "Spain" });
    expect(spain.data.timeline).toEqual([{ start: "2026-03-01T00:00:00.000Z", kind: "ACCUSE", count: 1 }]);
    const since = await run(db, TIMELINE, { claimKinds: ["ACCUSE"], since: "2026-02-01T00:00:00Z" });
    expect(since.data.timeline.map((b: any) => b.count)).toEqual([1, 1]);
  });

  it("rejects a counterpart without an actor, and an unknown actor", async () => {
    expect(errorCodes(await run(db, TIMELINE, { counterpart: "France" }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await run(db, TIMELINE, { actor: "Atlantis" }))).toEqual(["BAD_USER_INPUT"]);
  });
});
