/**
 * Extractor evaluation.
 *
 *   npx tsx scripts/eval.ts                  # reference + plover
 *   npx tsx scripts/eval.ts reference [-v]   # reference article vs. its answer key
 *   npx tsx scripts/eval.ts plover [-v]      # PLOVER dev sentences, dev-train vs. holdout
 *   npx tsx scripts/eval.ts speed [N]        # = scripts/bench-extract.ts (N articles per file, default all)
 *
 * `-v` lists the misses of the reference article / of the dev-train part only: the holdout part
 * is never printed sentence by sentence, so tuning cannot look at it.
 * Reads ../shared by relative path; writes nothing.
 */
import { readFileSync } from "node:fs";
import { extract, type ExtractionResult } from "../src/extract/index.js";
import {
  goldTriples, isHoldout, LEVELS, predictedTriples, prf, scoreArticle, scoreTriples,
  type Counts, type GoldArticle, type GoldTriple, type PredTriple,
} from "../src/extract/eval.js";

const shared = new URL("../../shared/", import.meta.url);
const read = (p: string) => readFileSync(new URL(p, shared), "utf8");
const jsonl = <T>(p: string): T[] => read(p).split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
const pct = (x: number) => (100 * x).toFixed(1).padStart(5);

const HEADER = `  Items are (source, kind, target) triples. A gold fact with several sources and/or targets is
  unrolled into one triple per source x target; a compound source with no target ("Jordan and
  Britain agreed", "clashes between X and Y") gives one triple per source with no target, and at
  level (c) a prediction naming another source of the same fact as its target also matches.
  Predicted claims and events are unrolled the same way (speaker/agent x target, or no target).
  Matching is one-to-one within a sentence/article (maximum bipartite matching).
    (a) source matches     (b) + same kind     (c) + target matches (no target = no target)
  A predicted actor matches a gold name when, after case folding and dropping determiners and
  "'s", one of its name/surface forms contains the other (whole words) or their head words match.
  P = matched predictions / predictions, R = matched gold / gold, per kind by each side's kind.`;

function row(label: string, c: Counts): string {
  const { p, r, f1 } = prf(c);
  return `${label.padEnd(12)} P ${pct(p)} R ${pct(r)} F1 ${pct(f1)} (${String(c.tpGold).padStart(3)}/${String(c.tpGold + c.fn).padStart(3)} gold, ${String(c.fp).padStart(3)} fp)`;
}
const zero = (): Counts => ({ tpPred: 0, fp: 0, tpGold: 0, fn: 0 });

/** Print one table per level: per kind and total, for one or two datasets side by side. */
function tables(parts: { name: string; preds: PredTriple[]; gold: GoldTriple[] }[]): void {
  for (const { level, label } of LEVELS) {
    const scores = parts.map((x) => scoreTriples(level, x.preds, x.gold));
    const kinds = [...new Set(scores.flatMap((s) => [...s.perKind.keys()]))].sort();
    console.log(`  ${label}`);
    console.log(`    ${"".padEnd(12)} ${parts.map((x) => x.name.padEnd(62)).join(" | ")}`);
    for (const k of kinds) console.log(`    ${scores.map((s) => row(k, s.perKind.get(k) ?? zero())).join(" | ")}`);
    console.log(`    ${scores.map((s) => row("TOTAL", s.total)).join(" | ")}`);
  }
}

