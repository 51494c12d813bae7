/**
 * Attributed claims. A reporting verb (by lemma or surface form) fires one of a few frames:
 *   active      "X accused Y of Z", "X said (that) Z", "X urged Y to Z", "X called on Y to Z"
 *   passive     "Y was accused by X of Z"
 *   quote-first "\"Z,\" X alleged." / "\"Z,\" said X."
 *   participle  "..., claiming Z" (folded into the claim it continues), "by emphasizing that Z"
 *   according   "according to X, Z" / "Z, according to X"
 *   event-led   "protests ... demanding his resignation" (the protesters request it)
 * Claims whose speaker can't be resolved are dropped: a claim nobody made is noise.
 */
import type { ClaimKind, ExtractedClaim } from "./types.js";
import type { Mention, ActorRec } from "./actors.js";
import type { EventHit } from "./events.js";
import { isQuote, type Tok } from "./text.js";
import {
  ACCUSATION_NOUNS, DETERMINERS, FUTURE_MODALS, HEDGES, HOSTILE_KINDS, HOSTILE_VERBS, NEGATORS, OBLIGATION_MODALS, REPORTING_FORMS,
  REPORTING_VERBS, TRIGGER_VERB_FORMS, VERB_TRIGGERS,
} from "./lexicon.js";
import { clauseEnd, conjuncts, conjunctsAfter, findSubject, isIng, isVerbLike, spanText, type Ctx } from "./syntax.js";

const QUANT = new Set(["more", "than", "some", "about", "nearly", "almost", "around", "up", "to", "scores", "dozens", "hundreds", "thousands", "of"]);
/** Groups that act for their state (their country is on the speaker's side). */
const STATE_ORGANS = new Set(["police", "troops", "soldiers", "forces", "officials", "diplomats", "negotiators", "lawmakers", "peacekeepers", "navy", "military", "army", "ministry", "officers", "commanders", "agents", "personnel", "delegation", "court", "government", "authorities", "aircraft", "helicopters", "tanks", "warships"]);
/** Determiners that may precede a direct object ("that" is left out: it opens a clause). */
const OBJECT_DETS = new Set([...DETERMINERS].filter((d) => d !== "that" && d !== "this"));
const BE_FORMS = new Set(["is", "are", "was", "were", "been", "being", "be", "get", "got", "gets"]);
/** Preposition that introduces the addressee/target for particular verbs ("call on Y", "appeal to Y"). */
const VERB_TARGET_PREP: Record<string, string[]> = {
  call: ["on", "upon"], appeal: ["to"], warn: ["against", "of"], plead: ["with"], push: [], press: [], comply: ["with"],
};
/** Particles a verb needs to report a claim: "lashed out at", "objected to", "ruled out", "turned down". */
const PARTICLES: Record<string, string[]> = {
  lash: ["out"], object: ["to"], rule: ["out", "against"], turn: ["down"], brush: ["aside", "off"], shrug: ["off"],
  balk: ["at"], scoff: ["at"], comply: ["with"],
};
/** Infinitives after "declined to" that refuse nothing but information. */
const NON_COMMITTAL = new Set(["comment", "say", "elaborate", "confirm", "discuss", "specify", "give", "provide", "answer", "reveal", "speculate", "disclose", "identify", "name", "talk", "speak", "appear", "participate", "attend"]);
/** Words that judge: criticism and praise, counted in a statement's content (a negator just before cancels one). */
const CRITICISM = new Set(["contempt", "lie", "lies", "lied", "lying", "liar", "liars", "corrupt", "illegal", "illegitimate", "unacceptable", "outrageous", "shameful", "disgraceful", "irresponsible", "reckless", "aggression", "unprovoked", "unjustified", "unjustifiable", "brutal", "brutality", "cowardly", "hypocrisy", "hypocritical", "racist", "incompetent", "barbaric", "heinous", "despicable", "deplorable", "propaganda", "sham", "farce", "disgrace", "betrayal", "treason", "colonialist", "thug", "thugs", "swindling", "contrived", "fraudulent", "baseless", "lawless", "criminals", "terrorists", "war crimes", "atrocities", "repression", "oppressive", "authoritarian", "dictator", "tyranny", "tyrant", "calamity", "blackmail", "bullying", "meddling", "interference", "violation", "violations", "abuses", "cynical", "disinformation", "smear"]);
const PRAISE = new Set(["decent", "courageous", "brave", "bravery", "heroic", "heroes", "historic", "grateful", "gratitude", "thank", "thanks", "proud", "admire", "admiration", "appreciate", "appreciation", "commendable", "steadfast", "tremendous", "outstanding", "stellar", "remarkable", "exemplary", "visionary", "indispensable", "invaluable", "generous", "generosity", "swift", "decisive", "congratulations", "honor", "honour", "friendship", "solidarity"]);
function evaluation(toks: Tok[], c0: number, c1: number): "ACCUSE" | "SUPPORT" | null {
  let bad = 0;
  let good = 0;
  for (let k = c0; k < c1; k++) {
    const w = toks[k].lower;
    const negated = NEGATORS.has(toks[k - 1]?.lower ?? "") || NEGATORS.has(toks[k - 2]?.lower ?? "");
    if (CRITICISM.has(w)) negated ? good++ : bad++;
    else if (PRAISE.has(w)) negated ? bad++ : good++;
  }
  return bad > good ? "ACCUSE" : good > bad ? "SUPPORT" : null;
}

