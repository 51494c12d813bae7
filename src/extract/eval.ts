/**
 * Matching an ExtractionResult against a hand-made answer key (the *.gold.json format in
 * shared/fixtures). Names match after case-folding, dropping determiners and possessive "'s", or
 * when one contains the other with the same head word ("Pashinyan" ~ "Nikol Pashinyan").
 * Used by the regression test and by scripts/eval.ts; pure, no I/O.
 */
import type { ExtractedActor, ExtractedClaim, ExtractedEvent, ExtractionResult } from "./types.js";

export interface GoldActor {
  name: string; kind: string; country?: string; role?: string; memberOf?: string; aliases?: string[]; required?: boolean;
}
export interface GoldClaim {
  id: string; speaker: string; kind: string; targets: string[]; evidence?: string; quote?: string; respondsTo?: string; required?: boolean;
}
export interface GoldEvent {
  id: string; kind: string; mode?: string; status?: string; date?: string; location?: string;
  participants: { actor: string; role: string }[]; evidence?: string; required?: boolean;
}
export interface GoldArticle { actors: GoldActor[]; claims: GoldClaim[]; events: GoldEvent[] }

const DETS = /^(the|a|an|these|those|this|that)\s+/;

/** Case-folded, determiner- and possessive-free form of a name. */
export function normName(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b|s'(?=\s|$)/g, "")
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(DETS, "");
}

