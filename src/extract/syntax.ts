/**
 * Shallow clause helpers shared by the claim and event rules: who is the subject of a verb, what
 * is its object, where does the clause end. Windows are small and fixed, so everything is linear
 * in the length of the text.
 */
import type { Analysis, Tok } from "./text.js";
import { isQuote } from "./text.js";
import type { ActorTable, Mention } from "./actors.js";
import { DETERMINERS, FAILURE_WORDS, HEDGES, INTENTION_NOUNS, LOCATION_HEADS, TITLE_SET, NEGATORS, REPORTING_FORMS, REPORTING_VERBS } from "./lexicon.js";
import type { Budget } from "./budget.js";

export interface Ctx {
  a: Analysis;
  at: ActorTable;
  /** Per-article time bound; the rule loops stop when it is spent. */
  budget?: Budget;
}

const TIME_WORDS = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
  "tonight", "week", "weekend", "month", "year", "morning", "afternoon", "evening", "night", "earlier",
  "later", "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "now", "recently", "again", "already", "also", "still", "then",
  "once", "first", "formally", "publicly", "officially", "strongly", "repeatedly", "immediately",
  "quickly", "bluntly", "flatly", "sharply", "firmly", "previously", "subsequently", "finally",
]);
/** Words of quantity between a verb and its object ("arrested more than 100 Palestinians"). */
const QUANTITY = new Set(["more", "than", "some", "about", "nearly", "almost", "around", "least", "at", "up", "over", "dozens", "hundreds", "thousands", "scores", "several", "many", "of", "another", "other", "two", "three"]);
const PARTICLES = new Set(["out", "back", "away", "off", "down"]);
const TIME_PREPS = new Set(["on", "in", "last", "this", "late", "early", "next"]);
/** Words that end a clause when they follow a comma. */
const CLAUSE_OPENERS = new Set([
  "which", "who", "whom", "whose", "where", "when", "while", "but", "although", "though", "whereas",
  "as", "because", "after", "before", "since", "according", "and", "despite", "amid", "amidst", "with",
]);
const RELATIVE = new Set(["who", "which", "that"]);
const SUBORDINATORS = new Set(["by", "while", "after", "before", "when", "in", "without", "since"]);

export interface Subject {
  m: Mention;
  /** How the subject was found: "direct", "apposition", "relative", "control" (to-infinitive), "participle". */
  via: string;
  /** A negator or failure word sits between subject and verb. */
  negated: boolean;
  hedged: boolean;
}

export const isVerbLike = (t: Tok | undefined): boolean => !!t && (t.pos === "VERB" || t.pos === "AUX");
export const isIng = (t: Tok): boolean => t.lower.endsWith("ing");

/**
 * Subject of the verb at token v: scan left over auxiliaries, adverbs, negators and time phrases
 * to the mention that ends there; step over appositions (", the minister,"), relative pronouns
 * ("X, who said") and control verbs ("X attempted to accuse"); participles after a comma or
 * "by" take the subject of the sentence.
 */