const RELATIVE_WORDS = new Set(["who", "which", "whose", "whom"]);
/** What can be refused as someone's proposal ("declined X's offer"). */
const PROPOSAL_NOUNS = new Set(["offer", "invitation", "request", "demand", "demands", "appeal", "proposal", "call", "calls", "plea", "ultimatum", "plan", "resignation"]);
/** Verbs whose infinitive is what they commit to, right after them ("offered to mediate"). */
const COMMITMENT_VERBS = new Set(["offer", "promise", "pledge", "vow", "swear", "undertake", "commit", "guarantee", "refuse", "decline"]);
/** What a warning must be of to threaten: force, retaliation, consequences. */
const THREAT_WORDS = new Set(["retaliation", "retaliate", "response", "consequences", "action", "actions", "war", "attack", "attacks", "strike", "strikes", "measures", "reprisals", "force", "sanctions", "punishment", "countermeasures", "escalation", "invasion", "military"]);
/** Modals that make a warning about what someone will do a threat ("warned that police will ..."). */
const WARNING_MODALS = new Set(["will", "would", "could"]);
/** Verbs whose target is the addressee object and which take "to"/"that" afterwards. */
const ADDRESSEE_VERBS = new Set(["urge", "call", "ask", "press", "push", "tell", "warn", "appeal", "implore", "exhort", "plead", "request"]);

interface Draft extends Omit<ExtractedClaim, "key"> {
  /** Other speakers coordinated with the first ("Jordan and Britain agreed"): one claim each. */
  coSpeakers?: string[];
  /** Token range of the content, to skip reporting verbs embedded in it. */
  c0: number;
  c1: number;
  cueTok: number;
}

/** Token range of a claim's content, for callers that need to know what a claim covers. */
export interface ClaimSpan { kind: ClaimKind; c0: number; c1: number }

export function extractClaims(ctx: Ctx, events: EventHit[], spans: ClaimSpan[] = []): ExtractedClaim[] {
  const { toks, sents } = ctx.a;
  const drafts: Draft[] = [];
  for (const s of sents) {
    const here: Draft[] = [];
    // A question asked in the narration ("Did Red Hat speak with ...?") asserts nothing; a quoted one is still said.
    const last = toks.slice(s.t0, s.t1).reverse().find((w) => w.text === "?" || !(w.pos === "PUNCT" || isQuote(w.text)));
    if (last?.text === "?" && !last.quoted) { drafts.push(...here); continue; }
    const acc = accordingTo(ctx, s.t0, s.t1);
    if (acc) here.push(acc);
    if (ctx.budget?.spent("claims")) break;
    for (let t = s.t0; t < s.t1; t++) {
      if (ctx.budget?.spent("claims")) break;
      const x = toks[t];
      const lemma = cueLemma(ctx, t);
      if (!lemma || x.quoted || ctx.at.topOf[t] >= 0) continue;
      const rv = REPORTING_VERBS.get(lemma)!;
      // A statement embedded in another claim's content is part of that claim.
      const inside = here.find((d) => t >= d.c0 && t < d.c1);
      if (inside && rv.kind === "STATE") continue;
      const d = frame(ctx, t, lemma, here, events);
      if (!d) continue;
      here.push(d);
      for (const k of d.coSpeakers ?? []) {
        here.push({ ...d, speakerKey: k, coSpeakers: undefined, evidence: { ...d.evidence, rule: `${d.evidence.rule}.coordinated` } });
      }
    }
    drafts.push(...here);
  }
  // Keys in document order, then answers to earlier accusations.
  drafts.sort((p, q) => p.evidence.start - q.evidence.start);
  const claims: ExtractedClaim[] = drafts.map((d, i) => {
    const { c0: _c0, c1: _c1, cueTok: _t, coSpeakers: _co, ...rest } = d;
    return { key: `c${i}`, ...rest };
  });
  linkResponses(ctx, claims);
  for (const d of drafts) spans.push({ kind: d.kind, c0: d.c0, c1: d.c1 });
  return claims;
}

/** Does [c0, v) look like the subject of the verb at v (an actor or pronoun right before it)? */
function subjectBeforeVerb(ctx: Ctx, c0: number, v: number): boolean {
  const toks = ctx.a.toks;
  // "an appeal from X to lay down arms": an infinitive has no subject of its own.
  if (toks[v - 1]?.lower === "to") return false;
  let k = v - 1;
  while (k >= c0 && (toks[k].pos === "AUX" || toks[k].pos === "ADV" || toks[k].pos === "PART")) k--;
  if (k < c0) return false;
  const m = ctx.at.at(k);
  return !!m || toks[k].pos === "PRON" || (toks[k].pos === "NOUN" && toks[k].lower.endsWith("s") && toks[v].lower === "are");
}

