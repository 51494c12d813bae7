/**
 * Extractor evaluation.
 *
 *   npx tsx scripts/eval.ts                  # all five sets below
 *   npx tsx scripts/eval.ts reference [-v]   # reference article vs. its answer key
 *   npx tsx scripts/eval.ts plover [-v]      # PLOVER dev sentences, dev-train vs. holdout
 *   npx tsx scripts/eval.ts wikinews [-v]    # whole Wikinews articles coded by hand (eval/), dev vs. held out
 *   npx tsx scripts/eval.ts sentences [-v]   # single sentences of real news coded by hand (eval/), dev vs. held out
 *   npx tsx scripts/eval.ts audit            # which of the 160 hand-judged output facts (eval/precision-audit.jsonl) are still output
 *                                            (AUDIT_LIST=1 lists the right ones lost and the wrong ones kept)
 *   npx tsx scripts/eval.ts speed [N]        # = scripts/bench-extract.ts (N articles per file, default all)
 *
 * `-v` lists the misses of the reference article / of the dev-train part only: the holdout part
 * is never printed sentence by sentence, so tuning cannot look at it (EVAL_PART=holdout prints it
 * anyway, for an error analysis by kind of construction once a round of work is over).
 * Reads ../shared by relative path; writes nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { extract, type ExtractionResult } from "../src/extract/index.js";
import {
  goldTriples, isHoldout, LEVELS, looseNameMatch, predictedTriples, prf, scoreArticle, scoreTriples,
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

/** Misses at level (c), unit by unit: gold triples not found and predictions that match none. */
function printMisses(preds: PredTriple[], gold: GoldTriple[], units: { id: string; label: string }[], all = false): void {
  const s = scoreTriples("c", preds, gold);
  for (const u of units) {
    const fn = gold.filter((g) => g.unit === u.id && !s.matched.has(g));
    const fp = s.unmatchedPred.filter((p) => p.unit === u.id);
    if (!all && !fn.length && !fp.length) continue;
    console.log(`\n  ${u.label}`);
    for (const g of fn) console.log(`     miss  ${g.source} ${g.kind} ${g.target ?? "-"}`);
    for (const p of fp) console.log(`     wrong ${p.source.name} ${p.kind} ${p.target?.name ?? "-"} (${p.rule})`);
  }
}

interface CorpusArticle { id: string; title: string; body: string; publishedAt: string }
/** Both corpus files by article id. */
function loadCorpus(): Map<string, CorpusArticle> {
  const corpus = new Map<string, CorpusArticle>();
  for (const f of ["corpus/wikinews-en-2019-2020.jsonl", "corpus/whitehouse-2021-2026.jsonl"]) for (const a of jsonl<CorpusArticle>(f)) corpus.set(a.id, a);
  return corpus;
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
  const eventPreds = predictedTriples("ref", { ...r, claims: [] }, { placeAsTarget: false });
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
  console.log("  claims are not scored; gold is `type2021`. As PLOVER codes it, an event with no target but a place");
  console.log("  (\"demonstrated in Kirkuk\") has the place as its target.");
  console.log(HEADER);
  tables([
    { name: `dev-train (${parts.train.n})`, ...parts.train },
    { name: `holdout (${parts.holdout.n})`, ...parts.holdout },
    { name: `all (${recs.length})`, preds: [...parts.train.preds, ...parts.holdout.preds], gold: [...parts.train.gold, ...parts.holdout.gold] },
  ]);
  if (verbose) {
    // Dev-train only, unless EVAL_PART=holdout.
    const holdout = process.env.EVAL_PART === "holdout";
    const P = holdout ? parts.holdout : parts.train;
    printMisses(P.preds, P.gold, recs.filter((rec) => isHoldout(rec.id) === holdout).map((rec) => ({ id: rec.id, label: `${rec.id} | ${rec.text}` })));
  }
}

interface WikinewsGold { article: string; events: { type2021: string; sources: { text: string }[]; targets: { text: string }[]; start: number; end: number }[] }
/**
 * Whole real articles, every sentence coded by hand (eval/wikinews-plover.*.jsonl, offsets into
 * ../shared/corpus): precision on text where most sentences report nothing codeable, and recall on
 * constructions nobody wrote a rule for. Set "a" is for development, set "b" is held out.
 */