export function findSubject(ctx: Ctx, v: number, depth = 0): Subject | null {
  const { toks, sents } = ctx.a;
  const s = sents[toks[v].s];
  let negated = false;
  let hedged = false;
  let k = v - 1;
  for (; k >= s.t0; k--) {
    const x = toks[k];
    if (ctx.at.topOf[k] >= 0) break;
    if (NEGATORS.has(x.lower)) { negated = true; continue; }
    if (HEDGES.has(x.lower)) { hedged = true; continue; }
    if (x.pos === "AUX" || x.pos === "ADV" || (x.pos === "PART" && x.lower !== "to" && x.lower !== "'s")) continue;
    if (TIME_WORDS.has(x.lower) || x.pos === "NUM") {
      if (TIME_PREPS.has(toks[k - 1]?.lower ?? "")) k--;
      continue;
    }
    break;
  }
  if (k < s.t0) return participleSubject(ctx, v, negated, hedged);
  const x = toks[k];
  const mi = ctx.at.topOf[k];
  if (mi >= 0) {
    const m = ctx.at.mentions[mi];
    if (m.t1 === k + 1 && !m.possessive) {
      // "demonstrated in the city of Kirkuk on Sunday calling for ...": a participle after a
      // prepositional object belongs to the clause's subject, not to that object.
      if (isIng(toks[v]) && inPP(ctx, m.t0, s.t0)) return participleSubject(ctx, v, negated, hedged);
      // "Associates of Navalny alleged": the subject is the common noun before "of", which names no actor.
      const ofK = toks[m.t0 - 1]?.lower === "the" ? m.t0 - 2 : m.t0 - 1;
      const before = toks[ofK - 1];
      if (toks[ofK]?.lower === "of" && before && before.s === toks[v].s && (before.pos === "NOUN" || before.pos === "PROPN") && (!before.cap || ofK - 1 === s.t0) && ctx.at.topOf[ofK - 1] < 0 &&
        !TITLE_SET.has(before.lower) && !LOCATION_HEADS.has(before.lower) && !PARTITIVES.has(before.lower)) return null;
      const head = ppHead(ctx, m.t0, s.t0);
      if (head) return { m: head, via: "pp-head", negated, hedged };
      // "A road accident ... near Gainesville on Thursday killed ...": a place inside a prepositional
      // phrase is not the subject (and the real head is no actor).
      if (ctx.at.get(m.actorKey)?.kind === "LOCATION" && inPP(ctx, m.t0, s.t0)) return null;
      return { m, via: "direct", negated, hedged };
    }
    return null;
  }
  // "The APEC forum has agreed", "Red Cross officials suspended", "The UNITA militarist wing refused":
  // an organisation or country named as the modifier of a descriptive head noun.
  if (x.pos === "NOUN" && !x.cap) {
    let q = k;
    while (q > s.t0 && q > k - 3 && ctx.at.topOf[q] < 0 && (toks[q].pos === "NOUN" || toks[q].pos === "ADJ") && !toks[q].cap) q--;
    if (toks[q]?.text === ")" && toks[q - 2]?.text === "(") q -= 3;
    const mod = mentionEndingAt(ctx, q);
    const kind = ctx.at.get(mod?.actorKey)?.kind;
    if (mod && q < k && (kind === "ORGANIZATION" || kind === "COUNTRY") && MODIFIED_HEADS.has(x.lower)) return { m: mod, via: "modifier", negated, hedged };
  }
  // "Doctors from two American aid groups donated": the subject NP's head is before its modifier PP.
  if (x.pos === "NOUN" || x.pos === "PROPN") {
    let q = k;
    while (q > s.t0 && q > k - 6 && ctx.at.topOf[q] < 0 && NP_INNER.has(toks[q].pos)) q--;
    if (q < k && ctx.at.topOf[q] < 0 && PP_HEAD_PREPS.has(toks[q].lower)) {
      const head = mentionEndingAt(ctx, q - 1);
      if (head) return { m: head, via: "pp-head", negated, hedged };
    }
  }
  // "X, the foreign minister, said" / "X, who ..., said"
  if (x.text === "," && depth < 2) {
    for (let q = k - 1; q >= Math.max(s.t0, k - 14); q--) {
      if (toks[q].text !== ",") continue;
      const inner = toks.slice(q + 1, k);
      const relative = RELATIVE.has(inner[0]?.lower ?? "");
      if (!relative && inner.some((t) => isVerbLike(t) && !t.lower.endsWith("ed"))) break;
      // "X, fiancée of Y, addressed reporters, calling for ...": a clause, not an apposition.
      if (!relative && isVerbLike(inner[0])) break;
      const mi2 = ctx.at.topOf[q - 1];
      if (mi2 >= 0 && ctx.at.mentions[mi2].t1 === q) return { m: ctx.at.mentions[mi2], via: relative ? "relative" : "apposition", negated, hedged };
      break;
    }
    if (isIng(toks[v])) return participleSubject(ctx, v, negated, hedged);
    return null;
  }
  if (RELATIVE.has(x.lower)) {
    let q = k - 1;
    if (toks[q]?.text === ",") q--;
    const mi2 = q >= s.t0 ? ctx.at.topOf[q] : -1;
    if (mi2 >= 0 && ctx.at.mentions[mi2].t1 === q + 1) return { m: ctx.at.mentions[mi2], via: "relative", negated, hedged };
    return null;
  }
  // Control: "X attempted to accuse", "X's decision to withdraw", "X is ready to".
  if (x.lower === "to" && depth < 3) {
    const g = toks[k - 1];
    if (!g || g.s !== toks[v].s) return null;
    // Only verbs, adjectives ("ready to") and intention nouns pass their subject down; "their
    // refusal to disclose" does not make the refusal's owner a speaker.
    const failed = FAILURE_WORDS.has(g.lower);
    if (g.pos === "NOUN") {
      if (!INTENTION_NOUNS.has(g.lower)) return null;
      const p = possessorOf(ctx, k - 1);
      if (p) return { m: p, via: "control", negated, hedged };
    } else if (g.pos !== "VERB" && g.pos !== "ADJ" && g.pos !== "AUX") return null;
    const sub = findSubject(ctx, nounPhraseStart(ctx, k - 1), depth + 1);
    if (sub) return { ...sub, via: "control", negated: negated || failed || sub.negated, hedged: hedged || sub.hedged };
    return null;
  }
  if (SUBORDINATORS.has(x.lower) && isIng(toks[v])) return participleSubject(ctx, v, negated, hedged);
  // "labeled Soleimani a terrorist and levied sanctions against him": a second verb shares the first one's subject.
  if (x.lower === "and" && !isIng(toks[v]) && depth < 2) {
    for (let q = k - 1; q >= Math.max(s.t0, k - 12); q--) {
      const w = toks[q];
      if (w.text === "," || w.text === ";" || SUBORDINATORS.has(w.lower) || RELATIVE.has(w.lower)) break;
      if (w.pos === "VERB" && !isIng(w) && toks[q - 1]?.lower !== "to") return findSubject(ctx, q, depth + 1);
    }
  }
  // ", killing one and arresting 12": the second participle shares the first one's subject.
  if (x.lower === "and" && isIng(toks[v]) && depth < 2) {
    for (let q = k - 1; q >= Math.max(s.t0, k - 6); q--) {
      if (toks[q].pos === "VERB" && isIng(toks[q])) return findSubject(ctx, q, depth + 1);
      if (toks[q].text === "," || isVerbLike(toks[q])) break;
    }
  }
  return null;
}

