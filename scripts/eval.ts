/**
 * Extractor evaluation and benchmark.
 *
 *   npx tsx scripts/eval.ts                 # all of the below
 *   npx tsx scripts/eval.ts reference       # reference article vs. its answer key
 *   npx tsx scripts/eval.ts plover [-v]     # PLOVER dev sentences: type and type+source P/R/F1
 *   npx tsx scripts/eval.ts speed [N]       # articles/s over the first N (300) corpus articles
 *
 * Reads ../shared by relative path; writes nothing.
 */
import { readFileSync } from "node:fs";
import { extract, type ExtractionResult } from "../src/extract/index.js";
import { findActor, nameMatches, scoreArticle, type GoldArticle } from "../src/extract/eval.js";

const shared = new URL("../../shared/", import.meta.url);
const read = (p: string) => readFileSync(new URL(p, shared), "utf8");
const jsonl = <T>(p: string): T[] => read(p).split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const pct = (x: number) => (100 * x).toFixed(1);
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);

function reference(): void {
  const raw = read("fixtures/articles/armenia-csto.txt");
  const gold = JSON.parse(read("fixtures/articles/armenia-csto.gold.json")) as GoldArticle;
  const lines = raw.split(/\r?\n/);
  const title = lines[0].trim();
  const body = lines.slice(1).filter((l) => l.trim() !== title).join("\n").trim();
  const r = extract({ title, body });
  const s = scoreArticle(gold, r);
  const name = (k: string | null) => r.actors.find((a) => a.key === k)?.name ?? "?";
  console.log("== reference article (armenia-csto)");
  for (const c of r.claims) console.log(`  claim ${c.key} ${c.kind} ${name(c.speakerKey)} -> [${c.targetKeys.map(name).join(", ")}]${c.respondsToKey ? ` answers ${c.respondsToKey}` : ""}  (${c.evidence.rule})`);
  for (const e of r.events) console.log(`  event ${e.key} ${e.kind}${e.mode ? "/" + e.mode : ""} ${e.status} ${e.participants.map((p) => `${p.role}:${name(p.actorKey)}`).join(" ")}${e.locationText ? ` in ${e.locationText}` : ""}${e.date ? ` ${e.date}` : ""}  (${e.evidence.rule})`);
  for (const [k, x] of [["claims", s.claims], ["events", s.events]] as const) {
    console.log(`  ${k}: P ${pct(x.precision)} R ${pct(x.recall)}  missing required: ${JSON.stringify(x.missingRequired)}  spurious: ${x.spurious.join(",") || "-"}`);
  }
  console.log(`  actors wrong: ${JSON.stringify(s.actors)}  responses wrong: ${JSON.stringify(s.responses)}`);
}

interface PloverActor { text: string; code: string | null }
interface PloverRecord { id: string; text: string; events: { type2021: string; sources: PloverActor[]; targets: PloverActor[] }[] }

/** Claims other than plain statements are PLOVER events too (ACCUSE, REJECT, REQUEST, ...). */
function predictions(r: ExtractionResult): { type: string; source?: string }[] {
  const out: { type: string; source?: string }[] = [];
  for (const c of r.claims) if (c.kind !== "STATE") out.push({ type: c.kind, source: c.speakerKey ?? undefined });
  for (const e of r.events) out.push({ type: e.kind, source: e.participants.find((p) => p.role === "AGENT")?.actorKey });
  return out;
}

function plover(verbose: boolean): void {
  const recs = jsonl<PloverRecord>("eval/plover-dev.jsonl");
  let tp = 0, fp = 0, fn = 0, stp = 0;
  const perType = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (t: string, k: "tp" | "fp" | "fn") => {
    const e = perType.get(t) ?? { tp: 0, fp: 0, fn: 0 };
    e[k]++;
    perType.set(t, e);
  };
  for (const rec of recs) {
    const r = extract({ title: "", body: rec.text });
    const gold = rec.events.filter((e) => e.type2021);
    const goldTypes = [...new Set(gold.map((e) => e.type2021))];
    const preds = predictions(r);
    const predTypes = [...new Set(preds.map((p) => p.type))];
    for (const t of predTypes) {
      if (goldTypes.includes(t)) {
        tp++;
        bump(t, "tp");
        // Source also right: the predicted agent/speaker is one of the coded sources.
        const src = preds.filter((p) => p.type === t).map((p) => r.actors.find((a) => a.key === p.source));
        const ok = gold.filter((g) => g.type2021 === t).some((g) => g.sources.some((s) => src.some((a) => a && (
          nameMatches(a.name, s.text) || a.aliases.some((x) => nameMatches(x, s.text)) || findActor(r, s.text)?.key === a.key ||
          (s.code !== null && a.country === s.code)))));
        if (ok) stp++;
      } else {
        fp++;
        bump(t, "fp");
      }
    }
    for (const t of goldTypes) if (!predTypes.includes(t)) { fn++; bump(t, "fn"); }
    if (verbose && (predTypes.join() !== goldTypes.join())) console.log(`  ${rec.id} gold=${goldTypes} pred=${predTypes}  | ${rec.text.slice(0, 140)}`);
  }
  const p = tp / (tp + fp || 1), rc = tp / (tp + fn || 1);
  const sp = stp / (tp + fp || 1), sr = stp / (tp + fn || 1);
  console.log(`== PLOVER dev (${recs.length} sentences)`);
  console.log(`  type:        P ${pct(p)} R ${pct(rc)} F1 ${pct(f1(p, rc))}   (tp ${tp} fp ${fp} fn ${fn})`);
  console.log(`  type+source: P ${pct(sp)} R ${pct(sr)} F1 ${pct(f1(sp, sr))}`);
  for (const [t, e] of [...perType.entries()].sort()) {
    const tp2 = e.tp / (e.tp + e.fp || 1), tr2 = e.tp / (e.tp + e.fn || 1);
    console.log(`    ${t.padEnd(10)} P ${pct(tp2).padStart(5)} R ${pct(tr2).padStart(5)}  (tp ${e.tp} fp ${e.fp} fn ${e.fn})`);
  }
}

function speed(n: number): void {
  console.log(`== speed (first ${n} articles per corpus, one core)`);
  for (const f of ["corpus/wikinews-en-2019-2020.jsonl", "corpus/whitehouse-2021-2026.jsonl"]) {
    const arts = jsonl<{ title: string; body: string; publishedAt: string }>(f).slice(0, n);
    const input = arts.map((a) => ({ title: a.title, body: a.body, publishedAt: new Date(a.publishedAt) }));
    for (const a of input.slice(0, 20)) extract(a); // warm-up
    let words = 0, claims = 0, events = 0;
    const t0 = performance.now();
    for (const a of input) {
      const r = extract(a);
      claims += r.claims.length;
      events += r.events.length;
    }
    const ms = performance.now() - t0;
    for (const a of input) words += a.body.split(/\s+/).length;
    console.log(`  ${f}: ${input.length} articles, ${(words / input.length).toFixed(0)} words avg, ${(ms / input.length).toFixed(2)} ms/article, ${((1000 * input.length) / ms).toFixed(0)} articles/s; ${claims} claims, ${events} events`);
  }
}

const [mode = "all", arg] = process.argv.slice(2);
if (mode === "all" || mode === "reference") reference();
if (mode === "all" || mode === "plover") plover(arg === "-v");
if (mode === "all" || mode === "speed") speed(Number(arg) > 0 ? Number(arg) : 300);