function wikinews(verbose: boolean): void {
  const corpus = loadCorpus();
  const evalDir = new URL("../eval/", import.meta.url);
  const load = (f: string) => readFileSync(new URL(f, evalDir), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as WikinewsGold);
  const parts = [
    { name: "dev (set a)", file: "wikinews-plover.a.jsonl", preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0, docs: [] as [WikinewsGold, CorpusArticle][] },
    { name: "held out (set b)", file: "wikinews-plover.b.jsonl", preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0, docs: [] as [WikinewsGold, CorpusArticle][] },
  ];
  for (const part of parts) {
    if (!existsSync(new URL(part.file, evalDir))) throw new Error(`eval/${part.file} is missing`);
    for (const g of load(part.file)) {
      const a = corpus.get(g.article);
      if (!a) throw new Error(`${part.file}: ${g.article} is not in the corpus`);
      part.n++;
      part.docs.push([g, a]);
      const r = extract({ title: "", body: a.body, publishedAt: new Date(a.publishedAt) });
      part.preds.push(...predictedTriples(a.id, r, { perArticle: true }));
      const seen = new Set<string>();
      for (const e of g.events) {
        for (const t of goldTriples(a.id, e.type2021, e.sources.map((x) => x.text), e.targets.map((x) => x.text))) {
          const id = `${t.source}|${t.kind}|${t.target ?? ""}`.toLowerCase();
          if (!seen.has(id)) { seen.add(id); part.gold.push(t); }
        }
      }
    }
  }
  console.log(`== Wikinews articles coded by hand (${parts.map((p) => `${p.name}: ${p.n} articles, ${p.gold.length} triples`).join("; ")})`);
  console.log("  Title not extracted (the coders coded bodies). A triple counts once per article on both sides.");
  console.log(HEADER);
  tables(parts);
  if (verbose) printMisses(parts[0].preds, parts[0].gold, parts[0].docs.map(([g]) => ({ id: g.article, label: g.article })), true);
}

interface SentenceGold { id: string; article: string; start: number; end: number; events: WikinewsGold["events"] }

/**
 * Single sentences of real news (Wikinews and White House statements), each coded by hand and
 * extracted alone, as the PLOVER sentences are: the same split (FNV-1a of the id) into dev and held out.
 */
function sentences(verbose: boolean): void {
  const corpus = loadCorpus();
  const load = (f: string) => readFileSync(new URL(`../eval/${f}`, import.meta.url), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as SentenceGold);
  const recs = load("news-sentences.jsonl");
  // A second set, coded late by another coder, is never inspected: it only ever shows totals.
  const fresh = load("news-sentences-2.jsonl");
  const parts = { train: { preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0 }, holdout: { preds: [] as PredTriple[], gold: [] as GoldTriple[], n: 0 } };
  const texts = new Map<string, string>();
  for (const rec of recs) {
    const a = corpus.get(rec.article);
    if (!a) throw new Error(`news-sentences.jsonl: ${rec.article} is not in the corpus`);
    const text = a.body.slice(rec.start, rec.end);
    texts.set(rec.id, text);
    const part = isHoldout(rec.id) ? parts.holdout : parts.train;
    part.n++;
    part.preds.push(...predictedTriples(rec.id, extract({ title: "", body: text, publishedAt: new Date(a.publishedAt) })));
    for (const e of rec.events) part.gold.push(...goldTriples(rec.id, e.type2021, e.sources.map((x) => x.text), e.targets.map((x) => x.text)));
  }
  const second = { preds: [] as PredTriple[], gold: [] as GoldTriple[] };
  for (const rec of fresh) {
    const a = corpus.get(rec.article);
    if (!a) throw new Error(`news-sentences-2.jsonl: ${rec.article} is not in the corpus`);
    second.preds.push(...predictedTriples(rec.id, extract({ title: "", body: a.body.slice(rec.start, rec.end), publishedAt: new Date(a.publishedAt) })));
    for (const e of rec.events) second.gold.push(...goldTriples(rec.id, e.type2021, e.sources.map((x) => x.text), e.targets.map((x) => x.text)));
  }
  console.log(`== News sentences coded by hand (set 1: ${recs.length}, dev ${parts.train.n}, held out ${parts.holdout.n} = FNV-1a(id) % 5 == 0; set 2: ${fresh.length}, all held out; eval/news-sentences*.jsonl)`);
  console.log(HEADER);
  tables([
    { name: `set 1 dev (${parts.train.n})`, ...parts.train },
    { name: `set 1 held out (${parts.holdout.n})`, ...parts.holdout },
    { name: `set 2, held out (${fresh.length})`, ...second },
  ]);
  if (verbose) printMisses(parts.train.preds, parts.train.gold, recs.filter((rec) => !isHoldout(rec.id)).map((rec) => ({ id: rec.id, label: `${rec.id} | ${texts.get(rec.id)}` })));
}

