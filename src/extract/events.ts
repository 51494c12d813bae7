/**
 * PLOVER events from trigger words. A trigger (verb by lemma, noun by form) fires when its
 * constraints hold; its agent is the verb's subject or the noun's possessor ("Azerbaijan's
 * offensive"), its target the first actor after it, its place an "in X" and its date the nearest
 * date phrase. Events in hypothetical or negated clauses are not emitted; repeated reports of the
 * same event in one article are merged.
 */
import type { EventStatus, ExtractedEvent, ExtractedParticipant } from "./types.js";
import type { Mention } from "./actors.js";
import type { Tok } from "./text.js";
import { findDates } from "./dates.js";
import { LOCATION_HEADS, PROTEST_CROWDS, REPORTING_FORMS, REPORTING_VERBS, WRONGDOING_WORDS, inflect } from "./lexicon.js";
import {
  COOPERATIVE_KINDS, FAILURE_WORDS, FUTURE_MARKERS, FUTURE_MODALS, HOSTILE_KINDS, INTENT_ADJECTIVES, INTENTION_NOUNS,
  IRREALIS, NEGATORS, NOUN_TRIGGERS, THREAT_CONDITIONS, TRIGGER_VERB_FORMS, VERB_TRIGGERS, type EventTrigger,
} from "./lexicon.js";
import { clauseEnd, clauseStart, conjuncts, conjunctsAfter, findSubject, isIng, isVerbLike, objectAfter, possessorOf, spanText, type Ctx } from "./syntax.js";

/** Verbs whose object is a nominal event the subject carries out ("launched an offensive"). */
const LIGHT_VERBS = new Set([
  "launch", "stage", "hold", "begin", "start", "conduct", "mount", "wage", "carry", "continue", "resume", "organize",
  "organise", "announce", "declare", "impose", "order", "join", "open", "complete", "undertake", "give", "issue",
  "lodge", "file", "make", "deliver", "insist", "renew", "repeat", "reiterate", "extend", "end", "step",
  "levy", "slap", "escalate", "intensify", "perpetrate", "commit", "orchestrate", "plan", "lead", "stage",
]);
/** "tortured scores of Liberian refugees": quantities before the object. */
const QUANTITY_WORDS = new Set(["scores", "dozens", "hundreds", "thousands", "of", "more", "than", "some", "several"]);
const LIGHT_FORMS = new Set([...LIGHT_VERBS].flatMap((l) => inflect(l)));
const TARGET_PREPS = new Set(["from", "on", "against", "to", "with", "into", "at", "over", "of", "by"]);
const PROTEST_PREPS = new Set(["against", "at"]);
const LOCATION_PREPS = new Set(["in", "near", "outside", "inside", "across", "throughout"]);
const PROTEST_LINKS = new Set(["demanding", "against", "calling", "protesting", "denouncing", "urging", "over", "seeking", "demand", "protest", "denounce", "press", "oust", "overthrow", "topple", "removal", "resignation", "defiance"]);
// An investigation of "the cause of the crash" accuses no one: ACCUSE needs someone accused.
const NEEDS_TARGET = new Set(["CONSULT", "AID", "COERCE", "CONCEDE", "SANCTION", "ACCUSE"]);
const PARTICIPLE_IRREGULAR = new Set(["held", "led", "sent", "struck", "fought", "shot", "seized", "left", "met", "withdrawn", "broken", "given", "taken", "brought"]);

/** Verbs that promise what they name: aid offered or pledged is not yet given. */
const PROMISE_FORMS = new Set(["offer", "pledge", "promise"].flatMap((l) => inflect(l)));
/** Verbs of intention whose infinitive is an announced act ("plans to impose", "decided to visit"). */
const INTENT_VERB_FORMS = new Set(["plan", "intend", "aim", "prepare", "want", "seek", "hope", "expect", "agree", "offer", "promise", "pledge", "vow"].flatMap((l) => inflect(l)));

const TIME_ADVERBS = new Set(["today", "yesterday", "tonight", "again", "also", "briefly", "separately", "jointly", "privately", "directly", "virtually"]);

/** Internal event with token positions, for merging and for the claim rules. */
export interface EventHit {
  ev: Omit<ExtractedEvent, "key">;
  trigger: number;
  /** The implicit agent created for an agentless protest. */
  implicitAgent?: string;
  /** A participle of a chain whose object is only a number (", killing one and arresting 12"). */
  chain?: boolean;
}

export function extractEvents(ctx: Ctx, publishedAt?: Date | null): EventHit[] {
  const { toks, sents } = ctx.a;
  const hits: EventHit[] = [];
  for (const s of sents) {
    for (let t = s.t0; t < s.t1; t++) {
      if (ctx.budget?.spent("events")) break;
      const x = toks[t];
      let cands: EventTrigger[] | undefined;
      if (x.pos === "VERB" || ingVerb(toks, t)) cands = VERB_TRIGGERS.get(TRIGGER_VERB_FORMS.get(x.lower) ?? x.lemma);
      else if (x.pos === "NOUN" || (x.pos === "ADJ" && isNounHead(toks, t))) cands = NOUN_TRIGGERS.get(x.lower);
      if (!cands || ctx.at.topOf[t] >= 0) continue;
      for (const trig of cands) {
        const hit = tryTrigger(ctx, t, trig, publishedAt);
        if (hit === "stop") break;
        if (hit) {
          hits.push(hit);
          break;
        }
      }
    }
  }
  return mergeEvents(foldCrowds(resolveChains(ctx, hits)));
}

/**
 * "Egyptian demonstrators rioted following a demonstration calling for X's removal": an unnamed
 * crowd's protest in a sentence whose named actor protests too is that actor's protest.
 */
function foldCrowds(hits: EventHit[]): EventHit[] {
  return hits.filter((h) => {
    if (!h.implicitAgent) return true;
    const s = h.ev.evidence.sentenceIndex;
    const named = hits.find((o) => o !== h && !o.implicitAgent && o.ev.kind === "PROTEST" && o.ev.evidence.sentenceIndex === s);
    if (!named) return true;
    if (!named.ev.participants.some((p) => p.role === "TARGET")) {
      for (const p of h.ev.participants) if (p.role === "TARGET" && !named.ev.participants.some((q) => q.actorKey === p.actorKey)) named.ev.participants.push(p);
    }
    return false;
  });
}

/**
 * A participle chain after a comma ("opened fire on demonstrators, killing one and arresting 12")
 * takes its target from the event it continues: the same agent's last event in the sentence.
 */
