// ingestArticle: idempotent on the same text or URL, and every bad input is a BAD_USER_INPUT
// error that stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

const INGEST = /* GraphQL */ `
  mutation ($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      duplicate actorCount claimCount eventCount warnings
      article { id title body url canonicalUrl publishedAt source { name kind } }
    }
  }
`;

const ARTICLE = {
  title: "Chile accuses Bolivia of blocking river talks",
  body:
    "Santiago, Chile - Chilean Foreign Minister Ana Rojas accused Bolivia of blocking talks on the Silala river on Monday.\n\n" +
    "Bolivia rejected these accusations and said Chile had walked away from the table.",
  url: "https://news.example.org/chile-bolivia?utm_source=feed&id=7#comments",
  publishedAt: "2026-03-02T08:00:00Z",
  sourceName: "Example Wire",
};

let db: TestDatabase;

async function tableCounts() {
  const p = db.prisma;
  const [articles, actors, aliases, mentions, claims, targets, events, reports, sources] = await Promise.all([
    p.article.count(),
    p.actor.count(),
    p.actorAlias.count(),
    p.mention.count(),
    p.claim.count(),
    p.claimTarget.count(),
    p.event.count(),
    p.eventReport.count(),
    p.source.count(),
  ]);
  return { articles, actors, aliases, mentions, claims, targets, events, reports, sources };
}

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.destroy();
});

describe("ingestArticle", () => {
  it("stores the article with its source and canonical URL, and what was extracted", async () => {
    const result = await run(db, INGEST, { input: ARTICLE });
    expect(result.errors).toBeUndefined();
    const payload = result.data.ingestArticle;
    expect(payload.duplicate).toBe(false);
    expect(payload.claimCount).toBeGreaterThanOrEqual(2);
    expect(payload.actorCount).toBeGreaterThanOrEqual(2);
    expect(payload.article.title).toBe(ARTICLE.title);
    expect(payload.article.url).toBe(ARTICLE.url);
    expect(payload.article.canonicalUrl).toBe("https://news.example.org/chile-bolivia?id=7");
    expect(payload.article.publishedAt).toBe("2026-03-02T08:00:00.000Z");
    expect(payload.article.source).toEqual({ name: "Example Wire", kind: "MANUAL" });
    expect((await tableCounts()).claims).toBe(payload.claimCount);
  });

  it("returns the existing article for the same text, and creates nothing twice", async () => {
    const before = await tableCounts();
    const first = await run(db, `{ articles(first: 1) { nodes { id } } }`);
    for (const input of [
      ARTICLE,
      { ...ARTICLE, url: null, sourceName: null },
      { ...ARTICLE, body: ARTICLE.body.replace(/ /g, "  ") + "\n\n\n" },
      { ...ARTICLE, title: "A new headline", body: "Different text entirely, but the same URL." },
      { ...ARTICLE, title: "Another headline", body: "Another text, and the URL differs only in tracking.", url: "https://news.example.org/chile-bolivia?id=7&fbclid=x" },
    ]) {
      const result = await run(db, INGEST, { input });
      expect(result.errors).toBeUndefined();
      expect(result.data.ingestArticle.duplicate).toBe(true);
      expect(result.data.ingestArticle.claimCount).toBe(0);
      expect(result.data.ingestArticle.article.id).toBe(first.data!.articles.nodes[0].id);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("stores an article once when the same text arrives twice at the same moment", async () => {
    const input = { title: "Simultaneous delivery", body: "Austria accused Hungary of closing the border crossing without warning." };
    const before = await tableCounts();
    const results = await Promise.all([run(db, INGEST, { input }), run(db, INGEST, { input })]);
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(results.map((result) => result.data.ingestArticle.duplicate).sort()).toEqual([false, true]);
    expect(results[0].data.ingestArticle.article.id).toBe(results[1].data.ingestArticle.article.id);
    expect((await tableCounts()).articles).toBe(before.articles + 1);
  });

  it("stores a non-English article with its language, searchable, with extraction skipped for a recorded reason", async () => {
    const input = {
      title: "Regierung kritisiert Nachbarland",
      body:
        "Die Bundesregierung hat am Montag dem Nachbarland vorgeworfen, die Verhandlungen über die Grenze zu blockieren. " +
        "Ein Sprecher sagte, man werde die Gespräche nicht fortsetzen, solange die Forderungen nicht erfüllt seien.",
    };
    const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) {
      claimCount warnings article { language extractionNotes } } }`, { input });
    expect(result.errors).toBeUndefined();
    const payload = result.data.ingestArticle;
    expect(payload.article.language).toBe("de");
    expect(payload.claimCount).toBe(0);
    expect(payload.article.extractionNotes.join(" ")).toMatch(/language: de, extraction skipped/);
    const found = await run(db, `{ search(query: "Bundesregierung", types: [ARTICLE]) { nodes { ... on Article { title } } } }`);
    expect(found.data.search.nodes).toEqual([{ title: input.title }]);
    const english = await run(db, `{ articles(first: 100) { nodes { title language } } }`);
    expect(english.data.articles.nodes.find((a: any) => a.title === ARTICLE.title).language).toBe("en");
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ["an empty title", { title: "  ", body: "Some text." }, "input.title"],
    ["an empty body", { title: "A title", body: "\n\n  \n" }, "input.body"],
    ["an unparseable date", { title: "A title", body: "Some text.", publishedAt: "yesterday-ish" }, "input.publishedAt"],
    ["an impossible date", { title: "A title", body: "Some text.", publishedAt: "2024-02-31T00:00:00Z" }, "input.publishedAt"],
    ["a malformed url", { title: "A title", body: "Some text.", url: "not a url" }, "input.url"],
    ["a non-http url", { title: "A title", body: "Some text.", url: "javascript:alert(1)" }, "input.url"],
    ["a binary body", { title: "A title", body: "\u0000\u0001\u0002binary\u0003".repeat(50) }, "input.body"],
  ];
  for (const [what, input, field] of bad) {
    it(`rejects ${what} with BAD_USER_INPUT and stores nothing`, async () => {
      const before = await tableCounts();
      const result = await run(db, INGEST, { input });
      expect(result.data).toBeNull();
      expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
      expect(result.errors![0].extensions!.field).toBe(field);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it("rejects a body over the configured limit, by bytes", async () => {
    const before = await tableCounts();
    const body = "Österreich protestierte. ".repeat(60); // 26 bytes per repeat: 1,560 bytes, 1,500 characters
    const result = await run(db, INGEST, { input: { title: "Too long", body } }, { maxBodyBytes: 1_500 });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0].message).toContain("1560 bytes");
    expect(await tableCounts()).toEqual(before);
    const fits = await run(db, INGEST, { input: { title: "Fits", body: body.slice(0, 1_000) } }, { maxBodyBytes: 1_500 });
    expect(fits.errors).toBeUndefined();
  });

  it("rejects a wrongly typed variable before running anything", async () => {
    const result = await run(db, INGEST, { input: { title: 5, body: null } });
    expect(result.data).toBeUndefined();
    expect(result.errors!.length).toBeGreaterThan(0);
  });
});