/** Heads that an organisation or country can modify and still be the actor ("the APEC forum"). */
const MODIFIED_HEADS = new Set([
  "forum", "officials", "official", "wing", "spokesman", "spokeswoman", "spokesperson", "leadership", "leaders", "body",
  "bloc", "alliance", "group", "delegation", "mission", "council", "committee", "command", "headquarters", "office",
  "ministry", "envoy", "negotiators", "diplomats", "sources", "statement", "representatives", "team", "agency", "members",
  "ministers", "minister", "leaders", "officers", "commanders", "observers", "monitors", "inspectors", "troops", "forces",
]);
const PP_HEAD_PREPS = new Set(["in", "of", "from", "near", "at", "inside", "across", "on", "with", "to", "including"]);
/** Participles and adjectives that take the PP: "loyal to", "based in", "affiliated with". */
const PP_LINKERS = new Set(["loyal", "based", "affiliated", "linked", "close", "allied", "operating", "stationed"]);
const NP_INNER = new Set(["NOUN", "PROPN", "ADJ", "NUM", "DET"]);

/** Is the mention starting at t0 the object of a preposition ("in the northern city of Kirkuk")? */
function inPP(ctx: Ctx, t0: number, sStart: number): boolean {
  const toks = ctx.a.toks;
  let k = t0 - 1;
  while (k >= sStart && (toks[k].pos === "DET" || toks[k].pos === "ADJ")) k--;
  return k >= sStart && toks[k].pos === "ADP";
}

/** The non-possessive mention ending exactly at token k, if any. */
function mentionEndingAt(ctx: Ctx, k: number): Mention | null {
  if (k < 0) return null;
  const mi = ctx.at.topOf[k];
  if (mi < 0) return null;
  const m = ctx.at.mentions[mi];
  return m.t1 === k + 1 && !m.possessive ? m : null;
}

/**
 * "Rebels in the Ivory Coast dismissed ...", "Security forces in Guinea have tortured ...": when
 * the mention next to the verb is the object of a modifier PP, the head before the PP is the subject.
 */