function resolveChains(ctx: Ctx, hits: EventHit[]): EventHit[] {
  const out: EventHit[] = [];
  for (const h of hits) {
    if (!h.chain) { out.push(h); continue; }
    const agents = h.ev.participants.filter((p) => p.role === "AGENT").map((p) => p.actorKey);
    const prev = [...out].reverse().find((o) => o.ev.evidence.sentenceIndex === h.ev.evidence.sentenceIndex && o.trigger < h.trigger &&
      o.ev.participants.some((p) => p.role === "AGENT" && agents.includes(p.actorKey)));
    const tg = prev?.ev.participants.find((p) => p.role === "TARGET" && !agents.includes(p.actorKey));
    if (tg) h.ev.participants.push({ ...tg });
    else if (NEEDS_TARGET.has(h.ev.kind)) continue;
    delete h.chain;
    out.push(h);
  }
  return out;
}

/** Is the -ing form at t a link of a participle chain after a comma whose object is a bare number? */
function chainParticiple(ctx: Ctx, t: number): boolean {
  const { toks } = ctx.a;
  const n = toks[t + 1];
  if (!n || n.s !== toks[t].s || !(n.pos === "NUM" || QUANTIFIED.has(n.lower))) return false;
  for (let k = t - 1; k >= Math.max(0, t - 8); k--) {
    const w = toks[k];
    if (w.s !== toks[t].s) return false;
    if (w.text === ",") return k === t - 1 || toks.slice(k + 1, t).some((q) => isIng(q) && q.pos === "VERB");
    if (w.lower === "and" && isIng(toks[t])) continue;
    if (!(w.pos === "NUM" || w.pos === "NOUN" || w.pos === "ADJ" || w.lower === "and" || (w.pos === "VERB" && isIng(w)) || QUANTIFIED.has(w.lower))) return false;
  }
  return false;
}
const QUANTIFIED = new Set(["one", "dozens", "hundreds", "scores", "several", "many", "some", "at", "more", "least", "about", "nearly", "another", "others"]);

/** "Hundreds of people demonstrated", "Thousands marched": a crowd that names no actor is the subject. */
function unnamedSubject(ctx: Ctx, t: number): boolean {
  const { toks } = ctx.a;
  let k = t - 1;
  while (k >= 0 && toks[k].s === toks[t].s && (toks[k].pos === "AUX" || toks[k].pos === "ADV")) k--;
  const w = toks[k];
  const n = toks[t + 1];
  // Intransitive use only: "demonstrated in / against / outside", not "investments demonstrate how".
  if (n && n.s === toks[t].s && !(n.pos === "ADP" || n.pos === "ADV" || n.pos === "PUNCT" || n.pos === "PART")) return false;
  return !!w && w.s === toks[t].s && ctx.at.topOf[k] < 0 && CROWD_WORDS.has(w.lower);
}
const MEETING_NOUNS = new Set(["meeting", "talks", "summit", "conference", "negotiations", "meetings", "summits"]);
const DAY_WORDS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "outside", "again"]);
const CROWD_WORDS = new Set(["thousands", "hundreds", "dozens", "tens", "people", "crowd", "crowds", "many", "others", "residents", "citizens", "supporters"]);

/** The tagger reads some participles after a comma or "and" as nouns (", arresting 12"). */
function ingVerb(toks: Tok[], t: number): boolean {
  const x = toks[t];
  if (x.pos !== "NOUN" || !isIng(x) || !TRIGGER_VERB_FORMS.has(x.lower)) return false;
  const p = toks[t - 1];
  const n = toks[t + 1];
  return !!p && !!n && p.s === x.s && n.s === x.s && (p.text === "," || p.lower === "and") && (n.pos === "NUM" || n.pos === "DET" || n.pos === "PROPN");
}

/** A hypothetical word ("if", "could") between the clause start and t. */
function IRREALIS_BEFORE(toks: Tok[], cs: number, t: number): boolean {
  for (let k = Math.max(cs, t - 8); k < t; k++) if (IRREALIS.has(toks[k].lower)) return true;
  return false;
}

/** The tagger sometimes reads a head noun as an adjective ("military offensive in"): accept it when nothing nominal follows. */
function isNounHead(toks: Tok[], t: number): boolean {
  const n = toks[t + 1];
  return !n || n.s !== toks[t].s || !(n.pos === "NOUN" || n.pos === "ADJ" || n.pos === "PROPN" || n.pos === "NUM");
}

const BE = new Set(["is", "are", "was", "were", "been", "being", "be", "get", "got"]);
function isPassive(toks: Tok[], t: number): boolean {
  let k = t - 1;
  while (k >= 0 && toks[k].s === toks[t].s && toks[k].pos === "ADV") k--;
  return k >= 0 && toks[k].s === toks[t].s && BE.has(toks[k].lower) && /(ed|en|own|ot|id)$/.test(toks[t].lower);
}

