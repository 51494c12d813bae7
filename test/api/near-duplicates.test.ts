// Near-duplicates: a story republished under a new headline, or updated with one more paragraph,
// is stored pointing at the first copy, left out of counts by default, and not extracted twice.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run } from "../support/graphql.js";
import { SHARED } from "../support/fixtures.js";

interface CorpusArticle {
  title: string;
  body: string;
  url: string;
}

const corpus: CorpusArticle[] = fs
  .readFileSync(path.join(SHARED, "corpus/wikinews-en-2019-2020.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .slice(0, 40)
  .map((line) => JSON.parse(line))
  .filter((article: CorpusArticle) => article.body.split("\n\n").length >= 5 && article.body.length < 6_000);

const INGEST = `mutation ($input: IngestArticleInput!) {
  ingestArticle(input: $input) { duplicate nearDuplicate claimCount article { id duplicateSimilarity duplicateOf { id } extractionNotes } }
}`;

let db: TestDatabase;
let original: { id: string };

async function ingest(input: Record<string, unknown>, settings?: { maxBodyBytes: number; nearDuplicateThreshold?: number }) {
  const result = await run(db, INGEST, { input }, settings);
  expect(result.errors).toBeUndefined();
  return result.data.ingestArticle;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const [story, other] = corpus;
  original = (await ingest({ title: story.title, body: story.body, url: story.url })).article;
  await ingest({ title: other.title, body: other.body, url: other.url });
});

afterAll(async () => {
  await db?.destroy();
});

describe("near-duplicates", () => {
  it("stores a republished story under a new headline as a near-duplicate of the first copy", async () => {
    const [story] = corpus;
    const copy = await ingest({ title: `REPUBLISHED: ${story.title.toUpperCase()} (wire)`, body: story.body, url: "https://mirror.example.net/a" });
    expect(copy.duplicate).toBe(false);
    expect(copy.nearDuplicate).toBe(true);
    expect(copy.claimCount).toBe(0);
    expect(copy.article.duplicateOf.id).toBe(original.id);
    expect(copy.article.duplicateSimilarity).toBe(1);
    expect(copy.article.extractionNotes.join(" ")).toMatch(/near-duplicate of article \d+/);
  });

  it("recognises an update with one more paragraph, and points at the first copy", async () => {
    const [story, , extra] = corpus;
    const updated = await ingest({
      title: `${story.title} (updated)`,
      body: `${story.body}\n\n${extra.body.split("\n\n")[0]}`,
      url: "https://other.example.net/updated",
    });
    expect(updated.nearDuplicate).toBe(true);
    expect(updated.article.duplicateOf.id).toBe(original.id);
    expect(updated.article.duplicateSimilarity).toBeGreaterThan(0.7);
    expect(updated.article.duplicateSimilarity).toBeLessThan(1);
  });

  it("keeps different stories apart, and honours a stricter threshold", async () => {
    const [, , , fourth, fifth] = corpus;
    const different = await ingest({ title: fourth.title, body: fourth.body, url: fourth.url });
    expect(different.nearDuplicate).toBe(false);
    expect(different.article.duplicateOf).toBeNull();

    await ingest({ title: fifth.title, body: fifth.body, url: fifth.url });
    const updatedBody = `${fifth.body}\n\n${fourth.body.split("\n\n")[0]}`;
    const lenient = await ingest({ title: `${fifth.title} (updated)`, body: updatedBody, url: "https://lenient.example.net/" });
    expect(lenient.nearDuplicate).toBe(true);
    const score = lenient.article.duplicateSimilarity;
    expect(score).toBeLessThan(0.99);
    const strict = await ingest(
      { title: `${fifth.title} (updated again)`, body: updatedBody, url: "https://strict.example.net/" },
      { maxBodyBytes: 1_000_000, nearDuplicateThreshold: score + 0.01 },
    );
    expect(strict.nearDuplicate).toBe(false);
    expect(strict.article.duplicateOf).toBeNull();
  });

  it("leaves near-duplicates out of article lists and counts unless asked", async () => {
    const plain = await run(db, `{ articles(first: 100) { totalCount nodes { duplicateOf { id } } } }`);
    const all = await run(db, `{ articles(first: 100, includeDuplicates: true) { totalCount nodes { duplicateOf { id } } } }`);
    expect(plain.errors).toBeUndefined();
    expect(plain.data.articles.nodes.every((node: any) => node.duplicateOf === null)).toBe(true);
    expect(all.data.articles.totalCount).toBe(plain.data.articles.totalCount + 3);
    expect(all.data.articles.nodes.filter((node: any) => node.duplicateOf?.id === original.id)).toHaveLength(2);
  });
});