export function ppHead(ctx: Ctx, t0: number, sStart: number): Mention | null {
  const toks = ctx.a.toks;
  let k = t0 - 1;
  // "including helicopter gunships": noun modifiers of the mention are part of it.
  for (let n = 0; n < 2 && k > sStart && toks[k].pos === "NOUN" && !toks[k].cap && ctx.at.topOf[k] < 0; n++) k--;
  if (k >= sStart && (toks[k].lower === "the" || toks[k].pos === "DET")) k--;
  // "the sides of the divided island of Cyprus": step over a place noun and its "of".
  if (k > sStart && toks[k].lower === "of" && LOCATION_HEADS.has(toks[k - 1].lower)) {
    k -= 2;
    while (k >= sStart && (ctx.at.topOf[k] < 0 || ctx.at.get(ctx.at.mentions[ctx.at.topOf[k]].actorKey)?.kind === "LOCATION") && (toks[k].pos === "ADJ" || toks[k].pos === "DET" || toks[k].pos === "PROPN" || (toks[k].pos === "VERB" && /ed$/.test(toks[k].lower)))) k--;
  }
  if (k < sStart || !PP_HEAD_PREPS.has(toks[k].lower)) return null;
  const prep = toks[k].lower;
  if (PP_LINKERS.has(toks[k - 1]?.lower ?? "")) k--;
  else if (prep === "to") return null;
  const head = mentionEndingAt(ctx, k - 1);
  if (!head) return null;
  // "King Hassan of Morocco", "police in Jericho"; a country is not modified by a place ("Russia in Syria").
  if (ctx.at.get(head.actorKey)?.kind === "COUNTRY" && prep !== "of") return null;
  return ppHead(ctx, head.t0, sStart) ?? head;
}

/**
 * Actors coordinated after m: "sentenced David and Louise Turpin", "met X, Y and Z". Only a list
 * that ends with "and" counts ("Syria, Israel" alone is an apposition).
 */
export function conjunctsAfter(ctx: Ctx, m: Mention): Mention[] {
  const toks = ctx.a.toks;
  const out: Mention[] = [];
  let k = m.t1;
  let sawAnd = false;
  while (k < toks.length && toks[k].s === m.s && (toks[k].lower === "and" || toks[k].text === ",")) {
    if (toks[k].lower === "and") sawAnd = true;
    k++;
    if (toks[k]?.lower === "and") { sawAnd = true; k++; }
    if (toks[k]?.lower === "the") k++;
    const o = ctx.at.at(k);
    if (!o || o.t0 !== k || !o.actorKey || o.actorKey === m.actorKey || o.possessive) break;
    out.push(o);
    k = o.t1;
    if (sawAnd) break;
  }
  return sawAnd ? out : [];
}

/**
 * Coordinated actors ending with m: "Jordan and Britain", "Libyan leader X and Bulgarian President Y",
 * "Israel, Egypt and Jordan". Returns the other conjuncts (not m), left to right.
 */
export function conjuncts(ctx: Ctx, m: Mention): Mention[] {
  const toks = ctx.a.toks;
  const out: Mention[] = [];
  let k = m.t0 - 1;
  while (k > 0 && (toks[k].lower === "and" || toks[k].text === ",") && toks[k].s === toks[m.t0].s) {
    if (toks[k].text === "," && toks[k - 1]?.lower === "and") k--;
    // "China, Iran, and Russia": the serial comma before "and".
    if (toks[k].lower === "and" && toks[k - 1]?.text === ",") k--;
    const o = mentionEndingAt(ctx, k - 1);
    if (!o || !o.actorKey || o.actorKey === m.actorKey) break;
    out.unshift(o);
    k = o.t0 - 1;
    if (toks[k + 1]?.lower !== "and" && toks[k]?.text !== "," && toks[k]?.lower !== "and") break;
  }
  // A list needs an "and" at its end: "Syria, Israel" alone is an apposition, not a coordination.
  if (out.length && toks[m.t0 - 1]?.lower !== "and") return [];
  return out;
}

/** For a noun heading "the country's intention", the governing verb's position (so control can climb). */
function nounPhraseStart(ctx: Ctx, n: number): number {
  const toks = ctx.a.toks;
  if (toks[n].pos !== "NOUN") return n;
  let k = n - 1;
  while (k > 0 && (toks[k].pos === "ADJ" || DETERMINERS.has(toks[k].lower) || toks[k].lower === "'s" || ctx.at.topOf[k] >= 0)) k--;
  return isVerbLike(toks[k]) ? k : n;
}