/** The first country or place after "in" within [c0, c1) ("... a research center in Tokyo"). */
function placeIn(ctx: Ctx, c0: number, c1: number): string | undefined {
  const toks = ctx.a.toks;
  for (let k = c0; k < c1 - 1; k++) {
    if (toks[k].lower !== "in") continue;
    const j = toks[k + 1].lower === "the" ? k + 2 : k + 1;
    const m = ctx.at.at(j);
    const kind = ctx.at.get(m?.actorKey)?.kind;
    if (m && m.t0 === j && !m.possessive && (kind === "COUNTRY" || kind === "LOCATION")) return m.actorKey!;
  }
  return undefined;
}

/** Is this verb a hostile act (an ASSAULT, COERCE, SANCTION ... trigger, or "fight", "retaliate")? */
function isHostileVerb(x: Tok): boolean {
  if (HOSTILE_VERBS.has(x.lemma) || HOSTILE_VERBS.has(x.lower)) return true;
  const trig = VERB_TRIGGERS.get(TRIGGER_VERB_FORMS.get(x.lower) ?? x.lemma);
  return !!trig && trig.every((g) => HOSTILE_KINDS.has(g.kind));
}

/** The reporting-verb lemma at t, if t is used as one. */
function cueLemma(ctx: Ctx, t: number): string | undefined {
  const x = ctx.a.toks[t];
  const lemma = REPORTING_FORMS.get(x.lower) ?? (REPORTING_VERBS.has(x.lemma) ? x.lemma : undefined);
  if (!lemma) return undefined;
  if (x.pos === "VERB") return lemma;
  // The tagger reads a sentence-final "X alleged." as an adjective: accept a verb form right after a subject.
  const n = ctx.a.toks[t + 1];
  const subj = ctx.at.topOf[t - 1];
  if (/ed$/.test(x.lower) && subj >= 0 && ctx.at.mentions[subj].t1 === t && (!n || n.s !== x.s || n.pos === "PUNCT" || n.lower === "that")) return lemma;
  return undefined;
}

