// Batched import: one file with exact duplicates, near-duplicates (also within one batch), bad lines
// and good articles stores exactly the right set; importing it again stores nothing; and (on
// PostgreSQL) two imports of the same file racing on two connections store each article once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { importSource, type ImportSummary } from "../../src/ingest/import/index.js";
import { createTestDatabase, testDatabaseMode, type TestDatabase } from "../support/database.js";
import { SHARED } from "../support/fixtures.js";
import { run, TEST_SETTINGS } from "../support/graphql.js";

interface CorpusArticle {
  title: string;
  body: string;
  url: string;
  publishedAt: string;
  source: string;
}

const corpus: CorpusArticle[] = fs
  .readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as CorpusArticle)
  .filter((article) => article.body.split("\n\n").length >= 5 && article.body.length < 5_000)
  .slice(0, 40);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-import-batch-"));
const line = (article: Partial<CorpusArticle>) => JSON.stringify(article);

const [a, b, c, d] = corpus;
const aCopy = { ...a, title: `${a.title} (wire copy)`, url: "https://wire.example/a-copy", source: "Wire" };
const bUpdated = { ...b, title: `${b.title}, updated`, body: `${b.body}\n\nThis article was updated with one more paragraph after publication.`, url: "https://wire.example/b-updated" };
// Line numbers: 1 A, 2 B, 3 A again (same text, other URL), 4 A under a new headline (near-duplicate
// of line 1, in the same batch), 5 invalid JSON, 6 C, 7 B's URL with tracking parameters (same
// article), 8 empty title, 9 D.
const mixed = [
  line(a),
  line(b),
  line({ ...a, url: "https://elsewhere.example/same-text" }),
  line(aCopy),
  "{ not json",
  line(c),
  line({ ...b, title: "Another title", body: "Entirely different words here.", url: `${b.url}${b.url.includes("?") ? "&" : "?"}utm_source=feed&fbclid=x` }),
  line({ ...d, title: "   " }),
  line(d),
];
const mixedFile = path.join(dir, "mixed.jsonl");
fs.writeFileSync(mixedFile, `${mixed.join("\n")}\n`);
const updateFile = path.join(dir, "update.jsonl");
fs.writeFileSync(updateFile, `${line(bUpdated)}\n`);

const ARTICLES = `query { articles(first: 100, includeDuplicates: true) { totalCount nodes { id title url duplicateOf { id title } } } }`;

async function tableCounts(db: TestDatabase) {
  const [articles, mentions, claims, events, actors, aliases] = await Promise.all([
    db.prisma.article.count(),
    db.prisma.mention.count(),
    db.prisma.claim.count(),
    db.prisma.event.count(),
    db.prisma.actor.count(),
    db.prisma.actorAlias.count(),
  ]);
  return { articles, mentions, claims, events, actors, aliases };
}

describe("batched import", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("stores the good articles once, a near-duplicate in the same batch pointing at the first copy, and reports the rest", async () => {
    const summary = await importSource(db, mixedFile, { settings: TEST_SETTINGS, batchSize: 100 });
    expect({
      processed: summary.processed,
      imported: summary.imported,
      nearDuplicates: summary.nearDuplicates,
      duplicates: summary.duplicates,
      bad: summary.bad,
    }).toEqual({ processed: 9, imported: 4, nearDuplicates: 1, duplicates: 2, bad: 2 });
    expect(summary.problems.map((problem) => [problem.at.line, problem.category])).toEqual([
      [5, "invalid JSON"],
      [8, "invalid title"],
    ]);
    expect(summary.extracted.mentions).toBeGreaterThan(0);

    const result = await run(db, ARTICLES);
    expect(result.errors).toBeUndefined();
    const nodes = result.data.articles.nodes as { id: string; title: string; url: string; duplicateOf: { id: string; title: string } | null }[];
    expect(nodes.map((node) => node.title).sort()).toEqual([a.title, aCopy.title, b.title, c.title, d.title].sort());
    const copy = nodes.find((node) => node.title === aCopy.title)!;
    const first = nodes.find((node) => node.title === a.title)!;
    expect(copy.duplicateOf).toEqual({ id: first.id, title: a.title });
    expect(nodes.filter((node) => node.duplicateOf !== null)).toHaveLength(1);
    // The near-duplicate's facts are not extracted twice.
    const claimsOfCopy = await db.prisma.claim.count({ where: { article: { title: aCopy.title } } });
    expect(claimsOfCopy).toBe(0);
  });

  it("stores nothing new when the same file is imported again, and finds a near-duplicate of a stored article", async () => {
    const before = await tableCounts(db);
    const again = await importSource(db, mixedFile, { settings: TEST_SETTINGS, batchSize: 4 });
    expect([again.imported, again.nearDuplicates, again.duplicates, again.bad]).toEqual([0, 0, 7, 2]);
    expect(await tableCounts(db)).toEqual(before);

    const update = await importSource(db, updateFile, { settings: TEST_SETTINGS });
    expect([update.imported, update.nearDuplicates, update.duplicates]).toEqual([0, 1, 0]);
    const stored = await db.prisma.article.findFirstOrThrow({ where: { title: bUpdated.title }, include: { duplicateOf: true } });
    expect(stored.duplicateOf?.title).toBe(b.title);
  });
});

describe.runIf(testDatabaseMode() === "postgres")("two concurrent imports into one PostgreSQL database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it("store each article once, with every actor created once", async () => {
    // Every article twice in the file (the second time with tracking parameters), so that both
    // importers meet the same articles in the same batches and in later ones.
    const file = path.join(dir, "race.jsonl");
    const lines = corpus.map((article) => line(article));
    const again = corpus.map((article) => line({ ...article, url: `${article.url}${article.url.includes("?") ? "&" : "?"}utm_medium=race` }));
    fs.writeFileSync(file, `${[...lines, ...again].join("\n")}\n`);

    const second = await openDatabase(db.config, { migrate: false });
    let results: ImportSummary[];
    try {
      results = await Promise.all([
        importSource(db, file, { settings: TEST_SETTINGS, batchSize: 5 }),
        importSource(second, file, { settings: TEST_SETTINGS, batchSize: 5 }),
      ]);
    } finally {
      await second.close();
    }
    const stored = results.reduce((sum, summary) => sum + summary.imported + summary.nearDuplicates, 0);
    const duplicates = results.reduce((sum, summary) => sum + summary.duplicates, 0);
    const distinct = new Set(corpus.map((article) => article.url)).size;
    expect(results.map((summary) => summary.bad)).toEqual([0, 0]);
    expect(stored).toBe(distinct);
    expect(duplicates).toBe(lines.length * 4 - distinct);
    expect(await db.prisma.article.count()).toBe(distinct);

    const countries = await db.prisma.$queryRaw<{ code: string; n: number }[]>`
      SELECT "countryCode" AS code, count(*)::int AS n FROM "Actor" WHERE kind = 'COUNTRY' GROUP BY 1 HAVING count(*) > 1`;
    expect(countries).toEqual([]);
    const twins = await db.prisma.$queryRaw<{ name: string; n: number }[]>`
      SELECT name, count(*)::int AS n FROM "Actor" GROUP BY name, kind HAVING count(*) > 1`;
    expect(twins).toEqual([]);
  });
});