/** A participle after a comma or "by" shares the sentence's subject ("..., claiming", "by emphasizing"). */
function participleSubject(ctx: Ctx, v: number, negated: boolean, hedged: boolean): Subject | null {
  const t = ctx.a.toks[v];
  if (!isIng(t)) return null;
  const m = ctx.at.subjectOf(t.s);
  if (!m || m.start >= t.start || m.possessive) return null;
  return { m, via: "participle", negated, hedged };
}

/**
 * The possessor of the noun phrase whose head is at n: "Azerbaijan's successful military campaign",
 * "his resignation", "the country's intention".
 */
export function possessorOf(ctx: Ctx, n: number): Mention | null {
  const { toks } = ctx.a;
  const s = toks[n].s;
  for (let k = n - 1; k >= Math.max(0, n - 5); k--) {
    const x = toks[k];
    if (x.s !== s) return null;
    const mi = ctx.at.topOf[k];
    if (mi >= 0) {
      const m = ctx.at.mentions[mi];
      if (m.possessive && m.t1 === k + 1) return m;
      if (m.pronoun && /^(his|her|its|their)$/.test(toks[m.t0].lower) && m.t1 === k + 1) return m;
      // A demonym-modified group ("Russian peacekeepers") is not a possessor.
      return null;
    }
    if (x.lower === "'s" || x.lower === "'") continue;
    if (x.pos === "ADJ" || x.pos === "NOUN" || x.pos === "ADV" || x.pos === "NUM" || (x.pos === "VERB" && x.lower.endsWith("ed"))) continue;
    return null;
  }
  return null;
}

/**
 * First mention after token v within the clause, stepping over determiners, adjectives and at most
 * a few nouns, and over one of the given prepositions. Returns the mention and whether it was
 * reached through a preposition.
 */
export function objectAfter(ctx: Ctx, v: number, preps: Set<string> = new Set(), maxGap = 4, end?: number): { m: Mention; prep?: string } | null {
  const { toks } = ctx.a;
  const s = toks[v].s;
  const stop = end ?? clauseEnd(ctx, v + 1);
  let gap = 0;
  let prep: string | undefined;
  for (let k = v + 1; k < stop; k++) {
    const x = toks[k];
    if (x.s !== s) break;
    const mi = ctx.at.topOf[k];
    if (mi >= 0) {
      const m = ctx.at.mentions[mi];
      if (m.actorKey || m.unknown) return { m, prep };
      continue;
    }
    if (DETERMINERS.has(x.lower) || x.pos === "DET" || x.pos === "ADJ" || x.pos === "NUM" || QUANTITY.has(x.lower)) continue;
    // "met on Monday with X", "attacked last week X's positions": a time adjunct is no object.
    if (TIME_WORDS.has(x.lower)) continue;
    if (TIME_PREPS.has(x.lower) && TIME_WORDS.has(toks[k + 1]?.lower ?? "")) { k++; continue; }
    if (x.pos === "ADP" && preps.has(x.lower) && !prep) { prep = x.lower; continue; }
    // "conceded to demands from UNITA", "bowed to pressure from X": whose demands they are.
    if (prep && gap > 0 && (x.lower === "from" || x.lower === "by") && gap < maxGap) continue;
    // Phrasal particles before the preposition: "pulled out of X", "cut off from X".
    if (PARTICLES.has(x.lower) && !prep && k === v + 1 && preps.has(toks[k + 1]?.lower ?? "")) continue;
    // "a woman named Heather Heyer", "a man identified as X": the name that follows is the object.
    if ((x.lower === "named" || x.lower === "called" || x.lower === "identified") && k > v + 1 && toks[k - 1].pos === "NOUN") {
      if (toks[k + 1]?.lower === "as") k++;
      gap = 0;
      continue;
    }
    // "the besieged/VERB town": a participle after a determiner is an adjective.
    if (x.pos === "VERB" && /ed$/.test(x.lower) && toks[k - 1]?.pos === "DET") continue;
    // "from the besieged town of Gorazde": a place noun and its "of" lead to the name.
    if (x.pos === "NOUN" && toks[k + 1]?.lower === "of" && LOCATION_HEADS.has(x.lower)) { k++; continue; }
    // "met today in Istanbul with X": a place adjunct is stepped over, not taken as the object.
    if (LOCATIVE_ADJUNCT.has(x.lower) && !preps.has(x.lower)) {
      const j = toks[k + 1]?.lower === "the" ? k + 2 : k + 1;
      const pm = ctx.at.at(j);
      const pk = ctx.at.get(pm?.actorKey)?.kind;
      if (pm && pm.t0 === j && (pk === "LOCATION" || pk === "COUNTRY")) { k = pm.t1 - 1; continue; }
    }
    if ((x.pos === "NOUN" || x.pos === "PROPN") && gap < maxGap) { gap++; continue; }
    // "confiscated weapons and explosives from X": coordinated nouns of one object.
    if ((x.lower === "and" || x.text === ",") && gap > 0 && gap < maxGap && ["NOUN", "ADJ"].includes(toks[k + 1]?.pos ?? "") && ctx.at.topOf[k + 1] < 0) continue;
    break;
  }
  return null;
}