function tryTrigger(ctx: Ctx, t: number, trig: EventTrigger, publishedAt?: Date | null): EventHit | null | "stop" {
  const { toks } = ctx.a;
  const x = toks[t];
  const next = toks[t + 1];
  const prev = toks[t - 1];
  // "spoke today with", "met again with": a time adverb may sit between a verb and its particle.
  let nk = t + 1;
  while (!trig.noun && toks[nk] && toks[nk].s === x.s && (TIME_ADVERBS.has(toks[nk].lower))) nk++;
  const nextWord = toks[nk];
  if (trig.next && !(nextWord && nextWord.s === x.s && trig.next.includes(nextWord.lower))) return null;
  if (trig.prev && !(prev && prev.s === x.s && trig.prev.includes(prev.lower))) return null;
  if (trig.notNext && next && next.s === x.s && trig.notNext.includes(next.lower)) return null;
  if (trig.intransitive && next && next.s === x.s && !(["ADP", "ADV", "PUNCT", "CCONJ", "SCONJ", "PART"].includes(next.pos) || DAY_WORDS.has(next.lower))) return null;
  if (trig.within && !toks.slice(t + 1, t + 9).some((w) => w.s === x.s && trig.within!.includes(w.lower))) return null;
  const governor = trig.after ? governingVerb(ctx, t, trig.after) : -1;
  if (trig.after && governor < 0) return null;

  // A past participle right after a noun describes it ("peacekeepers deployed in the region").
  // Only when no object follows: "Russia deployed troops" is an event, "troops deployed in X" is not.
  if (!trig.noun && trig.kind !== "PROTEST" && !trig.symmetric && (/ed$/.test(x.lower) || PARTICIPLE_IRREGULAR.has(x.lower))) {
    const nounBefore = prev && prev.s === x.s && (prev.pos === "NOUN" || prev.pos === "PROPN" || ctx.at.topOf[t - 1] >= 0) && !isVerbLike(prev);
    const noObject = !next || next.s !== x.s || next.pos === "ADP" || next.pos === "ADV" || next.pos === "PUNCT";
    if (nounBefore && noObject && reducedRelative(ctx, t)) return "stop";
  }
  // "disperse demonstrators protesting election results", "rebels fighting to topple": an -ing
  // form right after the object of an earlier verb describes that object (a reduced relative).
  if (!trig.noun && /ing$/.test(x.lower) && prev && ctx.at.topOf[t - 1] >= 0) {
    const m = ctx.at.mentions[ctx.at.topOf[t - 1]];
    const cs0 = clauseStart(ctx, m.t0);
    if (m.t1 === t && toks.slice(cs0, m.t0).some((w) => w.pos === "VERB" && w.s === x.s)) return "stop";
  }
  // A question reports nothing ("Did Red Hat speak with ...?"); "a planned trip, which was cancelled" never happened.
  if (isQuestion(ctx, x.s)) return "stop";
  if (trig.noun && cancelledAfter(toks, t)) return "stop";
  // "demanded the withdrawal of Serbian forces", "opposed the deployment of a force": a demanded or
  // opposed act has not taken place.
  if (trig.noun && wantedNotDone(ctx, t)) return "stop";
  // Hypothetical, negated or failed: no event.
  const cs = clauseStart(ctx, t);
  // The verb a nominal trigger is the object of ("plans to impose sanctions").
  let nounVerb = governor;
  if (trig.noun && nounVerb < 0) for (let k = t - 1; k >= Math.max(cs, t - 4) && nounVerb < 0; k--) if (toks[k].pos === "VERB") nounVerb = k;
  let announced = false;
  let refused = false;
  let modal = false;
  let ready = false;
  for (let k = Math.max(cs, t - 8); k < t; k++) {
    const w = toks[k].lower;
    // "would not meet their demands", "refused to allow": a refused concession is a REJECT (CAMEO 12).
    // Only a refusal, not a plain negated fact ("had not met him"): a modal or a refusal word.
    if ((NEGATORS.has(w) || (FAILURE_WORDS.has(w) && /^refus/.test(w))) && COOPERATIVE_KINDS.has(trig.kind) && !IRREALIS_BEFORE(toks, cs, t) &&
      (!NEGATORS.has(w) || toks.slice(Math.max(cs, t - 8), t).some((q) => FUTURE_MODALS.has(q.lower)))) { refused = true; continue; }
    if (IRREALIS.has(w) || NEGATORS.has(w) || FAILURE_WORDS.has(w)) return "stop";
    if (FUTURE_MARKERS.has(w)) announced = true;
    if (FUTURE_MODALS.has(w) && toks[k].pos === "AUX" || (w === "going" && toks[k + 1]?.lower === "to")) modal = true;
    if (INTENT_ADJECTIVES.has(w) && toks[k + 1]?.lower === "to") ready = announced = true;
    // "was planning to visit", "decided to impose": a stated intention (CAMEO 03 / 13).
    // The tagger reads "Greece plans to" as a noun; right after the subject it is the verb.
    const asVerb = toks[k].pos === "VERB" || (w.endsWith("s") && ctx.at.topOf[k - 1] >= 0 && ctx.at.mentions[ctx.at.topOf[k - 1]].t1 === k);
    if (INTENT_VERB_FORMS.has(w) && asVerb && toks[k + 1]?.lower === "to" && (k + 2 === t || (trig.noun && k + 2 === nounVerb))) ready = announced = true;
  }
  if (prev?.lower === "to" && INTENTION_NOUNS.has(toks[t - 2]?.lower ?? "")) announced = true;

  const end = clauseEnd(ctx, t + 1);
  // Announced acts change type: promised help is AGREE, readiness for (or a condition on) force is THREATEN.
  let kind = trig.kind;
  let intent = "";
  const conditional = toks.slice(t + 1, Math.min(toks.length, t + 25)).some((w) => w.s === x.s && THREAT_CONDITIONS.has(w.lower));
  // "pledged funds", "offered troops": the promise is the act (CAMEO 03), not yet the aid.
  if (trig.kind === "AID" && PROMISE_FORMS.has(x.lower)) ready = announced = true;
  if (refused) { kind = "REJECT"; intent = ".refusal"; }
  else if ((HOSTILE_KINDS.has(kind) && (ready || (modal && kind !== "SANCTION"))) || ((announced || modal) && conditional)) { kind = "THREATEN"; intent = ".threat"; }
  else if (COOPERATIVE_KINDS.has(kind) && kind !== "AGREE" && (modal || ready)) { kind = "AGREE"; intent = ".intent"; }
  const participants: ExtractedParticipant[] = [];
  const used = new Set<number>();
  const add = (m: Mention | null | undefined, role: ExtractedParticipant["role"]) => {
    if (!m?.actorKey || used.has(m.id)) return;
    if (participants.some((p) => p.actorKey === m.actorKey)) return;
    used.add(m.id);
    participants.push({ actorKey: m.actorKey, role });
  };

  // Location: "in X" after the trigger (before the target search, so X is not taken as target).
  let location: Mention | undefined;
  for (let k = t + 1; k < Math.min(trig.noTarget ? t : end, t + 16); k++) {
    if (!LOCATION_PREPS.has(toks[k].lower)) continue;
    let j = k + 1;
    if (toks[j]?.lower === "the") j++;
    // "in the (besieged Bosnian) town of Cizre", "in the capital Kabul"
    let q = j;
    while (q < j + 4 && q < end && ctx.at.topOf[q] < 0 && (toks[q].pos === "ADJ" || (toks[q].cap && !LOCATION_HEADS.has(toks[q].lower)))) q++;
    if (LOCATION_HEADS.has(toks[q]?.lower ?? "") || toks[q]?.lower === "capital") {
      j = toks[q + 1]?.lower === "of" ? q + 2 : q + 1;
    }
    const m = ctx.at.at(j);
    const kind = ctx.at.get(m?.actorKey)?.kind;
    if (m && m.t0 === j && (kind === "LOCATION" || kind === "COUNTRY")) {
      location = m;
      used.add(m.id);
      break;
    }
  }

  if (trig.symmetric) {
    // "clashes between X and Y", "X clashed with Y": every side is an agent.
    if (!trig.noun) {
      const subj = findSubject(ctx, t)?.m;
      if (subj) for (const c of conjuncts(ctx, subj)) add(c, "AGENT");
      add(subj, "AGENT");
    }
    else add(possessorOf(ctx, t), "AGENT");
    const link = toks.slice(t + 1, Math.min(end, t + 9)).findIndex((w) => w.lower === "between" || w.lower === "with");
    for (let k = link < 0 ? end : t + 2 + link; k < Math.min(end, t + 16); k++) {
      const m = ctx.at.at(k);
      if (m && m.t0 === k && !used.has(m.id)) {
        add(m, "AGENT");
        k = m.t1 - 1;
      } else if (!["and", ",", "the"].includes(toks[k].lower) && toks[k].pos !== "ADJ" && toks[k].pos !== "DET") break;
    }
  } else {
    // Agent.
    let agent: Mention | null | undefined;
    if (trig.noun) {
      agent = possessorOf(ctx, t);
      if (!agent && trig.ofAgent) agent = objectAfter(ctx, t, new Set(["of"]), 1, end)?.m;
      // "Palestinian riots", "the Russian invasion": a nationality right before the noun acts.
      if (!agent) {
        let k = t - 1;
        while (k > t - 4 && toks[k] && toks[k].s === x.s && toks[k].pos === "ADJ" && !ctx.at.attributeAt(k)) k--;
        const a = k >= 0 && toks[k].s === x.s ? ctx.at.attributeAt(k) : undefined;
        if (a && a.t1 >= t - 2) agent = a;
      }
      if (!agent) {
        // "the attack by X", "attacks carried out by X"; not "the threat posed by X".
        const byIdx = toks.slice(t + 1, Math.min(end, t + 4)).findIndex((w) => w.lower === "by");
        if (byIdx >= 0 && toks.slice(t + 1, t + 1 + byIdx).every((w) => w.pos === "ADV" || AGENTIVE_PARTICIPLES.has(w.lower) || w.lower === "out")) agent = ctx.at.at(t + 2 + byIdx);
      }
      // "the attack, reportedly carried out by the Taliban", "attacks claimed by the Houthis".
      if (!agent) agent = participleAgent(ctx, t);
      // "an Al-Qaeda suicide attack", "Houthi drone attacks": a named actor modifying the noun.
      if (!agent) agent = compoundAgent(ctx, t);
      // "X claimed responsibility for the attack".
      if (!agent) agent = responsibilityClaimant(ctx, t);
      if (!agent && governor >= 0) agent = findSubject(ctx, governor)?.m;
      if (!agent) {
        // "launched an offensive": the subject of a light verb governing the noun.
        // "launched 10 days of war games": a measure phrase may sit between the verb and the noun.
        for (let k = t - 1; k >= Math.max(cs, t - 6); k--) {
          if (toks[k].pos === "VERB" && (LIGHT_VERBS.has(toks[k].lemma) || LIGHT_FORMS.has(toks[k].lower))) {
            agent = findSubject(ctx, k)?.m;
            break;
          }
        }
      }
    } else if (isPassive(toks, t)) {
      // "Three soldiers were killed by militants": the by-phrase acts, the subject undergoes.
      const by = toks.slice(t + 1, Math.min(end, t + 8)).findIndex((w) => w.lower === "by");
      agent = undefined;
      // First resolved actor after "by", over modifiers ("by Islamist militants").
      for (let k = t + 2 + by; by >= 0 && k < Math.min(end, t + 7 + by); k++) {
        const m = ctx.at.at(k);
        if (m && !m.actorKey) ctx.at.promote(m);
        if (m?.actorKey) { agent = m; break; }
        if (!(toks[k].pos === "DET" || toks[k].pos === "ADJ" || toks[k].pos === "NUM" || toks[k].pos === "PROPN")) break;
      }
      const patient = findSubject(ctx, t)?.m;
      // "killed in a US counter-terrorism operation": the nationality of the operation acted.
      agent ??= operationOwner(ctx, t, end);
      // "Police said 71 people were arrested": an arrest the police report is the police's.
      agent ??= reportingAuthority(ctx, t, trig.kind);
      if (agent?.actorKey) add(agent, "AGENT");
      if (patient?.actorKey) add(patient, "TARGET");
      agent = undefined;
    } else {
      // "accused Y of killing Z": the accused did it, not the accuser.
      agent = accusedOf(ctx, t) ?? findSubject(ctx, t)?.m;
    }
    if (agent && !agent.actorKey) ctx.at.promote(agent, !trig.noun && !isPassive(toks, t));
    // An "its" that found its referent only by recency is too weak to make someone an agent.
    if (agent?.pronoun === "thing" && agent.resolvedBy === "recent") agent = undefined;
    if (agent?.actorKey) {
      // "Jordan and Britain signed ...": every conjunct acts.
      for (const c of conjuncts(ctx, agent)) add(c, "AGENT");
      add(agent, "AGENT");
    }
    // Target.
    // Aid goes to a recipient ("provide food aid to refugees"), not to what is given.
    let target: { m: Mention; prep?: string } | null = trig.noTarget ? null : trig.kind === "AID" ? recipient(ctx, t, end)
      : objectAfter(ctx, t, trig.kind === "PROTEST" ? PROTEST_PREPS : TARGET_PREPS, 4, end);
    // "withdraw its troops from Togo": the agent's own things are not the target; look past them.
    for (let i = 0; i < 2 && target && participants.some((p) => p.actorKey === target!.m.actorKey); i++) {
      target = objectAfter(ctx, target.m.t1 - 1, TARGET_PREPS, 4, end);
    }
    // A protest is aimed at whom it is against, not at the road or town it blocks.
    // A blockade of a place ("blockade Paris") is aimed at that place.
    if (trig.kind === "PROTEST" && !trig.objKinds && target && ["LOCATION", "COUNTRY"].includes(ctx.at.get(target.m.actorKey)?.kind ?? "") && !target.prep) target = null;
    // "mediation between Syria and the PLO", "talks between X and Y": both sides.
    if (!trig.noTarget && (!target || trig.kind === "CONSULT")) {
      const between = toks.slice(t + 1, Math.min(end, t + 8)).findIndex((w) => w.lower === "between");
      if (between >= 0) {
        const sides: Mention[] = [];
        for (let k = t + 2 + between; k < Math.min(end, t + 20); k++) {
          const m = ctx.at.at(k);
          if (m?.actorKey && m.t0 === k) { sides.push(m); k = m.t1 - 1; continue; }
          if (!["and", ",", "the"].includes(toks[k].lower) && toks[k].pos !== "ADJ") break;
        }
        if (sides.length) {
          for (const m of sides.slice(1)) if (!used.has(m.id)) add(m, "TARGET");
          target = { m: sides[0] };
        }
      }
    }
    // "an investigation into (alleged) crimes committed by Croat forces", "probe abuses carried out by
    // police": whoever the investigated acts are ascribed to is the target.
    if (!target && trig.kind === "ACCUSE") {
      for (let k = t + 2; k < Math.min(end, t + 10); k++) {
        if (toks[k].lower !== "by" || !/(ed|en|out)$/.test(toks[k - 1].lower)) continue;
        const o = objectAfter(ctx, k, new Set(), 1, end);
        if (o?.m.actorKey && o.m.t0 <= k + 4) target = { m: o.m };
        break;
      }
    }
    // "host a meeting / talks between X and Y" is a meeting too.
    const hostsMeeting = trig.direct && toks.slice(t + 1, t + 4).some((w) => MEETING_NOUNS.has(w.lower));
    if (trig.direct && !hostsMeeting && (!target || isPassive(toks, t))) return null;
    if (trig.direct && !hostsMeeting && target && (target.prep || target.m.possessive || target.m.pronoun === "thing" ||
      toks.slice(t + 1, target.m.t0).some((w) => /^(his|her|its|their|our|my|your)$/.test(w.lower)) ||
      ["NOUN", "PROPN"].includes(toks[target.m.t1]?.pos ?? "") ||
      toks.slice(t + 1, target.m.t0).some((w) => w.pos === "NOUN" || w.pos === "ADP"))) return null;
    if (target && target.m.possessive) target = { m: target.m };
    if (!target && !trig.noTarget) {
      // "abused illegal Mexican immigrants", "riots against Israeli policies": the nationality of
      // an object that names no actor.
      let prep = !trig.noun;
      for (let k = t + 1; k < Math.min(end, t + 7); k++) {
        const a = ctx.at.attributeAt(k);
        if (a) { if (prep) target = { m: a }; break; }
        if (!prep && TARGET_PREPS.has(toks[k].lower)) { prep = true; continue; }
        if (!(toks[k].pos === "DET" || toks[k].pos === "ADJ" || toks[k].pos === "NUM" || toks[k].pos === "ADV" || QUANTITY_WORDS.has(toks[k].lower))) break;
      }
    }
    // "mobilized reservists for a possible war against Iraq", "rallies in Gaza against the party's
    // leader": a hostile act's "against X" names its target even a few words on.
    if (!target && (HOSTILE_KINDS.has(kind) || kind === "THREATEN")) {
      for (let k = t + 1; k < Math.min(end, t + 14); k++) {
        // "launched missiles targeting US troops": what a weapon targets is the target too.
        if (toks[k].lower !== "against" && toks[k].lower !== "targeting") continue;
        const o = objectAfter(ctx, k, new Set(), 3, end);
        if (o?.m.actorKey && !used.has(o.m.id)) target = { m: o.m, prep: "against" };
        break;
      }
    }
    if (target && !target.m.actorKey) ctx.at.promote(target.m);
    if (target?.m.actorKey && !used.has(target.m.id)) {
      add(target.m, "TARGET");
      // "sentenced David and Louise Turpin": every conjunct is a target.
      for (const c of conjunctsAfter(ctx, target.m)) add(c, "TARGET");
    }
    else if (trig.kind === "PROTEST" || trig.kind === "CONCEDE") {
      // "protests ... demanding his resignation", "cede villages to X": look a little further.
      let linked = false;
      for (let k = t + 1; k < Math.min(trig.kind === "PROTEST" ? ctx.a.sents[x.s].t1 : end + 4, t + (trig.kind === "PROTEST" ? 24 : 14), toks.length); k++) {
        if (toks[k].s !== x.s) break;
        const m = ctx.at.at(k);
        if (PROTEST_LINKS.has(toks[k].lower)) linked = true;
        if (m && m.t0 === k && !used.has(m.id) && (linked || PROTEST_LINKS.has(toks[k - 1]?.lower ?? "") || toks[k - 1]?.lower === "to" || possessorOf(ctx, m.t1) === m)) {
          add(m, "TARGET");
          break;
        }
      }
    }
    if (trig.objKinds) {
      const tg = participants.find((p) => p.role === "TARGET");
      if (!tg || !trig.objKinds.includes(ctx.at.get(tg.actorKey)?.kind ?? "")) return null;
    }
    if (trig.crowdAgent) {
      const ag = participants.find((p) => p.role === "AGENT");
      const name = ctx.at.get(ag?.actorKey)?.name.toLowerCase().split(" ").pop() ?? "";
      if (!PROTEST_CROWDS.has(name)) return null;
    }
  }

  // An act with no counterpart is aimed at the place it happens in (curfews, aid, deployments,
  // suspensions "in X"); an assault's or a protest's place is only where it happened.
  // A curfew or martial law a government imposes at home is aimed at its own country.
  // Several agents acting together ("French and Egyptian warships held exercises") have no counterpart.
  const joint = participants.filter((p) => p.role === "AGENT").length > 1;
  // An investigation "at Bradley Airport" accuses no airport; one "in Bosnia" may be aimed at the state.
  const placeTargets = trig.kind !== "ACCUSE" || ctx.at.get(location?.actorKey)?.kind === "COUNTRY";
  if (kind !== "ASSAULT" && trig.kind !== "PROTEST" && !joint && placeTargets && location?.actorKey && !participants.some((p) => p.role === "TARGET" || (p.actorKey === location!.actorKey && trig.kind !== "COERCE"))) {
    participants.push({ actorKey: location.actorKey, role: "TARGET" });
  }
  let implicitAgent: string | undefined;
  // An unnamed crowd is only worth an event when something concrete is known: where, or against whom.
  if (trig.kind === "PROTEST" && (trig.noun || unnamedSubject(ctx, t)) && !participants.some((p) => p.role === "AGENT") && (location || participants.length > 0)) {
    // "a wave of protests in Armenia": the protesters are an actor even when unnamed.
    const cca3 = ctx.at.get(location?.actorKey)?.country;
    const g = ctx.at.groupActor("protesters", cca3);
    participants.unshift({ actorKey: g.key, role: "AGENT" });
    implicitAgent = g.key;
  }
  // Who did it is the one thing an event can't do without; meetings, aid and arrests also need a counterpart.
  if (!participants.some((p) => p.role === "AGENT")) return null;
  if (trig.counterpart && participants.length < 2 && !location) return null;
  // A promised act needs no counterpart only when readiness is explicit ("is ready to host talks").
  // ", killing one person and arresting 12": the numbers are the people the main event was aimed at.
  const chain = !trig.noun && isIng(x) && !participants.some((p) => p.role === "TARGET") && chainParticiple(ctx, t);
  // An investigation with no one named still accuses when it is into wrongdoing ("a hearing into the legality of ...").
  const intoWrongdoing = trig.kind === "ACCUSE" && toks.slice(t + 1, Math.min(end, t + 10)).some((w) => WRONGDOING_WORDS.has(w.lower));
  if (NEEDS_TARGET.has(trig.kind) && !(intent && ready) && !chain && !intoWrongdoing && !participants.some((p) => p.role === "TARGET")) return null;

  // Date: the nearest date phrase in the clause around the trigger.
  const sent = ctx.a.sents[x.s];
  const dates = findDates(ctx.a.body, toks[cs].start, toks[Math.max(cs, end - 1)].end, publishedAt);
  const date = dates.sort((p, q) => Math.abs(p.start - x.start) - Math.abs(q.start - x.start))[0];
  const status: EventStatus = announced ? "ANNOUNCED" : "OCCURRED";
  const lastTok = Math.max(t, ...participants.map((p) => lastTokenOf(ctx, p.actorKey, x.s, t)), location ? location.t1 - 1 : t);
  const firstTok = Math.min(t, ...participants.map((p) => firstTokenOf(ctx, p.actorKey, x.s, t)));
  const spanStart = toks[firstTok].start;
  const spanEnd = Math.max(toks[lastTok].end, date && date.end <= sent.end ? date.end : 0);
  const rule = `event.${trig.noun ? "noun" : "verb"}.${trig.kind.toLowerCase()}${trig.mode ? "." + trig.mode : ""}${intent}`;
  return {
    ev: {
      kind,
      ...(trig.mode && !intent ? { mode: trig.mode } : {}),
      status,
      ...(date ? { date: date.date, datePrecision: date.precision } : {}),
      ...(location ? { locationKey: location.actorKey!, locationText: ctx.at.text(location) } : {}),
      participants,
      evidence: {
        sentenceIndex: x.s,
        sentence: ctx.a.body.slice(sent.start, sent.end),
        start: spanStart,
        end: spanEnd,
        rule,
        confidence: Math.round((0.55 + 0.1 * Math.min(participants.length, 2) + (location ? 0.05 : 0) + (implicitAgent ? -0.1 : 0)) * 100) / 100,
        cue: spanText(ctx, t - (trig.prev ? 1 : 0), t + 1),
      },
    },
    trigger: t,
    implicitAgent,
    ...(chain ? { chain } : {}),
  };
}