function frame(ctx: Ctx, t: number, lemma: string, here: Draft[], events: EventHit[]): Draft | null {
  const { toks } = ctx.a;
  const x = toks[t];
  const rv = REPORTING_VERBS.get(lemma)!;
  let kind: ClaimKind = rv.kind;
  let rule = `claim.${kind.toLowerCase()}.${lemma}`;
  let conf = 0.8;
  const n1 = toks[t + 1];

  // Verb-specific readings.
  if (lemma === "call" && !(n1 && ["on", "upon", "for"].includes(n1.lower))) return null;
  if (lemma === "charge" && !toks.slice(t + 1, t + 6).some((w) => w.lower === "with" || w.lower === "that")) return null;
  if (lemma === "back" && n1 && ["to", "down", "off", "away", "in", "out", "up"].includes(n1.lower)) return null;
  if (lemma === "agree" && !(n1 && ["to", "that", "on", "with"].includes(n1.lower))) return null;
  if (lemma === "plead" && !(n1 && ["with", "for"].includes(n1.lower))) return null; // not "pleaded guilty"
  // "hails from Arizona" praises no one.
  if (lemma === "hail" && n1?.lower === "from") return null;
  // Phrasal and prepositional verbs count only with their particle ("ruled out", not "ruled that").
  const particle = PARTICLES[lemma];
  if (particle && !(n1 && particle.includes(n1.lower))) return null;
  // An infinitive within reach: "told Y to", "offered to hand over", "refused to lift".
  let inf = -1;
  for (let k = t + 1; k < Math.min(toks.length, t + 7) && toks[k].s === x.s; k++) {
    if (toks[k].lower === "to" && isVerbLike(toks[k + 1])) { inf = k + 1; break; }
    // "asked Carrie Lam, who is supported by Beijing, to resign": step over a relative clause.
    if (toks[k].text === "," && RELATIVE_WORDS.has(toks[k + 1]?.lower ?? "")) {
      let j = k + 2;
      while (j < Math.min(toks.length, k + 20) && toks[j].s === x.s && toks[j].text !== ",") j++;
      if (toks[j]?.text === "," && toks[j + 1]?.lower === "to" && isVerbLike(toks[j + 2])) { inf = j + 2; break; }
    }
  }
  if (lemma === "tell" && inf >= 0) kind = "REQUEST"; // "told reporters that" stays a statement
  if (lemma === "warn" && inf >= 0) kind = "THREATEN";
  // What is vowed decides the type: a vow to attack is a threat (CAMEO 13), a vow to help an AGREE (CAMEO 03).
  if (kind === "AGREE" && inf >= 0 && lemma !== "agree" && lemma !== "accept" && isHostileVerb(toks[inf])) {
    kind = "THREATEN";
    rule = `claim.threaten.${lemma}`;
  }
  if (rv.needs === "to-inf" && lemma !== "call") {
    const forOk = (lemma === "ask" || lemma === "press" || lemma === "push") && toks.slice(t + 1, t + 6).some((w) => w.lower === "for");
    // "declined Honcharuk's offer to resign", "refused the invitation": refusing what someone put forward.
    const refusesProposal = (lemma === "refuse" || lemma === "decline") && toks.slice(t + 1, t + 7).some((w) => PROPOSAL_NOUNS.has(w.lower));
    if (inf < 0 && !forOk && !refusesProposal) return null;
    // "declined to comment" is not a rejection of anything; "agreed to answer questions" no commitment.
    if ((lemma === "refuse" || lemma === "decline") && inf >= 0 && NON_COMMITTAL.has(toks[inf].lemma)) return null;
    // A commitment's infinitive follows the verb: "offered to mediate", not "offers an opportunity to make".
    if (COMMITMENT_VERBS.has(lemma) && inf >= 0 && !toks.slice(t + 1, inf - 1).every((w) => w.pos === "ADV" || w.lower === "not" || w.pos === "PART")) return null;
  }
  // "agreed to answer some questions": no commitment to anyone.
  if (kind === "AGREE" && inf >= 0 && inf <= t + 3 && NON_COMMITTAL.has(toks[inf].lemma)) return null;
  // "warned of potential flash floods", "tried to warn people about the outbreak": a warning of a
  // hazard threatens no one; a warning of retaliation or of what an actor will do does.
  if (lemma === "warn" || lemma === "caution") {
    const span = toks.slice(t + 1, clauseEnd(ctx, t + 1));
    const hostile = inf >= 0 || span.some((w) => THREAT_WORDS.has(w.lower) || WARNING_MODALS.has(w.lower));
    const aimed = span.some((w) => ctx.at.topOf[w.i] >= 0 && ctx.at.at(w.i)?.actorKey);
    if (!hostile && !aimed) kind = "STATE";
  }

  // "... unless Baghdad accepted its conditions": a condition, not an act.
  if (kind !== "STATE") {
    for (let k = t - 1; k >= Math.max(0, t - 8) && toks[k].s === x.s && toks[k].text !== ","; k--) {
      if (toks[k].lower === "unless" || toks[k].lower === "if" || toks[k].lower === "whether") return null;
    }
  }
  // "X must agree to ...", "Y should reject ...": an obligation put on X by someone else, not X's act.
  if (kind !== "STATE") {
    for (let k = t - 1; k >= Math.max(0, t - 3) && toks[k].s === x.s; k--) {
      if (toks[k].lower === "must" || toks[k].lower === "should" || toks[k].lower === "could" || toks[k].lower === "might") return null;
      if (!(toks[k].pos === "ADV" || toks[k].pos === "AUX" || toks[k].pos === "PART")) break;
    }
  }
  // Passive: "Y was accused by X (of Z)".
  const before = prevWord(toks, t);
  const passive = before >= 0 && BE_FORMS.has(toks[before].lower) && /(ed|en|own|id|old)$/.test(x.lower);
  let speaker: Mention | undefined;
  let target: Mention | undefined;
  let negated = false;
  let hedged = false;
  let quote: { q0: number; q1: number; open: number; close: number } | undefined;
  const end = clauseEnd(ctx, t + 1);
  if (passive) {
    // The agent phrase may come late: "was accused of misusing ... funds, ..., by current Haitian
    // government officials". The first "by" that is followed by an actor, within the sentence.
    const sEnd = ctx.a.sents[x.s].t1;
    for (let b = t + 1; b < Math.min(sEnd, t + 30) && !speaker; b++) {
      if (toks[b].lower !== "by") continue;
      let k = b + 1;
      while (toks[k] && k < sEnd && (DETERMINERS.has(toks[k].lower) || (toks[k].pos === "ADJ" && !toks[k].cap)) && ctx.at.topOf[k] < 0) k++;
      const m = ctx.at.at(k);
      if (m && m.t0 === k && (m.actorKey || m.unknown)) speaker = m;
      else if (b > t + 12) break;
    }
    const subj = findSubject(ctx, t);
    target = subj?.m;
    negated = !!subj?.negated;
    hedged = !!subj?.hedged;
    rule = `claim.${kind.toLowerCase()}.passive`;
    if (!speaker) return null;
  } else {
    // Event-led: "protests ... demanding his resignation".
    if (isIng(x)) {
      const ev = events.find((e) => toks[e.trigger].s === x.s && e.trigger < t && t - e.trigger <= 12 && !toks.slice(e.trigger + 1, t).some(isVerbLike));
      const agent = ev?.ev.participants.find((p) => p.role === "AGENT");
      if (ev && agent) {
        const fake = ctx.at.mentions.find((m) => m.actorKey === agent.actorKey && m.s === x.s && m.t0 < t);
        speaker = fake ?? virtualMention(ctx, agent.actorKey, ev.trigger);
        rule = `claim.${kind.toLowerCase()}.event-participle`;
        conf = 0.6;
      }
    }
    if (!speaker) {
      const subj = findSubject(ctx, t);
      if (subj) {
        speaker = subj.m;
        negated = subj.negated;
        hedged = subj.hedged;
        if (subj.via !== "direct") rule += `.${subj.via}`;
        if (subj.via === "participle" || subj.via === "control") conf -= 0.1;
        if (subj.via === "participle" && isIng(x) && toks[t - 1]?.text === ",") {
          // "Moscow rejected these accusations, claiming ...": the same claim, continued.
          const prevClaim = here.findLast((d) => d.speakerKey === subj.m.actorKey && d.cueTok < t);
          if (prevClaim) {
            extendClaim(ctx, prevClaim, t, end);
            return null;
          }
        }
      }
    }
    // Inverted attribution: "..., said Pashinyan." / "\"...,\" said the minister." (not "told X": X is the addressee)
    if (!speaker && rv.needs === "clause" && lemma !== "tell") {
      let k = t + 1;
      while (toks[k] && DETERMINERS.has(toks[k].lower) && toks[k].s === x.s) k++;
      const m = ctx.at.at(k);
      const after = m ? toks[m.t1] : undefined;
      if (m && m.t0 === k && (!after || after.s !== x.s || after.pos === "PUNCT")) {
        speaker = m;
        rule = `claim.${kind.toLowerCase()}.inverted`;
      }
    }
    if (!speaker) return null;
    quote = quoteBefore(ctx, Math.min(speaker.t0, t)) ?? quoteAfter(ctx, Math.max(t, speaker.t1 - 1));
  }
  // "It also suggests ...": an "it" that only found a referent by recency is too weak to speak.
  if (speaker.pronoun === "thing" && speaker.resolvedBy === "recent") return null;
  const speakerActor = promote(ctx, speaker);
  if (!speakerActor) return null;
  const coSpeakers = passive ? [] : conjuncts(ctx, speaker).map((m) => m.actorKey!).filter((k) => k !== speakerActor.key);
  if (speaker.pronoun) conf -= 0.05;

  // Content and target.
  let c0 = t + 1;
  let c1 = end;
  let respondsToAccusation = false;
  let objPossessor: Mention | undefined;
  if (quote) {
    c0 = quote.q0;
    c1 = quote.q1;
    rule = rule.replace(/^claim\.(\w+)\.[^.]+/, "claim.$1.quote");
    conf += 0.05;
  } else {
    // Direct object / addressee.
    // Statements take no object except an addressee ("told Y that"); "stated that X ..." has none.
    const takesObject = rv.needs !== "clause" || ADDRESSEE_VERBS.has(lemma);
    const preps = new Set(VERB_TARGET_PREP[lemma] ?? []);
    let k = t + 1;
    if (preps.has(toks[k]?.lower ?? "")) k++;
    while (toks[k] && (OBJECT_DETS.has(toks[k].lower) || toks[k].pos === "ADJ") && toks[k].s === x.s && ctx.at.topOf[k] < 0) k++;
    const om = takesObject ? ctx.at.at(k) : undefined;
    if (!passive && om && om.t0 === k && (om.actorKey || om.unknown)) {
      if (om.possessive) objPossessor = om;
      else target = om;
      c0 = om.t1;
      if (objPossessor && ACCUSATION_NOUNS.has(toks[om.t1 + 1]?.lower ?? "")) respondsToAccusation = true;
    } else if (toks[k] && ACCUSATION_NOUNS.has(toks[k].lower) && (kind === "REJECT")) {
      respondsToAccusation = true;
    }
    // Skip "that", an addressee ("told reporters that"), "of"/"for" after the object.
    if (toks[c0]?.lower === "that") c0++;
    if (rv.needs === "clause" && !isClausal(ctx, t, c0, c1)) return null;
  }
  // "X reiterated that Libya must hand over ...": a statement of what someone else must do is a demand (CAMEO 10).
  if (kind === "STATE" && !quote) {
    for (let k = c0; k < Math.min(c1, c0 + 10); k++) {
      if (OBLIGATION_MODALS.has(toks[k].lower) && (toks[k].lower === "must" || toks[k].lower === "should") && k > c0) {
        kind = "REQUEST";
        rule = "claim.request.obligation";
        break;
      }
      if (isVerbLike(toks[k])) break;
    }
  }
  if (c1 <= c0 && !target) return null;

  const speakerSide = sideOf(ctx, speakerActor);
  for (const k of coSpeakers) speakerSide.add(k);
  let targets: string[] = [];
  // "accused Israel and Egypt of ...": every conjunct of the object.
  if (target?.actorKey) targets = [target.actorKey, ...conjunctsAfter(ctx, target).map((c) => c.actorKey!)];
  else if (objPossessor?.actorKey) targets = [objPossessor.actorKey];
  else if (!respondsToAccusation) targets = contentTargets(ctx, kind, c0, c1, speakerSide);
  targets = [...new Set(targets.filter((k) => !speakerSide.has(k)))];
  // Nothing acted upon but a place: "agreed to set up a research center in Tokyo" is aimed at Tokyo.
  if (targets.length === 0 && kind !== "STATE" && !respondsToAccusation && !quote) {
    const place = placeIn(ctx, c0, c1);
    if (place && !speakerSide.has(place)) targets = [place];
  }
  // "'X treats the rule of law with utter contempt,' said Y": a statement that judges an actor
  // criticises (CAMEO 111) or praises (CAMEO 051) it.
  if (kind === "STATE" && !respondsToAccusation) {
    const judged = evaluation(toks, c0, c1);
    // The judged actor is the content's subject ("Trump treats ..."), else what it acts upon.
    const judgedTargets = judged ? [...new Set(contentTargets(ctx, "ACCUSE", c0, c1, speakerSide).filter((k) => !speakerSide.has(k)))] : [];
    if (judged && judgedTargets.length) {
      targets = judgedTargets;
      kind = judged;
      rule = rule.replace(/^claim\.state\./, `claim.${judged.toLowerCase()}.`) + ".evaluative";
      conf -= 0.15;
    }
  }
  if (kind === "SUPPORT" && targets.length === 0) return null;
  // "Hungary said it will support ...": a promised endorsement is an intent to cooperate (CAMEO 03).
  if (kind === "SUPPORT" && toks.slice(Math.max(speaker.t1, t - 3), t).some((w) => FUTURE_MODALS.has(w.lower))) {
    kind = "AGREE";
    rule = rule.replace(/^claim\.support\./, "claim.agree.") + ".intent";
  }

  // Negation and hedges near the cue ("did not accuse", "reportedly said", "is said to").
  for (let k = Math.max(speaker.t1, t - 4); k < t; k++) if (NEGATORS.has(toks[k].lower)) negated = true;
  const sent = ctx.a.sents[x.s];
  for (let k = sent.t0; k < Math.min(sent.t1, c1); k++) if (HEDGES.has(toks[k].lower) && !toks[k].quoted) hedged = true;

  const qText = quote ? ctx.a.body.slice(toks[quote.open].end, toks[quote.close].start).trim().replace(/[,.]\s*$/, "") : undefined;
  const content = quote ? qText! : spanText(ctx, c0, c1);
  const spanStart = Math.min(x.start, speaker.s === x.s ? speaker.start : x.start, quote ? toks[quote.open].start : x.start);
  const spanEnd = Math.max(x.end, c1 > c0 ? toks[c1 - 1].end : x.end, speaker.s === x.s ? speaker.end : 0);
  return {
    kind,
    speakerKey: speakerActor.key,
    targetKeys: targets,
    content,
    ...(quote ? { quote: qText } : {}),
    negated,
    hedged,
    ...(respondsToAccusation ? { respondsToKey: "?" } : {}),
    evidence: {
      sentenceIndex: x.s,
      sentence: ctx.a.body.slice(sent.start, sent.end),
      start: spanStart,
      end: spanEnd,
      rule,
      confidence: Math.round(Math.max(0.1, Math.min(0.95, conf)) * 100) / 100,
      cue: x.text,
    },
    c0,
    c1,
    cueTok: t,
    ...(coSpeakers.length ? { coSpeakers } : {}),
  };
}