const LOCATIVE_ADJUNCT = new Set(["in", "near", "outside", "inside"]);
/** "A number of journalists", "thousands of protesters": the noun before "of" only counts them. */
const PARTITIVES = new Set(["number", "majority", "minority", "dozens", "hundreds", "thousands", "millions", "scores", "tens", "handful", "group", "groups", "half", "rest", "most", "many", "some", "few", "several", "all", "none", "each", "one", "two", "three", "members", "member", "part", "parts", "wave", "crowd", "crowds", "band", "team", "coalition"]);

/** End (exclusive) of the clause starting at i: a semicolon, dash, or comma + subordinator, or the sentence end. */
export function clauseEnd(ctx: Ctx, i: number): number {
  const { toks, sents } = ctx.a;
  if (i >= toks.length) return toks.length;
  const s = sents[toks[Math.min(i, toks.length - 1)].s];
  for (let k = i; k < s.t1; k++) {
    const x = toks[k];
    if (x.text === ";" || x.text === ":" || x.text === "—" || x.text === "–" || (x.text === "-" && x.start !== toks[k - 1]?.end)) return k;
    if (x.text === ",") {
      const n = toks[k + 1];
      if (!n || n.s !== x.s) return k;
      if (CLAUSE_OPENERS.has(n.lower) || (n.pos === "VERB" && isIng(n)) || isQuote(n.text)) return k;
      if (trailingAttribution(ctx, k + 1, s.t1)) return k;
    }
  }
  let e = s.t1;
  while (e > i && (toks[e - 1].pos === "PUNCT" || isQuote(toks[e - 1].text))) e--;
  return e;
}

/** Statement verbs that close a sentence as its attribution (", a Jordanian official confirmed."). */
const ATTRIBUTION_VERBS = new Set([...REPORTING_FORMS.entries()].filter(([, l]) => REPORTING_VERBS.get(l)?.kind === "STATE").map(([f]) => f));

/** Is [i, end) a trailing attribution: a short noun phrase, a statement verb, and only adjuncts after it? */
function trailingAttribution(ctx: Ctx, i: number, end: number): boolean {
  const toks = ctx.a.toks;
  if (end - i > 22) return false;
  // Inverted: ", said the spokesperson for the prime minister."
  if (ATTRIBUTION_VERBS.has(toks[i]?.lower ?? "") && end - i <= 12 && !toks.slice(i + 1, end).some((x) => isVerbLike(x) || x.text === "," || isQuote(x.text))) return true;
  for (let k = i; k < end && k < i + 12; k++) {
    const x = toks[k];
    if (ATTRIBUTION_VERBS.has(x.lower) && k > i) {
      for (let j = k + 1; j < end; j++) if (isVerbLike(toks[j]) && !(toks[j].lower === "quoted")) return toks[j].lower === "saying";
      return true;
    }
    if (isVerbLike(x) && !/ed$/.test(x.lower)) return false;
    if (x.text === "," || isQuote(x.text)) return false;
  }
  return false;
}

/** Start of the clause containing i (scans left to a comma, semicolon, subordinator or sentence start). */
export function clauseStart(ctx: Ctx, i: number): number {
  const { toks, sents } = ctx.a;
  const s = sents[toks[i].s];
  for (let k = i - 1; k >= s.t0; k--) {
    const x = toks[k];
    if (x.text === ";" || x.text === "," || x.text === ":" || x.text === "—") return k + 1;
  }
  return s.t0;
}

/** Characters of a token range. */
export function spanText(ctx: Ctx, t0: number, t1: number): string {
  const { toks, body } = ctx.a;
  if (t1 <= t0) return "";
  return body.slice(toks[t0].start, toks[t1 - 1].end);
}