/** Verbs whose "of / for V-ing" complement is what their object did ("accused Y of shelling"). */
const ACCUSING_FORMS = new Set(["accuse", "blame", "charge", "suspect", "convict", "condemn", "criticize", "criticise", "denounce", "fault", "indict", "sue"].flatMap((l) => inflect(l)));

/**
 * The actor an -ing trigger is ascribed to by an accusation: "X accused Y of shelling Z" (Y), "Y was
 * charged with killing Z" / "Y was accused of killing Z" (the passive subject).
 */
function accusedOf(ctx: Ctx, t: number): Mention | undefined {
  const { toks } = ctx.a;
  if (!isIng(toks[t])) return undefined;
  for (let k = t - 1; k >= Math.max(0, t - 15) && toks[k].s === toks[t].s; k--) {
    const w = toks[k];
    if (w.lower === "of" || w.lower === "for" || w.lower === "with") {
      const m = ctx.at.at(k - 1);
      if (m && m.t1 === k && !m.possessive) {
        const v = toks[m.t0 - 1]?.pos === "DET" ? m.t0 - 2 : m.t0 - 1;
        if (ACCUSING_FORMS.has(toks[v]?.lower ?? "")) return m.actorKey ? m : undefined;
      }
      if (ACCUSING_FORMS.has(toks[k - 1]?.lower ?? "") && isPassive(toks, k - 1)) {
        const sub = findSubject(ctx, k - 1)?.m;
        return sub?.actorKey ? sub : undefined;
      }
      return undefined;
    }
    // Stop at a finite verb: only the chain of -ing complements ("violating X, ignoring Y") is crossed.
    if (isVerbLike(w) && !isIng(w)) return undefined;
  }
  return undefined;
}