/** "According to X, Z" / "Z, according to X". */
function accordingTo(ctx: Ctx, t0: number, t1: number): Draft | null {
  const { toks } = ctx.a;
  for (let t = t0; t < t1 - 2; t++) {
    if (toks[t].lower !== "according" || toks[t + 1].lower !== "to") continue;
    const initial = t === t0 || (t - 1 === t0 && toks[t0].pos === "PUNCT");
    // The source phrase runs to the next comma ("according to Rutgers University political
    // scholar Kelly Dittmar,"); its last actor is the source.
    let e = t + 2;
    while (e < t1 && e < t + 14 && toks[e].text !== "," && toks[e].pos !== "VERB" && !(toks[e].pos === "PUNCT" && toks[e].text !== "." && toks[e].text !== "(" && toks[e].text !== ")")) e++;
    // First actor of the phrase; a later one only across a descriptor, not a preposition
    // ("Rutgers University political scholar Kelly Dittmar" vs. "the Times about ... Okinawa").
    let m: Mention | undefined;
    for (let k = t + 2; k < e; k++) {
      const x = ctx.at.at(k);
      if (x && (x.actorKey || x.unknown)) { m = x; k = x.t1 - 1; continue; }
      if (m && toks[k].pos === "ADP") break;
    }
    if (!m) return null;
    const actor = promote(ctx, m);
    if (!actor) return null;
    let c0: number, c1: number;
    let quote: string | undefined;
    if (initial) {
      c0 = e;
      while (c0 < t1 && (toks[c0].text === "," || toks[c0].text === ":")) c0++;
      if (isQuote(toks[c0]?.text ?? "")) {
        const q = quoteAfter(ctx, c0 - 1);
        if (q) {
          c0 = q.q0;
          c1 = q.q1;
          quote = ctx.a.body.slice(toks[q.open].end, toks[q.close].start).trim().replace(/[,.]\s*$/, "");
        } else c1 = clauseEnd(ctx, c0);
      } else c1 = clauseEnd(ctx, c0);
    } else {
      c0 = t0;
      c1 = toks[t - 1].text === "," ? t - 1 : t;
    }
    if (c1 <= c0) return null;
    const sent = ctx.a.sents[toks[t].s];
    return {
      kind: "STATE", speakerKey: actor.key,
      targetKeys: contentTargets(ctx, "STATE", c0, c1, sideOf(ctx, actor)),
      content: quote ?? spanText(ctx, c0, c1), ...(quote ? { quote } : {}), negated: false, hedged: false,
      evidence: {
        sentenceIndex: toks[t].s, sentence: ctx.a.body.slice(sent.start, sent.end),
        start: Math.min(toks[c0].start, toks[t].start), end: Math.max(toks[c1 - 1].end, m.end),
        rule: "claim.state.according-to", confidence: 0.7, cue: "according to",
      },
      c0, c1, cueTok: t,
    };
  }
  return null;
}

