/**
 * Bad input never throws: it returns an empty or partial result and says why in `warnings`.
 */
import { describe, expect, it } from "vitest";
import { extract, EXTRACTOR, type ExtractInput } from "../../src/extract/index.js";

/** Deterministic pseudo-random UTF-16 garbage (including control characters and lone surrogates). */
function garbage(n: number, seed = 7): string {
  let x = seed;
  let s = "";
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff;
    s += String.fromCharCode(x % 65536);
  }
  return s;
}

const timed = (input: ExtractInput) => {
  const t0 = performance.now();
  const r = extract(input);
  return { r, ms: performance.now() - t0 };
};

describe("bad input", () => {
  it("empty and whitespace-only text", () => {
    for (const body of ["", "   \n\n\t  "]) {
      const r = extract({ title: "x", body });
      expect(r).toEqual({ extractor: EXTRACTOR, actors: [], mentions: [], claims: [], events: [], warnings: ["empty text"] });
    }
  });

  it("text with no sentences", () => {
    const r = extract({ title: "", body: "... !!! ??? --- *** ..." });
    expect(r.claims).toEqual([]);
    expect(r.warnings).toContain("no sentences found");
  });

  it("1 MB of a single token", () => {
    const { r, ms } = timed({ title: "", body: "a".repeat(1_000_000) });
    expect(r.actors).toEqual([]);
    expect(r.warnings.some((w) => w.startsWith("text truncated"))).toBe(true);
    expect(r.warnings.some((w) => w.includes("over-long token"))).toBe(true);
    expect(ms).toBeLessThan(5000);
  });

  it("random binary garbage", () => {
    const body = garbage(200_000);
    const { r, ms } = timed({ title: "", body });
    expect(r.warnings.some((w) => w.startsWith("text looks binary"))).toBe(true);
    for (const m of r.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    expect(ms).toBeLessThan(10000);
  });

  it("a body that is not a string and an invalid date", () => {
    const r = extract({ title: "", body: 42 as unknown as string, publishedAt: new Date("nope") });
    expect(r.warnings).toContain("body is not a string");
    const r2 = extract({ title: "", body: "Greece accused Turkey of violating its airspace.", publishedAt: new Date("nope") });
    expect(r2.claims).toHaveLength(1);
    expect(r2.warnings).toEqual([]);
  });

  it("long text is truncated with a warning, and what was read is still extracted", () => {
    const para = "Greece accused Turkey of violating its airspace on Monday. ";
    const body = para.repeat(6000);
    const { r } = timed({ title: "", body });
    expect(r.warnings.some((w) => w.startsWith("text truncated"))).toBe(true);
    expect(r.claims.length).toBeGreaterThan(1000);
    for (const c of r.claims.slice(0, 5)) expect(body.slice(c.evidence.start, c.evidence.end)).toContain("Greece accused Turkey");
  });

  it("non-Latin letters, mixed quotes and odd punctuation keep offsets exact", () => {
    const body = "“We are ready,” said Serbian President Aleksandar Vučić.\r\n\r\nKosovo’s Prime Minister Albin Kurti rejected the offer — again.";
    const r = extract({ title: "", body });
    for (const m of r.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    const vucic = r.actors.find((a) => a.name === "Aleksandar Vučić");
    expect(vucic).toMatchObject({ kind: "PERSON", country: "SRB" });
    expect(r.claims.find((c) => c.speakerKey === vucic!.key)?.quote).toBe("We are ready");
  });

  it("text in another language is detected and skipped with a warning", () => {
    const cases: [string, string][] = [
      ["de", "Die Bundesregierung hat am Montag beschlossen, die Sanktionen gegen Russland zu verlängern. Der Kanzler sagte, dass die Entscheidung nicht leicht gewesen sei."],
      ["fr", "Le gouvernement français a annoncé lundi qu'il allait prolonger les sanctions contre la Russie, a déclaré le ministre des affaires étrangères."],
      ["es", "El gobierno de España anunció el lunes que la ministra viajará a Marruecos para firmar un acuerdo sobre la migración con sus socios."],
      ["ru", "Правительство России заявило в понедельник, что не будет продлевать соглашение о зерне с Украиной."],
    ];
    for (const [lang, body] of cases) {
      const r = extract({ title: "", body });
      expect(r.warnings, lang).toContain(`language: ${lang}, extraction skipped`);
      expect([r.actors, r.claims, r.events]).toEqual([[], [], []]);
    }
    // English with a foreign quotation is still English.
    const en = extract({ title: "", body: 'Spain accused Morocco of "una provocación inaceptable" on Monday, the foreign ministry said in a statement.' });
    expect(en.warnings).toEqual([]);
    expect(en.claims[0]).toMatchObject({ kind: "ACCUSE" });
  });

  it("hostile text always ends within the per-article time bound, partial with a warning when cut", () => {
    const words = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"];
    const cases: Record<string, string> = {
      "one endless sentence of cues": Array.from({ length: 30_000 }, (_, i) => ["Russia", "said", "that", "Armenia", "accused", "France", "and", "the", "government", "of"][i % 10]).join(" ") + ".",
      "deep quote nesting": Array.from({ length: 5_000 }, () => '"Armenia said "Russia accused "France').join(" "),
      "pronouns without end": Array.from({ length: 10_000 }, (_, i) => (i % 5 === 0 ? "Nikol Pashinyan said he" : "he they it his")).join(" ") + ".",
      "thousands of capitalised words": Array.from({ length: 20_000 }, (_, i) => `${words[i % 8]} ${words[(i * 3) % 8]}`).join(" ") + ".",
      "random bytes": garbage(150_000, 11),
    };
    const budgetMs = 500;
    for (const [name, body] of Object.entries(cases)) {
      const t0 = performance.now();
      const bounded = extract({ title: "", body }, { budgetMs });
      const ms = performance.now() - t0;
      // Whatever happens, offsets stay true and the call returns.
      for (const m of bounded.mentions) expect(body.slice(m.start, m.end), name).toBe(m.text);
      const cut = bounded.warnings.find((w) => w.startsWith("time budget"));
      if (cut) expect(cut, name).toMatch(/time budget of 500 ms spent during (actors|pronouns|events|claims): the result is partial/);
      // The rules stop at the budget; tokenising at most 250,000 characters before them is linear.
      // (Without the bound, the first three took 13 to 28 s each on this machine under load.)
      expect(ms, name).toBeLessThan(30_000);
    }
  });

  it("a spent budget stops extraction at once with what it has", () => {
    const body = "Greece accused Turkey of violating its airspace on Monday. ".repeat(200);
    const full = extract({ title: "", body });
    expect(full.claims.length).toBe(200);
    const none = extract({ title: "", body }, { budgetMs: 0 });
    expect(none.warnings).toContain("time budget of 0 ms spent during actors: the result is partial");
    expect(none.claims.length).toBeLessThan(full.claims.length);
  });
});
