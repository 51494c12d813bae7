// The pure grouping: connected components of a symmetric relation, with canonical attributes
// that do not depend on the order of the mentions or on their row ids.
import { describe, expect, it } from "vitest";
import {
  dateWindow,
  epochDay,
  groupMentions,
  sameHappening,
  storyTerms,
  termSimilarity,
  type StoryMention,
} from "../../src/extract/stories.js";

const MARCH_2 = epochDay("2026-03-02");

function mention(overrides: Partial<StoryMention> & { id: number; articleId: number }): StoryMention {
  return {
    kind: "PROTEST",
    status: "OCCURRED",
    mode: null,
    date: "2026-03-02",
    datePrecision: "DAY",
    windowStart: MARCH_2,
    windowEnd: MARCH_2,
    locationId: 1,
    locationText: "Yerevan",
    agentIds: [10],
    targetIds: [20],
    terms: storyTerms("Thousands of protesters rallied in Yerevan against Prime Minister Nikol Pashinyan"),
    ...overrides,
  };
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe("story grouping", () => {
  it("needs the same kind, close dates, an anchor, no contradiction and similar text", () => {
    const a = mention({ id: 1, articleId: 1 });
    const b = mention({ id: 2, articleId: 2, terms: storyTerms("Demonstrators protested against Nikol Pashinyan in Yerevan, calling on the prime minister to step down") });
    expect(termSimilarity(a.terms, b.terms)).toBeGreaterThan(0.25);
    expect(sameHappening(a, b)).toBe(true);
    expect(sameHappening(b, a)).toBe(true);
    expect(sameHappening(a, { ...b, articleId: 1 })).toBe(false);
    expect(sameHappening(a, { ...b, kind: "ASSAULT" })).toBe(false);
    expect(sameHappening(a, { ...b, windowStart: MARCH_2 + 4, windowEnd: MARCH_2 + 4 })).toBe(false);
    expect(sameHappening(a, { ...b, windowStart: MARCH_2 + 3, windowEnd: MARCH_2 + 3 })).toBe(true);
    expect(sameHappening(a, { ...b, windowStart: null, windowEnd: null })).toBe(false);
    expect(sameHappening(a, { ...b, locationId: 2 })).toBe(false);
    expect(sameHappening(a, { ...b, agentIds: [20], targetIds: [10] })).toBe(false);
    expect(sameHappening(a, { ...b, targetIds: [21] })).toBe(false);
    expect(sameHappening(a, { ...b, targetIds: [] })).toBe(true);
    expect(sameHappening(a, { ...b, agentIds: [11] })).toBe(true);
    expect(sameHappening(a, { ...b, agentIds: [], targetIds: [], locationId: null })).toBe(false);
    expect(sameHappening(a, { ...b, agentIds: [], targetIds: [] })).toBe(true);
    expect(sameHappening(a, { ...b, terms: storyTerms("Farmers blocked roads with tractors over fuel prices") })).toBe(false);
  });

  it("dates a mention by its own date at its precision, else by the publication day", () => {
    expect(dateWindow("2026-03-02", "DAY", null)).toEqual({ start: MARCH_2, end: MARCH_2 });
    expect(dateWindow("2026-02-01", "MONTH", null)).toEqual({ start: epochDay("2026-02-01"), end: epochDay("2026-02-28") });
    expect(dateWindow("2024-01-01", "YEAR", null)).toEqual({ start: epochDay("2024-01-01"), end: epochDay("2024-12-31") });
    expect(dateWindow(null, null, new Date("2026-03-02T23:59:00Z"))).toEqual({ start: MARCH_2, end: MARCH_2 });
    expect(dateWindow(null, null, null)).toBeNull();
  });

  it("derives canonical attributes from every member, with content-based tie-breaks", () => {
    const [story] = groupMentions([
      mention({ id: 7, articleId: 3, date: "2026-03-03", windowStart: MARCH_2 + 1, windowEnd: MARCH_2 + 1, status: "ANNOUNCED", agentIds: [11] }),
      mention({ id: 5, articleId: 1, date: "2026-03-02", locationText: "the Armenian capital" }),
      mention({ id: 6, articleId: 2, date: null, datePrecision: null, status: "ANNOUNCED" }),
    ]);
    expect(story.mentions.map((m) => m.id)).toEqual([5, 6, 7]);
    expect(story.attributes).toEqual({
      kind: "PROTEST",
      status: "OCCURRED",
      mode: null,
      date: "2026-03-02",
      datePrecision: "DAY",
      locationId: 1,
      locationText: "Yerevan",
      participants: [
        { actorId: 10, role: "AGENT" },
        { actorId: 11, role: "AGENT" },
        { actorId: 20, role: "TARGET" },
      ],
    });
  });

  it("gives the same stories for every order and every id assignment of the same mentions", () => {
    const next = random(42);
    const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)];
    const words = ["protest", "yerevan", "pashinyan", "rally", "paris", "farmers", "fuel", "tractors", "strike", "union", "minister", "resign", "police", "border", "shelling", "village", "court", "election"];
    const base = Array.from({ length: 60 }, (_, index) => {
      const day = MARCH_2 + Math.floor(next() * 30);
      return mention({
        id: index + 1,
        articleId: 1 + Math.floor(next() * 40),
        kind: pick(["PROTEST", "PROTEST", "ASSAULT"] as const),
        status: pick(["OCCURRED", "ANNOUNCED"] as const),
        mode: pick([null, "demonstrate", "strike"]),
        date: next() < 0.8 ? new Date(day * 86_400_000).toISOString().slice(0, 10) : null,
        windowStart: day,
        windowEnd: day,
        locationId: pick([null, 1, 2, 3]),
        locationText: pick(["Yerevan", "Paris", "the capital"]),
        agentIds: [pick([10, 11, 12, 13, 14])],
        targetIds: next() < 0.5 ? [pick([20, 21])] : [],
        terms: storyTerms(Array.from({ length: 5 }, () => pick(words)).join(" ")),
      });
    });
    const signature = (mentions: StoryMention[]) =>
      groupMentions(mentions)
        .map((story) => JSON.stringify({ members: story.mentions.map((m) => m.terms.join(",") + m.articleId + m.windowStart).sort(), ...story.attributes }))
        .sort();
    const expected = signature(base);
    // Some mentions grouped, most not: a run that merged everything or nothing would prove little.
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(base.length - 5);
    for (let round = 0; round < 10; round += 1) {
      const shuffled = [...base].sort(() => next() - 0.5);
      const renumbered = shuffled.map((m, index) => ({ ...m, id: 1000 - index * 7 }));
      expect(signature(renumbered)).toEqual(expected);
    }
  });
});