/** Does [c0, c1) start a clause (finite verb soon after a subject-like start), or a quote/colon? */
function isClausal(ctx: Ctx, t: number, c0: number, c1: number): boolean {
  const { toks } = ctx.a;
  if (toks[t + 1]?.lower === "that" || toks[t + 1]?.text === ":") return true;
  if (c0 > t + 1 && toks[c0 - 1]?.lower === "that") return true;
  for (let k = c0; k < Math.min(c1, c0 + 9); k++) {
    const w = toks[k];
    if (w.text === "," || w.text === "(" || isQuote(w.text)) return false;
    if (isVerbLike(w) && k > c0 && toks[k - 1].lower !== "to" && toks[k - 1].text !== "-" && !isIng(w)) return true;
  }
  return false;
}

/**
 * Targets read off the content: for accusations and requests the content's subject ("its members
 * failed ..."), otherwise the actors acted upon after its first verb ("Armenia would leave the CSTO").
 */
function contentTargets(ctx: Ctx, kind: ClaimKind, c0: number, c1: number, side: Set<string>): string[] {
  const { toks } = ctx.a;
  let k = c0;
  // "It turned out that ...": start after an early "that".
  for (let j = c0; j < Math.min(c1, c0 + 5); j++) if (toks[j].lower === "that") { k = j + 1; break; }
  const subjects: string[] = [];
  let v = -1;
  for (let j = k; j < c1; j++) {
    const m = ctx.at.at(j);
    if (m && m.actorKey && m.t0 === j) {
      if (!m.possessive) subjects.push(m.actorKey);
      j = m.t1 - 1;
      continue;
    }
    // "proposed Israeli changes": a participle opening the object is an adjective.
    if (isVerbLike(toks[j]) && !(j === k && /ed$/.test(toks[j].lower) && toks[j + 1]?.pos !== "ADP" && toks[j + 1]?.pos !== "DET")) { v = j; break; }
  }
  if ((kind === "ACCUSE" || kind === "REQUEST") && subjects.some((s) => !side.has(s))) return subjects;
  // A nominal content ("agreed to US mediation", "rejected an Australian ultimatum"): its actors, or
  // the nationality of the thing ("Australian") when it names no actor.
  // The same for a noun-phrase object before any verb ("dismissed an appeal from X to lay down ...",
  // "threatened further action against Russia"), when the content is not a clause or an infinitive.
  const nominal = v < 0 || (kind !== "STATE" && k === c0 && toks[c0]?.lower !== "to" && !subjectBeforeVerb(ctx, c0, v));
  if (nominal) {
    const stop = v < 0 ? c1 : v;
    // Only the head noun phrase and its "of / from / by" complements, not later adjuncts.
    const own: string[] = [];
    let sawNoun = false;
    for (let j = k; j < stop; j++) {
      const m = ctx.at.at(j);
      if (m?.actorKey && m.t0 === j) {
        if (!side.has(m.actorKey) && !m.possessive) own.push(m.actorKey);
        else if (m.possessive && !side.has(m.actorKey)) own.push(m.actorKey);
        sawNoun = true;
        j = m.t1 - 1;
        continue;
      }
      if (toks[j].pos === "NOUN") sawNoun = true;
      if (sawNoun && toks[j].pos === "ADP" && !["of", "from", "by", "against"].includes(toks[j].lower)) break;
    }
    if (own.length || kind === "STATE") return [...new Set(own)];
    for (let j = k; j < Math.min(stop, k + 6); j++) {
      const a = ctx.at.attributeAt(j);
      if (a?.actorKey && !side.has(a.actorKey)) return [a.actorKey];
      if (isVerbLike(toks[j]) && !(j === k && /ed$/.test(toks[j].lower))) break;
    }
    return [];
  }
  const objs: string[] = [];
  const stop = clauseEnd(ctx, v + 1);
  // Step over the verb group ("would leave", "has been trying to maintain").
  while (v + 1 < c1 && (isVerbLike(toks[v + 1]) || toks[v + 1].pos === "ADV" || toks[v + 1].pos === "PART")) v++;
  for (let j = v + 1; j < Math.min(c1, stop); j++) {
    const m = ctx.at.at(j);
    // "to shell Iraqi towns", "proposed Israeli changes": an object's nationality, when it comes first.
    const attr = !m && objs.length === 0 ? ctx.at.attributeAt(j) : undefined;
    if (attr?.actorKey && !side.has(attr.actorKey) && toks.slice(v + 1, j).every((w) => w.pos === "DET" || w.pos === "ADJ" || w.pos === "NUM" || QUANT.has(w.lower))) return [attr.actorKey];
    if (m?.actorKey && m.t0 === j) {
      objs.push(m.actorKey);
      j = m.t1 - 1;
    } else if (isVerbLike(toks[j]) && toks[j - 1]?.lower !== "to" && !isIng(toks[j])) break; // a second clause
  }
  // "threatened to shell Iraqi towns": the nationality of the object when it names no actor.
  if (objs.length === 0) {
    for (let j = v + 1; j < Math.min(c1, v + 5); j++) {
      const a = ctx.at.attributeAt(j);
      if (a?.actorKey && !side.has(a.actorKey)) return [a.actorKey];
      if (!(toks[j].pos === "DET" || toks[j].pos === "ADJ" || toks[j].pos === "NUM" || QUANT.has(toks[j].lower))) break;
    }
  }
  return objs;
}