const OPERATION_NOUNS = new Set(["operation", "raid", "strike", "airstrike", "attack", "bombing", "offensive", "drone", "assault", "ambush"]);
/** "in a US counter-terrorism operation", "in an Israeli airstrike": who carried out the act a passive reports. */
function operationOwner(ctx: Ctx, t: number, end: number): Mention | undefined {
  const { toks } = ctx.a;
  for (let k = t + 1; k < Math.min(end, t + 6); k++) {
    if (toks[k].lower !== "in" && toks[k].lower !== "during") continue;
    let j = k + 1;
    if (toks[j]?.pos === "DET") j++;
    const owner = ctx.at.attributeAt(j) ?? (ctx.at.at(j)?.t0 === j ? ctx.at.at(j) : undefined);
    if (!owner?.actorKey) return undefined;
    for (let q = owner.t1; q < Math.min(end, owner.t1 + 4); q++) if (OPERATION_NOUNS.has(toks[q].lower)) return owner;
    return undefined;
  }
  return undefined;
}

/** State organs whose own report of an agentless arrest or attack makes them its agent. */
const AUTHORITY_WORDS = /\b(police|authorities|security forces|military|army|troops|soldiers|ministry|agency|guard|forces|court|prosecutors)\b/i;
function reportingAuthority(ctx: Ctx, t: number, kind: string): Mention | undefined {
  if (kind !== "COERCE") return undefined;
  const { toks, sents } = ctx.a;
  const s = sents[toks[t].s];
  for (let k = s.t0; k < s.t1; k++) {
    if (!REPORTING_FORMS.has(toks[k].lower) || REPORTING_VERBS.get(REPORTING_FORMS.get(toks[k].lower)!)?.kind !== "STATE") continue;
    const who = findSubject(ctx, k)?.m;
    const r = ctx.at.get(who?.actorKey);
    if (who && r && (r.kind === "GROUP" || r.kind === "ORGANIZATION") && AUTHORITY_WORDS.test(r.name)) return who;
  }
  return undefined;
}