/** Same name, or one contained in the other (whole words) with the same head (last) word. */
export function nameMatches(a: string, b: string): boolean {
  const x = normName(a), y = normName(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const xs = x.split(" "), ys = y.split(" ");
  if (xs[xs.length - 1] !== ys[ys.length - 1]) return false;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return ` ${long} `.includes(` ${short} `);
}

/** The extracted actor a gold name refers to: exact name, then exact alias, then loose match. */
export function findActor(result: ExtractionResult, goldName: string): ExtractedActor | undefined {
  const n = normName(goldName);
  return result.actors.find((a) => normName(a.name) === n)
    ?? result.actors.find((a) => a.aliases.some((x) => normName(x) === n))
    ?? result.actors.find((a) => nameMatches(a.name, goldName) || a.aliases.some((x) => nameMatches(x, goldName)));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Why a gold claim does not match an extracted one ("" when it does). */
export function claimMismatch(result: ExtractionResult, g: GoldClaim, c: ExtractedClaim): string {
  if (c.kind !== g.kind) return `kind ${c.kind} != ${g.kind}`;
  const sp = findActor(result, g.speaker);
  if (!sp || c.speakerKey !== sp.key) return `speaker ${c.speakerKey} != ${g.speaker}`;
  const tk = g.targets.map((t) => findActor(result, t)?.key ?? `?${t}`);
  if (!sameSet([...new Set(tk)], [...new Set(c.targetKeys)])) return `targets [${c.targetKeys}] != [${g.targets}]`;
  if (g.quote && !(c.quote && normName(c.quote).includes(normName(g.quote)))) return "quote differs";
  return "";
}

/** Why a gold event does not match an extracted one ("" when it does). */
export function eventMismatch(result: ExtractionResult, g: GoldEvent, e: ExtractedEvent): string {
  if (e.kind !== g.kind) return `kind ${e.kind} != ${g.kind}`;
  if (g.mode && e.mode !== g.mode) return `mode ${e.mode} != ${g.mode}`;
  if (g.status && e.status !== g.status) return `status ${e.status} != ${g.status}`;
  if (g.date && !(e.date ?? "").startsWith(g.date)) return `date ${e.date} != ${g.date}`;
  if (g.location) {
    const loc = findActor(result, g.location);
    if (!(loc && e.locationKey === loc.key) && !(e.locationText && nameMatches(e.locationText, g.location))) return `location ${e.locationText} != ${g.location}`;
  }
  const want = g.participants.map((p) => `${p.role}:${findActor(result, p.actor)?.key ?? `?${p.actor}`}`);
  const got = e.participants.map((p) => `${p.role}:${p.actorKey}`);
  if (!sameSet([...new Set(want)], [...new Set(got)])) return `participants [${got}] != [${want}]`;
  return "";
}

/** Why a gold actor is not matched ("" when it is): kind, country, role, parent and every alias. */
export function actorMismatch(result: ExtractionResult, g: GoldActor): string {
  const a = findActor(result, g.name);
  if (!a) return "not found";
  if (a.kind !== g.kind) return `kind ${a.kind} != ${g.kind}`;
  if (g.country && a.country !== g.country) return `country ${a.country} != ${g.country}`;
  if (g.role && normName(a.role ?? "") !== normName(g.role)) return `role ${a.role} != ${g.role}`;
  if (g.memberOf) {
    const p = findActor(result, g.memberOf);
    if (!p || a.parentKey !== p.key) return `parent ${a.parentKey} != ${g.memberOf}`;
  }
  for (const al of g.aliases ?? []) {
    if (!a.aliases.some((x) => normName(x) === normName(al))) return `alias "${al}" missing`;
  }
  return "";
}

export interface Score {
  tp: number; fp: number; fn: number;
  precision: number; recall: number;
  /** gold id -> extracted key */
  matched: Record<string, string>;
  /** Required gold items not found, with the closest reason. */
  missingRequired: { id: string; why: string }[];
  /** Extracted items that match no gold item. */
  spurious: string[];
}

/** Candidates whose evidence sentence contains the gold evidence are tried first. */
const byEvidence = <G extends { evidence?: string }, X extends { evidence: { sentence: string } }>(g: G, xs: X[]): X[] => {
  if (!g.evidence) return xs;
  const ev = normName(g.evidence);
  return [...xs].sort((a, b) => Number(normName(b.evidence.sentence).includes(ev)) - Number(normName(a.evidence.sentence).includes(ev)));
};

function score<G extends { id: string; required?: boolean; evidence?: string }, X extends { key: string; evidence: { sentence: string } }>(
  gold: G[], got: X[], mismatch: (g: G, x: X) => string,
): Score {
  const used = new Set<string>();
  const matched: Record<string, string> = {};
  const missingRequired: { id: string; why: string }[] = [];
  for (const g of gold) {
    let why = "no candidate";
    const hit = byEvidence(g, got).find((x) => {
      if (used.has(x.key)) return false;
      const m = mismatch(g, x);
      if (m && (why === "no candidate" || !m.startsWith("kind"))) why = m;
      return !m;
    });
    if (hit) {
      used.add(hit.key);
      matched[g.id] = hit.key;
    } else if (g.required !== false) missingRequired.push({ id: g.id, why });
  }
  const tp = Object.keys(matched).length;
  const fp = got.length - tp;
  const fn = gold.length - tp;
  return {
    tp, fp, fn,
    precision: got.length ? tp / got.length : 1,
    recall: gold.length ? tp / gold.length : 1,
    matched, missingRequired,
    spurious: got.filter((x) => !used.has(x.key)).map((x) => x.key),
  };
}

export interface ArticleScore {
  claims: Score;
  events: Score;
  /** Required gold actors with what is wrong about them. */
  actors: { name: string; why: string }[];
  /** respondsTo links in the gold that the extraction does not reproduce. */
  responses: string[];
}

export function scoreArticle(gold: GoldArticle, result: ExtractionResult): ArticleScore {
  const claims = score(gold.claims, result.claims, (g, c) => claimMismatch(result, g, c));
  const events = score(gold.events, result.events, (g, e) => eventMismatch(result, g, e));
  const actors = gold.actors
    .filter((a) => a.required !== false)
    .map((a) => ({ name: a.name, why: actorMismatch(result, a) }))
    .filter((x) => x.why);
  const responses: string[] = [];
  for (const g of gold.claims) {
    if (!g.respondsTo || !claims.matched[g.id]) continue;
    const c = result.claims.find((x) => x.key === claims.matched[g.id]);
    if (c?.respondsToKey !== claims.matched[g.respondsTo]) responses.push(`${g.id} should respond to ${g.respondsTo}`);
  }
  return { claims, events, actors, responses };
}

// ---------------------------------------------------------------------------------------------
// Triple scoring: (source, kind, target) at three levels. Used by scripts/eval.ts for the
// reference article and the PLOVER dev sentences.
// ---------------------------------------------------------------------------------------------

export type Level = "a" | "b" | "c";
export const LEVELS: { level: Level; label: string }[] = [
  { level: "a", label: "(a) source" },
  { level: "b", label: "(b) source+kind" },
  { level: "c", label: "(c) source+kind+target" },
];

/**
 * A gold fact unrolled to one triple per source (and per target). `partners` are the other
 * sources of the same gold fact: a compound actor with no target ("Jordan and Britain agreed",
 * "clashes between protesters and police") is one triple per source, each with no target, and
 * naming a partner as the target is accepted too (each side acts towards the other).
 */
export interface GoldTriple { unit: string; source: string; kind: string; target: string | null; partners: string[] }
export interface PredTriple { unit: string; source: ExtractedActor; kind: string; target: ExtractedActor | null; rule: string }

const TRIPLE_DETS = new Set(["the", "a", "an", "these", "those", "this", "that", "its", "their", "his", "her"]);
const words = (s: string) => normName(s).split(" ").filter((w) => w && !TRIPLE_DETS.has(w));

/**
 * The matching rule for actor names: after case folding and dropping determiners (and "'s"),
 * one contains the other (whole words) or the head (last) words are equal.
 */
export function looseNameMatch(a: string, b: string): boolean {
  const x = words(a), y = words(b);
  if (!x.length || !y.length) return false;
  if (x[x.length - 1] === y[y.length - 1]) return true;
  const [short, long] = x.length <= y.length ? [x.join(" "), y.join(" ")] : [y.join(" "), x.join(" ")];
  return ` ${long} `.includes(` ${short} `);
}

/** A predicted actor matches a gold name by its canonical name or any surface form it was seen as. */
export function actorMatchesGold(a: ExtractedActor | null, gold: string): boolean {
  if (!a) return false;
  return looseNameMatch(a.name, gold) || a.aliases.some((x) => looseNameMatch(x, gold));
}

export function tripleMatches(level: Level, p: PredTriple, g: GoldTriple): boolean {
  if (p.unit !== g.unit || !actorMatchesGold(p.source, g.source)) return false;
  if (level === "a") return true;
  if (p.kind !== g.kind) return false;
  if (level === "b") return true;
  if (g.target === null) return p.target === null || g.partners.some((x) => actorMatchesGold(p.target, x));
  return actorMatchesGold(p.target, g.target);
}

/** Claims (optionally without STATE) and events of a result as triples, one per (source, target) pair. */
/**
 * Claims and events as PLOVER (source, kind, target) triples. PLOVER codes the place of an event
 * that has no other target as its target ("demonstrated in Kirkuk" -> target Kirkuk); Newsgraph
 * keeps the place apart as `location`, and the mapping puts it back for a single agent (`placeAsTarget: false` for
 * answer keys that keep the place apart too). `perArticle` counts a triple
 * once per article (real news reports one act in several sentences) instead of once per sentence.
 */
export function predictedTriples(unit: string, r: ExtractionResult, opts: { states?: boolean; perArticle?: boolean; placeAsTarget?: boolean } = {}): PredTriple[] {
  const byKey = (k: string | null | undefined) => r.actors.find((a) => a.key === k) ?? null;
  const out: PredTriple[] = [];
  const seen = new Set<string>();
  // The same triple twice in one sentence (an AGREE claim and the AGREE event of signing) is one item.
  const push = (src: string | null, kind: string, tgt: string | null, rule: string, sentence: number) => {
    const s = byKey(src);
    if (!s) return;
    const id = `${opts.perArticle ? "" : sentence}|${src}|${kind}|${tgt ?? ""}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ unit, source: s, kind, target: byKey(tgt), rule });
  };
  for (const c of r.claims) {
    if (c.kind === "STATE" && !opts.states) continue;
    const si = c.evidence.sentenceIndex;
    if (c.targetKeys.length === 0) push(c.speakerKey, c.kind, null, c.evidence.rule, si);
    for (const t of c.targetKeys) push(c.speakerKey, c.kind, t, c.evidence.rule, si);
  }
  for (const e of r.events) {
    const agents = e.participants.filter((p) => p.role === "AGENT").map((p) => p.actorKey);
    const targets = e.participants.filter((p) => p.role === "TARGET").map((p) => p.actorKey);
    // Not for a joint act: PLOVER codes "X and Y agreed / clashed" with no target.
    if (targets.length === 0 && agents.length === 1 && e.locationKey && opts.placeAsTarget !== false) targets.push(e.locationKey);
    for (const a of agents) {
      const si = e.evidence.sentenceIndex;
      if (targets.length === 0) push(a, e.kind, null, e.evidence.rule, si);
      for (const t of targets) push(a, e.kind, t, e.evidence.rule, si);
    }
  }
  return out;
}

/** Unroll one gold fact (sources x targets) into triples. */
export function goldTriples(unit: string, kind: string, sources: string[], targets: string[]): GoldTriple[] {
  const out: GoldTriple[] = [];
  for (const s of sources) {
    const partners = targets.length === 0 ? sources.filter((x) => x !== s) : [];
    if (targets.length === 0) out.push({ unit, source: s, kind, target: null, partners });
    for (const t of targets) out.push({ unit, source: s, kind, target: t, partners });
  }
  return out;
}

export interface Counts { tpPred: number; fp: number; tpGold: number; fn: number }
export interface TripleScore { total: Counts; perKind: Map<string, Counts>; matched: Map<GoldTriple, PredTriple>; unmatchedPred: PredTriple[] }

/**
 * One-to-one matching (maximum bipartite matching, so the order of items does not matter) of
 * predicted to gold triples at a level. A matched prediction counts as a true positive under its
 * own kind (for precision) and the gold triple under its kind (for recall).
 */
export function scoreTriples(level: Level, preds: PredTriple[], gold: GoldTriple[]): TripleScore {
  const adj = gold.map((g) => preds.map((p, i) => (tripleMatches(level, p, g) ? i : -1)).filter((i) => i >= 0));
  const owner = new Int32Array(preds.length).fill(-1);
  const tryAssign = (gi: number, seen: Uint8Array): boolean => {
    for (const pi of adj[gi]) {
      if (seen[pi]) continue;
      seen[pi] = 1;
      if (owner[pi] < 0 || tryAssign(owner[pi], seen)) {
        owner[pi] = gi;
        return true;
      }
    }
    return false;
  };
  for (let gi = 0; gi < gold.length; gi++) tryAssign(gi, new Uint8Array(preds.length));
  const perKind = new Map<string, Counts>();
  const bump = (k: string, f: keyof Counts) => {
    const c = perKind.get(k) ?? { tpPred: 0, fp: 0, tpGold: 0, fn: 0 };
    c[f]++;
    perKind.set(k, c);
  };
  const total: Counts = { tpPred: 0, fp: 0, tpGold: 0, fn: 0 };
  const matched = new Map<GoldTriple, PredTriple>();
  const unmatchedPred: PredTriple[] = [];
  preds.forEach((p, i) => {
    if (owner[i] >= 0) {
      matched.set(gold[owner[i]], p);
      bump(p.kind, "tpPred");
      total.tpPred++;
    } else {
      bump(p.kind, "fp");
      total.fp++;
      unmatchedPred.push(p);
    }
  });
  for (const g of gold) {
    if (matched.has(g)) { bump(g.kind, "tpGold"); total.tpGold++; } else { bump(g.kind, "fn"); total.fn++; }
  }
  return { total, perKind, matched, unmatchedPred };
}

export const prf = (c: Counts) => {
  const p = c.tpPred + c.fp ? c.tpPred / (c.tpPred + c.fp) : 0;
  const r = c.tpGold + c.fn ? c.tpGold / (c.tpGold + c.fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};

/** Deterministic train/holdout split of the PLOVER dev records: FNV-1a of the id, every 5th bucket held out. */
export function isHoldout(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 5 === 0;
}