/** The speaker, the state it belongs to, and its parent: never targets of its own statement. */
function sideOf(ctx: Ctx, r: ActorRec): Set<string> {
  const side = new Set([r.key]);
  // A people, a crowd or a rebel movement is not its state: Iraqi Kurds may call for independence from Iraq.
  if (r.kind === "GROUP" && !STATE_ORGANS.has(r.name.toLowerCase().split(" ").pop() ?? "")) return side;
  if (r.parentKey) side.add(r.parentKey);
  if (r.country && r.kind !== "COUNTRY") side.add(ctx.at.countryKey(r.country));
  return side;
}

/** The resolved actor of a speaker mention; unknown capitalised names become low-confidence actors. */
function promote(ctx: Ctx, m: Mention): ActorRec | undefined {
  return ctx.at.promote(m);
}

/** `"Z," X said` — the quotation that ends just before the attribution at token a. */
function quoteBefore(ctx: Ctx, a: number): { q0: number; q1: number; open: number; close: number } | undefined {
  const { toks, sents } = ctx.a;
  const close = a - 1;
  if (close < 0 || !isQuote(toks[close].text)) return undefined;
  const para = sents[toks[close].s].para;
  for (let k = close - 1; k >= Math.max(0, close - 600); k--) {
    if (sents[toks[k].s].para !== para) return undefined;
    if (isQuote(toks[k].text)) return k + 1 < close ? { q0: k + 1, q1: close, open: k, close } : undefined;
  }
  return undefined;
}

