/**
 * Regression test on the reference article (shared/fixtures/articles/armenia-csto.txt) against its
 * hand-made answer key. Every item not marked `required: false` must be found.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extract, EXTRACTOR } from "../../src/extract/index.js";
import { findActor, scoreArticle, type GoldArticle } from "../../src/extract/eval.js";

const dir = new URL("../../../shared/fixtures/articles/", import.meta.url);
const raw = readFileSync(new URL("armenia-csto.txt", dir), "utf8");
const gold = JSON.parse(readFileSync(new URL("armenia-csto.gold.json", dir), "utf8")) as GoldArticle;

// Ingestion keeps the title separately and drops repeated headlines from the body.
const lines = raw.split(/\r?\n/);
const title = lines[0].trim();
const body = lines.slice(1).filter((l) => l.trim() !== title).join("\n").trim();
const result = extract({ title, body, publishedAt: new Date("2024-02-28T00:00:00Z") });
const score = scoreArticle(gold, result);
const name = (key: string | null | undefined) => result.actors.find((a) => a.key === key)?.name;

describe("reference article: armenia-csto", () => {
  it("reports the extractor and no warnings", () => {
    expect(result.extractor).toEqual(EXTRACTOR);
    expect(result.warnings).toEqual([]);
  });

  it("finds every required claim with speaker, kind and targets", () => {
    expect(score.claims.missingRequired).toEqual([]);
    for (const id of ["c1", "c2", "c3", "c5", "c6"]) expect(score.claims.matched[id], id).toBeDefined();
  });

  it("resolves 'He' and the quote attribution to Pashinyan, and records the quote", () => {
    const c2 = result.claims.find((c) => c.key === score.claims.matched.c2)!;
    expect(name(c2.speakerKey)).toBe("Nikol Pashinyan");
    expect(body.slice(c2.evidence.start, c2.evidence.end)).toContain("He accused CSTO members");
    const c3 = result.claims.find((c) => c.key === score.claims.matched.c3)!;
    expect(c3.quote).toBe(gold.claims.find((c) => c.id === "c3")!.quote);
    expect(c3.kind).toBe("ACCUSE");
  });

  it("links Moscow's rejection to Armenia's accusation", () => {
    expect(score.responses).toEqual([]);
    const c6 = result.claims.find((c) => c.key === score.claims.matched.c6)!;
    expect(c6.respondsToKey).toBe(score.claims.matched.c5);
    expect(c6.targetKeys.map(name)).toEqual(["Armenia"]);
    expect(name(c6.speakerKey)).toBe("Russia");
  });

  it("finds every required event with kind, mode, status, participants, place and date", () => {
    expect(score.events.missingRequired).toEqual([]);
    const e1 = result.events.find((e) => e.key === score.events.matched.e1)!;
    expect([e1.kind, e1.mode, e1.status]).toEqual(["SANCTION", "withdraw", "ANNOUNCED"]);
    const e5 = result.events.find((e) => e.key === score.events.matched.e5)!;
    expect([e5.date, e5.datePrecision, name(e5.locationKey)]).toEqual(["2020-01-01", "YEAR", "Nagorno-Karabakh"]);
    const e2 = result.events.find((e) => e.key === score.events.matched.e2)!;
    expect(name(e2.locationKey)).toBe("Armenia");
  });

  it("finds every required actor with kind, country, role, parent and aliases", () => {
    expect(score.actors).toEqual([]);
    const p = findActor(result, "Nikol Pashinyan")!;
    expect([p.kind, p.country, p.role]).toEqual(["PERSON", "ARM", "Prime Minister of Armenia"]);
    const pk = findActor(result, "Russian peacekeepers")!;
    expect([pk.kind, pk.country, name(pk.parentKey)]).toEqual(["GROUP", "RUS", "Russia"]);
    expect(findActor(result, "CSTO")!.name).toBe("Collective Security Treaty Organization");
    expect(findActor(result, "Nagorno-Karabakh")!.kind).toBe("LOCATION");
  });

  it("is precise: at least 0.9 of claims and events match the answer key", () => {
    const tp = score.claims.tp + score.events.tp;
    const total = result.claims.length + result.events.length;
    expect(tp / total, `spurious: ${[...score.claims.spurious, ...score.events.spurious]}`).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps offsets exact: mentions and evidence are slices of the body", () => {
    expect(result.mentions.length).toBeGreaterThan(40);
    for (const m of result.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    for (const x of [...result.claims, ...result.events]) {
      const ev = x.evidence;
      expect(ev.sentence).toContain(body.slice(ev.start, ev.end).split("\n")[0]);
      expect(ev.rule).toMatch(/^(claim|event)\./);
      expect(ev.confidence).toBeGreaterThan(0);
      expect(ev.confidence).toBeLessThanOrEqual(1);
    }
    const he = result.mentions.find((m) => m.text === "He");
    expect(name(he?.actorKey)).toBe("Nikol Pashinyan");
  });

  it("is deterministic", () => {
    expect(extract({ title, body, publishedAt: new Date("2024-02-28T00:00:00Z") })).toEqual(result);
  });
});