interface AuditRow { article: string; start: number; end: number; kind: string; source: string; target: string | null; kind_ok: boolean; source_ok: boolean; target_ok: boolean; category: string | null }

/**
 * The precision audit judged 160 facts an earlier extractor output on unseen articles. Re-running
 * the extractor shows which of them it still outputs: right ones should stay, wrong ones go. Facts
 * it outputs now and nobody judged are not counted, so this follows precision; it does not measure it anew.
 */
function audit(): void {
  const corpus = loadCorpus();
  const rows = readFileSync(new URL("../eval/precision-audit.jsonl", import.meta.url), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as AuditRow);
  const cache = new Map<string, { kind: string; source: string; target: string | null; start: number; end: number }[]>();
  const facts = (id: string) => {
    let f = cache.get(id);
    if (f) return f;
    const a = corpus.get(id);
    if (!a) throw new Error(`precision-audit.jsonl: ${id} is not in the corpus`);
    const r = extract({ title: "", body: a.body, publishedAt: new Date(a.publishedAt) });
    const name = (k: string | null | undefined) => r.actors.find((x) => x.key === k)?.name ?? null;
    f = [];
    for (const c of r.claims) {
      if (c.kind === "STATE") continue;
      for (const t of c.targetKeys.length ? c.targetKeys : [null]) f.push({ kind: c.kind, source: name(c.speakerKey) ?? "", target: name(t), start: c.evidence.start, end: c.evidence.end });
    }
    for (const e of r.events) {
      const targets = e.participants.filter((p) => p.role === "TARGET").map((p) => p.actorKey);
      for (const ag of e.participants.filter((p) => p.role === "AGENT")) {
        for (const ev of [e.evidence, ...(e.moreEvidence ?? [])]) {
          for (const t of targets.length ? targets : [null]) f.push({ kind: e.kind, source: name(ag.actorKey) ?? "", target: name(t), start: ev.start, end: ev.end });
        }
      }
    }
    cache.set(id, f);
    return f;
  };
  // The same actor even if its name is now written better ("Mike Pyle" for "National Security Advisor Mike Pyle").
  const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : looseNameMatch(a, b));
  const tally = { rightKept: 0, right: 0, wrongKept: 0, wrong: 0 };
  const goneByCategory = new Map<string, [number, number]>();
  for (const row of rows) {
    const ok = row.kind_ok && row.source_ok && row.target_ok;
    const kept = facts(row.article).some((f) => f.kind === row.kind && same(f.source, row.source) && same(f.target, row.target) && f.start < row.end && row.start < f.end);
    if (process.env.AUDIT_LIST && kept !== ok) console.log(`  ${ok ? "lost right" : "kept wrong"}: ${row.kind} ${row.source} -> ${row.target ?? "-"} [${row.category ?? ""}] ${corpus.get(row.article)!.body.slice(row.start, row.end).slice(0, 140)}`);
    if (ok) { tally.right++; if (kept) tally.rightKept++; }
    else {
      tally.wrong++;
      if (kept) tally.wrongKept++;
      const c = goneByCategory.get(row.category ?? "other") ?? [0, 0];
      c[1]++;
      if (!kept) c[0]++;
      goneByCategory.set(row.category ?? "other", c);
    }
  }
  const p = tally.rightKept / Math.max(1, tally.rightKept + tally.wrongKept);
  console.log(`== Precision audit (${rows.length} facts judged at commit f0045ef; eval/precision-audit.jsonl)`);
  console.log(`  judged right: ${tally.right}, still output ${tally.rightKept}; judged wrong: ${tally.wrong}, still output ${tally.wrongKept}`);
  console.log(`  precision then ${pct(tally.right / rows.length)}%; of the judged facts still output, right ${pct(p)}%`);
  console.log(`  wrong facts no longer output, by category: ${[...goneByCategory].map(([k, [g, n]]) => `${k} ${g}/${n}`).join(", ")}`);
}

const [mode = "all", arg] = process.argv.slice(2);
if (mode === "all" || mode === "reference") reference(arg === "-v");
if (mode === "all" || mode === "plover") plover(arg === "-v");
if (mode === "all" || mode === "wikinews") wikinews(arg === "-v");
if (mode === "all" || mode === "sentences") sentences(arg === "-v");
if (mode === "all" || mode === "audit") audit();
if (mode === "speed") await import("./bench-extract.js");