/** `X said: "Z"` / `X said, "Z"`. */
function quoteAfter(ctx: Ctx, c: number): { q0: number; q1: number; open: number; close: number } | undefined {
  const { toks, sents } = ctx.a;
  let k = c + 1;
  if (toks[k] && (toks[k].text === ":" || toks[k].text === ",")) k++;
  if (!toks[k] || !isQuote(toks[k].text) || toks[k].s !== toks[c].s) return undefined;
  const para = sents[toks[k].s].para;
  for (let j = k + 1; j < Math.min(toks.length, k + 600); j++) {
    if (sents[toks[j].s].para !== para) return undefined;
    if (isQuote(toks[j].text)) return j > k + 1 ? { q0: k + 1, q1: j, open: k, close: j } : undefined;
  }
  return undefined;
}

function extendClaim(ctx: Ctx, d: Draft, t: number, end: number): void {
  const toks = ctx.a.toks;
  const e = Math.max(end, t + 1);
  d.c1 = Math.max(d.c1, e);
  d.content = spanText(ctx, d.c0, d.c1);
  d.evidence.end = Math.max(d.evidence.end, toks[e - 1].end);
}

function prevWord(toks: Tok[], t: number): number {
  let k = t - 1;
  while (k >= 0 && toks[k].s === toks[t].s && (toks[k].pos === "ADV" || NEGATORS.has(toks[k].lower))) k--;
  return k >= 0 && toks[k].s === toks[t].s ? k : -1;
}

/** A zero-width stand-in mention for an implicit actor (the unnamed protesters). */
function virtualMention(ctx: Ctx, actorKey: string, t: number): Mention {
  const tok = ctx.a.toks[t];
  return { id: -1, actorKey, t0: t, t1: t + 1, start: tok.start, end: tok.end, s: tok.s, possessive: false };
}

/**
 * "X rejected these accusations": answer the latest earlier accusation aimed at X, at something
 * of X's (its peacekeepers, its members), or made by the possessor ("rejected Armenia's claims").
 */
function linkResponses(ctx: Ctx, claims: ExtractedClaim[]): void {
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i];
    if (c.respondsToKey !== "?") continue;
    delete c.respondsToKey;
    const speaker = ctx.at.get(c.speakerKey);
    if (!speaker) continue;
    const mine = (key: string) => {
      const r = ctx.at.get(key);
      if (!r) return false;
      return key === speaker.key || r.parentKey === speaker.key || (speaker.kind === "COUNTRY" && r.kind !== "COUNTRY" && r.country === speaker.country && r.kind === "GROUP");
    };
    const possessor = c.targetKeys[0];
    for (let j = i - 1; j >= 0; j--) {
      const p = claims[j];
      if (p.kind !== "ACCUSE" || p.speakerKey === c.speakerKey) continue;
      if (possessor ? p.speakerKey === possessor : p.targetKeys.some(mine)) {
        c.respondsToKey = p.key;
        if (p.speakerKey) c.targetKeys = [p.speakerKey];
        break;
      }
    }
  }
}