function reference(verbose: boolean): void {
  const raw = read("fixtures/articles/armenia-csto.txt");
  const gold = JSON.parse(read("fixtures/articles/armenia-csto.gold.json")) as GoldArticle;
  const lines = raw.split(/\r?\n/);
  const title = lines[0].trim();
  const body = lines.slice(1).filter((l) => l.trim() !== title).join("\n").trim();
  const r = extract({ title, body, publishedAt: new Date("2024-02-28T00:00:00Z") });
  const s = scoreArticle(gold, r);
  const name = (k: string | null) => r.actors.find((a) => a.key === k)?.name ?? "?";
  console.log("== reference article (armenia-csto): every gold claim and event, required or not");
  if (verbose) {
    for (const c of r.claims) console.log(`  claim ${c.key} ${c.kind} ${name(c.speakerKey)} -> [${c.targetKeys.map(name).join(", ")}]${c.respondsToKey ? ` answers ${c.respondsToKey}` : ""}  (${c.evidence.rule})`);
    for (const e of r.events) console.log(`  event ${e.key} ${e.kind}${e.mode ? "/" + e.mode : ""} ${e.status} ${e.participants.map((p) => `${p.role}:${name(p.actorKey)}`).join(" ")}${e.locationText ? ` in ${e.locationText}` : ""}${e.date ? ` ${e.date}` : ""}  (${e.evidence.rule})`);
  }
  // Whole-object matching (kind, speaker, every target, mode, status, place, date), as the regression test does.
  for (const [k, x] of [["claims", s.claims], ["events", s.events]] as const) {
    console.log(`  ${k} (whole objects): P ${pct(x.precision)} R ${pct(x.recall)}  missing required: ${JSON.stringify(x.missingRequired)}  spurious: ${x.spurious.join(",") || "-"}`);
  }
  console.log(`  actors wrong: ${JSON.stringify(s.actors)}  responses wrong: ${JSON.stringify(s.responses)}`);
  console.log(HEADER);
  const agents = (e: GoldArticle["events"][number]) => e.participants.filter((p) => p.role === "AGENT").map((p) => p.actor);
  const targets = (e: GoldArticle["events"][number]) => e.participants.filter((p) => p.role === "TARGET").map((p) => p.actor);
  const claimGold = gold.claims.flatMap((c) => goldTriples("ref", c.kind, [c.speaker], c.targets));
  const eventGold = gold.events.flatMap((e) => goldTriples("ref", e.kind, agents(e), targets(e)));
  const claimPreds = predictedTriples("ref", { ...r, events: [] }, { states: true });
  const eventPreds = predictedTriples("ref", { ...r, claims: [] });
  tables([
    { name: "claims (incl. STATE)", preds: claimPreds, gold: claimGold },
    { name: "events", preds: eventPreds, gold: eventGold },
  ]);
}

interface PloverActor { text: string; code: string | null }
interface PloverRecord { id: string; text: string; events: { type2021: string; sources: PloverActor[]; targets: PloverActor[] }[] }

function plover(verbose: boolean): void {
  const recs = jsonl<PloverRecord>("eval/plover-dev.jsonl");
  const parts = { train: { preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0 }, holdout: { preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0 } };
  const results = new Map<string, ExtractionResult>();
  for (const rec of recs) {
    const part = isHoldout(rec.id) ? parts.holdout : parts.train;
    part.n++;
    const r = extract({ title: "", body: rec.text });
    results.set(rec.id, r);
    part.preds.push(...predictedTriples(rec.id, r));
    for (const e of rec.events) {
      if (!e.type2021) continue;
      part.gold.push(...goldTriples(rec.id, e.type2021, e.sources.map((x) => x.text), e.targets.map((x) => x.text)));
    }
  }
  console.log(`== PLOVER dev (${recs.length} sentences: dev-train ${parts.train.n}, holdout ${parts.holdout.n} = FNV-1a(id) % 5 == 0)`);
  console.log("  Claims and events are mapped to PLOVER 2021 types one to one (claim kind = event type); STATE");
  console.log("  claims are not scored; gold is `type2021`.");
  console.log(HEADER);
  tables([
    { name: `dev-train (${parts.train.n})`, ...parts.train },
    { name: `holdout (${parts.holdout.n})`, ...parts.holdout },
  ]);
  if (verbose) {
    // Misses at level (c), dev-train only.
    const s = scoreTriples("c", parts.train.preds, parts.train.gold);
    const fmt = (t: PredTriple) => `${t.source.name} ${t.kind} ${t.target?.name ?? "-"} (${t.rule})`;
    for (const rec of recs) {
      if (isHoldout(rec.id)) continue;
      const fn = parts.train.gold.filter((g) => g.unit === rec.id && !s.matched.has(g));
      const fp = s.unmatchedPred.filter((p) => p.unit === rec.id);
      if (!fn.length && !fp.length) continue;
      console.log(`\n  ${rec.id} | ${rec.text}`);
      for (const g of fn) console.log(`     miss  ${g.source} ${g.kind} ${g.target ?? "-"}`);
      for (const p of fp) console.log(`     wrong ${fmt(p)}`);
    }
  }
}

const [mode = "all", arg] = process.argv.slice(2);
if (mode === "all" || mode === "reference") reference(arg === "-v");
if (mode === "all" || mode === "plover") plover(arg === "-v");
if (mode === "speed") await import("./bench-extract.js");