/** Does sentence s end with a question mark (inside or outside closing quotes)? */
export function isQuestion(ctx: Ctx, s: number): boolean {
  const { toks, sents } = ctx.a;
  for (let k = sents[s].t1 - 1; k >= sents[s].t0; k--) {
    if (toks[k].text === "?") return true;
    if (!(toks[k].pos === "PUNCT" || /^["'”’»)]+$/.test(toks[k].text))) return false;
  }
  return false;
}

const CANCEL_WORDS = new Set(["cancelled", "canceled", "postponed", "scrapped", "shelved", "aborted", "abandoned", "delayed"]);
/** "the trip, which was cancelled", "talks were postponed": the act named by the noun did not take place. */
function cancelledAfter(toks: Tok[], t: number): boolean {
  for (let k = t + 1; k < Math.min(toks.length, t + 6) && toks[k].s === toks[t].s; k++) {
    if (CANCEL_WORDS.has(toks[k].lower) && BE.has(toks[k - 1].lower)) return true;
    if (toks[k].lower === "off" && toks[k - 1].lower === "called" && BE.has(toks[k - 2]?.lower ?? "")) return true;
  }
  return false;
}

const WANTING_LEMMAS = new Set(["demand", "urge", "call", "ask", "seek", "request", "want", "oppose", "reject", "propose", "suggest", "recommend", "discuss", "consider", "press", "push", "insist", "plead", "appeal", "favor", "favour", "support", "back", "endorse", "welcome", "prevent", "block", "stop", "avoid", "fear", "threaten", "warn"]);
const WANTING_FORMS = new Set([...WANTING_LEMMAS].flatMap((l) => inflect(l)));
/** A nominal act that is the object of a verb of wanting, opposing or discussing ("called for the withdrawal of ..."). */
function wantedNotDone(ctx: Ctx, t: number): boolean {
  const { toks } = ctx.a;
  for (let k = t - 1; k >= Math.max(0, t - 6) && toks[k].s === toks[t].s; k--) {
    const w = toks[k];
    if (w.pos === "VERB" || w.pos === "AUX") return WANTING_FORMS.has(w.lower) || WANTING_LEMMAS.has(w.lemma);
    if (w.lower === "for" && (toks[k - 1]?.lower === "call" || toks[k - 1]?.lower === "calls" || toks[k - 1]?.lower === "called" || toks[k - 1]?.lower === "calling")) return true;
    if (!["DET", "ADJ", "NUM", "NOUN", "PROPN", "ADV", "ADP", "PRON", "PART"].includes(w.pos) && w.lower !== "'s") return false;
  }
  return false;
}

/** Participles that make the by-phrase after a nominal act its agent (not "the threat posed by Iran"). */
const AGENTIVE_PARTICIPLES = new Set(["carried", "conducted", "claimed", "launched", "staged", "perpetrated", "committed", "mounted", "led", "orchestrated", "ordered", "organized", "organised", "executed", "undertaken", "initiated", "masterminded", "planned", "ascribed", "attributed", "blamed"]);

/** ", (reportedly) carried out / claimed / conducted by X" right after a nominal trigger. */
function participleAgent(ctx: Ctx, t: number): Mention | undefined {
  const { toks } = ctx.a;
  for (let k = t + 1; k < Math.min(toks.length, t + 7) && toks[k].s === toks[t].s; k++) {
    const w = toks[k];
    if (w.lower === "to" && (toks[k - 1]?.lower === "ascribed" || toks[k - 1]?.lower === "attributed")) {
      const m = ctx.at.at(k + 1) ?? (toks[k + 1]?.lower === "the" ? ctx.at.at(k + 2) : undefined);
      if (m && !m.actorKey) ctx.at.promote(m);
      return m?.actorKey ? m : undefined;
    }
    if (w.lower === "by") {
      const m = ctx.at.at(k + 1) ?? (toks[k + 1]?.lower === "the" ? ctx.at.at(k + 2) : undefined);
      if (m && !m.actorKey) ctx.at.promote(m);
      const part = toks[k - 1].lower === "out" ? toks[k - 2]?.lower : toks[k - 1].lower;
      return m?.actorKey && k > t + 1 && AGENTIVE_PARTICIPLES.has(part ?? "") ? m : undefined;
    }
    if (!(w.text === "," || w.pos === "ADV" || w.pos === "VERB" || w.lower === "out" || w.lower === "allegedly")) return undefined;
  }
  return undefined;
}

/** A named actor (not a place) at most two nouns before a nominal trigger: "an Al-Qaeda suicide attack". */
function compoundAgent(ctx: Ctx, t: number): Mention | undefined {
  const { toks } = ctx.a;
  let k = t - 1;
  while (k > t - 3 && k >= 0 && toks[k].s === toks[t].s && ctx.at.topOf[k] < 0 && (toks[k].pos === "NOUN" || toks[k].pos === "ADJ") && !toks[k].cap) k--;
  const m = k >= 0 ? ctx.at.at(k) : undefined;
  // Only an actor already known: "the Uvalde shooting" names a place, not a shooter.
  if (!m || m.t1 !== k + 1 || m.possessive || m.pronoun || !m.actorKey) return undefined;
  const kind = ctx.at.get(m.actorKey)?.kind;
  if (kind !== "ORGANIZATION" && kind !== "GROUP" && kind !== "PERSON") return undefined;
  return m;
}

/** "X claimed responsibility for the attacks": the claimant carried them out. */
function responsibilityClaimant(ctx: Ctx, t: number): Mention | undefined {
  const { toks } = ctx.a;
  for (let k = t - 1; k >= Math.max(0, t - 5) && toks[k].s === toks[t].s; k--) {
    if (toks[k].lower === "responsibility" && /^claim/.test(toks[k - 1]?.lower ?? "") && toks[k + 1]?.lower === "for") {
      const m = findSubject(ctx, k - 1)?.m;
      if (m && !m.actorKey) ctx.at.promote(m);
      return m?.actorKey ? m : undefined;
    }
  }
  return undefined;
}

/**
 * The verb (one of `lemmas`) whose object the noun at t is ("lodged an official protest", "reached
 * a deal"): at most four determiners, adjectives, numbers or nouns between them. -1 if none.
 */
function governingVerb(ctx: Ctx, t: number, lemmas: string[]): number {
  const { toks } = ctx.a;
  for (let k = t - 1; k >= Math.max(0, t - 5) && toks[k].s === toks[t].s; k--) {
    const w = toks[k];
    if (w.pos === "VERB" || w.pos === "AUX") {
      const lemma = GOVERNOR_FORMS.get(w.lower) ?? w.lemma;
      return lemmas.includes(lemma) ? k : -1;
    }
    if (!["DET", "ADJ", "NUM", "NOUN", "ADV", "PROPN"].includes(w.pos) && w.lower !== "'s" && w.lower !== "-") return -1;
  }
  return -1;
}
const GOVERNOR_FORMS = new Map<string, string>();
for (const trigs of NOUN_TRIGGERS.values()) for (const tr of trigs) for (const l of tr.after ?? []) for (const f of inflect(l)) GOVERNOR_FORMS.set(f, l);

/**
 * "peacekeepers deployed in the region" vs "Obama met with Putin", "Russia pulled out of the
 * treaty": a participle after a noun is a reduced relative only when the clause has another verb,
 * before the noun (it is an object: "sent peacekeepers deployed in") or after it ("troops deployed
 * in X have left"). Otherwise it is the clause's main verb.
 */
function reducedRelative(ctx: Ctx, t: number): boolean {
  const { toks } = ctx.a;
  const s = ctx.a.sents[toks[t].s];
  const cs = clauseStart(ctx, t);
  // Start of the noun phrase before t.
  let k = t - 1;
  while (k > cs && (ctx.at.topOf[k] >= 0 || ["NOUN", "PROPN", "ADJ", "DET", "NUM"].includes(toks[k].pos) || toks[k].lower === "'s")) k--;
  for (let q = cs; q <= k; q++) if (isVerbLike(toks[q])) return true;
  const end = clauseEnd(ctx, t + 1);
  for (let q = t + 1; q < Math.min(end, s.t1); q++) {
    const w = toks[q];
    if (w.lower === "to" || w.lower === "that" || w.lower === "who" || w.lower === "which" || w.lower === "and") break;
    if (w.pos === "AUX" || (w.pos === "VERB" && !isIng(w) && !/(ed|en)$/.test(w.lower))) return true;
  }
  // Sentence-initial "Troops deployed in X." with nothing else: treat as main verb.
  return false;
}

/** "to X" / "for X" after an aid verb: the first actor reached through one of them, within the clause. */
function recipient(ctx: Ctx, t: number, end: number): { m: Mention } | null {
  const toks = ctx.a.toks;
  for (let k = t + 1; k < Math.min(end, t + 18); k++) {
    if (toks[k].lower !== "to" && toks[k].lower !== "for") continue;
    if (isVerbLike(toks[k + 1])) continue; // "to help"
    const o = objectAfter(ctx, k, new Set(), 3, end);
    if (o?.m.actorKey) return { m: o.m };
  }
  // "evacuated the wounded from Gorazde": the place (or people) evacuated is helped.
  if (toks[t].lemma === "evacuate" || TRIGGER_VERB_FORMS.get(toks[t].lower) === "evacuate") {
    const o = objectAfter(ctx, t, new Set(["from"]), 3, end);
    if (o?.m.actorKey) return { m: o.m };
  }
  // "provided Ukraine with weapons", "supplied the rebels with arms": the direct object receives.
  const o = objectAfter(ctx, t, new Set(), 0, end);
  if (o?.m.actorKey && !o.m.possessive && toks[o.m.t1]?.lower === "with") return { m: o.m };
  return null;
}

/** Nearest token of a participant's mention in the sentence (for the evidence span). */
function lastTokenOf(ctx: Ctx, key: string, s: number, t: number): number {
  let best = t;
  let bestD = Infinity;
  for (const m of ctx.at.mentions) if (m.s === s && m.actorKey === key && Math.abs(m.t0 - t) < bestD) { bestD = Math.abs(m.t0 - t); best = m.t1 - 1; }
  return best;
}
function firstTokenOf(ctx: Ctx, key: string, s: number, t: number): number {
  let best = t;
  let bestD = Infinity;
  for (const m of ctx.at.mentions) if (m.s === s && m.actorKey === key && Math.abs(m.t0 - t) < bestD) { bestD = Math.abs(m.t0 - t); best = m.t0; }
  return best;
}

/**
 * One article usually reports an event several times ("announced the withdrawal", "Armenia's
 * withdrawal from the CSTO"). Same kind and mode, and participants of one contained in the other's:
 * keep the first report and fill in what later ones add.
 */
function mergeEvents(hits: EventHit[]): EventHit[] {
  const out: EventHit[] = [];
  const pset = (e: EventHit) => new Set(e.ev.participants.map((p) => `${p.role}:${p.actorKey}`));
  for (const h of hits) {
    const hs = pset(h);
    const same = out.find((o) => {
      if (o.ev.kind !== h.ev.kind || o.ev.mode !== h.ev.mode) return false;
      if (o.ev.locationKey && h.ev.locationKey && o.ev.locationKey !== h.ev.locationKey) return false;
      const os = pset(o);
      const sub = (a: Set<string>, b: Set<string>) => [...a].every((k) => b.has(k));
      return sub(hs, os) || sub(os, hs);
    });
    if (!same) {
      out.push(h);
      continue;
    }
    // Every report stays provenance: a reader may trust one sentence more than another.
    (same.ev.moreEvidence ??= []).push(h.ev.evidence, ...(h.ev.moreEvidence ?? []));
    for (const p of h.ev.participants) {
      if (!same.ev.participants.some((q) => q.actorKey === p.actorKey)) same.ev.participants.push(p);
    }
    if (!same.ev.locationKey && h.ev.locationKey) {
      same.ev.locationKey = h.ev.locationKey;
      same.ev.locationText = h.ev.locationText;
    }
    if (!same.ev.date && h.ev.date) {
      same.ev.date = h.ev.date;
      same.ev.datePrecision = h.ev.datePrecision;
    }
  }
  return out;
}
