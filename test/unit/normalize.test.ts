import { describe, expect, it } from "vitest";
import { cleanArticle, contentHash } from "../../src/ingest/normalize.js";
import { canonicalizeUrl } from "../../src/ingest/validate.js";
import { referenceArticle } from "../support/fixtures.js";

describe("cleanArticle", () => {
  it("keeps a headline repeated inside the body once, as the title", () => {
    const { title, body } = referenceArticle();
    const cleaned = cleanArticle({ title, body });
    expect(cleaned.title).toBe(title);
    expect(body.split(title).length - 1).toBe(2);
    expect(cleaned.body).not.toContain(title);
    expect(cleaned.body.split("\n\n")[0]).toMatch(/^Armenian Prime Minister Nikol Pashinyan declares/);
  });

  it("normalises Unicode, line ends and spacing", () => {
    const cleaned = cleanArticle({ title: "  Cafe\u0301\n news ", body: "One\r\nline  with\t spaces.\r\n\r\n\r\n\r\nNext\u00a0paragraph." });
    expect(cleaned.title).toBe("Café news");
    expect(cleaned.body).toBe("One\nline with spaces.\n\nNext paragraph.");
  });
});

describe("contentHash", () => {
  it("is equal for texts that differ only in case, spacing and punctuation runs, and differs otherwise", () => {
    const a = contentHash({ title: "Talks fail", body: "Both sides walked out." });
    expect(contentHash({ title: "TALKS  FAIL", body: "Both sides walked out!!" })).toBe(a);
    expect(contentHash({ title: "Talks fail", body: "One side walked out." })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("canonicalizeUrl", () => {
  it("drops fragments and tracking parameters and keeps the rest", () => {
    expect(canonicalizeUrl(new URL("https://News.Example.org/a?id=3&utm_source=x&utm_medium=y&fbclid=z#top"))).toBe(
      "https://news.example.org/a?id=3",
    );
  });
});
