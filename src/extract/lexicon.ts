/**
 * Word lists the rules are built from. Everything article-independent lives here so the engine can
 * grow by editing data, not code. Verbs are listed by lemma; `inflect()` derives the surface forms
 * because the tagger's lemma is unreliable for some forms ("alleged" comes back as an adjective).
 */
import type { ClaimKind, EventKind } from "./types.js";

// ---------------------------------------------------------------------------------------------
// Inflection: lemma -> surface forms. Small and regular on purpose; irregulars are listed.
// ---------------------------------------------------------------------------------------------

const IRREGULAR: Record<string, string[]> = {
  say: ["says", "said", "saying"],
  tell: ["tells", "told", "telling"],
  write: ["writes", "wrote", "written", "writing"],
  leave: ["leaves", "left", "leaving"],
  meet: ["meets", "met", "meeting"],
  hold: ["holds", "held", "holding"],
  seize: ["seizes", "seized", "seizing"],
  strike: ["strikes", "struck", "striking"],
  fight: ["fights", "fought", "fighting"],
  shoot: ["shoots", "shot", "shooting"],
  send: ["sends", "sent", "sending"],
  give: ["gives", "gave", "given", "giving"],
  cut: ["cuts", "cutting"],
  break: ["breaks", "broke", "broken", "breaking"],
  sign: ["signs", "signed", "signing"],
  withdraw: ["withdraws", "withdrew", "withdrawn", "withdrawing"],
  quit: ["quits", "quitting"],
  blow: ["blows", "blew", "blown", "blowing"],
  bring: ["brings", "brought", "bringing"],
  lead: ["leads", "led", "leading"],
  forbid: ["forbids", "forbade", "forbidden", "forbidding"],
  take: ["takes", "took", "taken", "taking"],
  sweep: ["sweeps", "swept", "sweeping"],
  slam: ["slams", "slammed", "slamming"],
  ban: ["bans", "banned", "banning"],
  admit: ["admits", "admitted", "admitting"],
  commit: ["commits", "committed", "committing"],
  rebut: ["rebuts", "rebutted", "rebutting"],
  plan: ["plans", "planned", "planning"],
  swear: ["swears", "swore", "sworn", "swearing"],
  undertake: ["undertakes", "undertook", "undertaken", "undertaking"],
  expel: ["expels", "expelled", "expelling"],
  compel: ["compels", "compelled", "compelling"],
  control: ["controls", "controlled", "controlling"],
  rally: ["rallies", "rallied", "rallying"],
  kidnap: ["kidnaps", "kidnapped", "kidnapping", "kidnaped", "kidnaping"],
  lay: ["lays", "laid", "laying"],
  set: ["sets", "setting"],
  shut: ["shuts", "shutting"],
  beat: ["beats", "beaten", "beating"],
  stand: ["stands", "stood", "standing"],
  hit: ["hits", "hitting"],
  put: ["puts", "putting"],
  rule: ["rules", "ruled", "ruling"],
  flee: ["flees", "fled", "fleeing"],
  pay: ["pays", "paid", "paying"],
  outlaw: ["outlaws", "outlawed", "outlawing"],
  scold: ["scolds", "scolded", "scolding"],
  petition: ["petitions", "petitioned", "petitioning"],
  question: ["questions", "questioned", "questioning"],
};

/** One-syllable verbs ending vowel + consonant double it ("step" -> "stepped", "drop" -> "dropping"). */
const DOUBLES = /^[^aeiou]*[aeiou][bdgklmnprt]$/;

/** Every surface form of a verb lemma (base, -s, -ed, -ing), lower-case. */
export function inflect(lemma: string): string[] {
  if (IRREGULAR[lemma]) return [lemma, ...IRREGULAR[lemma]];
  if (DOUBLES.test(lemma)) {
    const d = lemma + lemma.slice(-1);
    return [lemma, lemma + "s", d + "ed", d + "ing"];
  }
  const forms = [lemma];
  const cy = /[^aeiou]y$/.test(lemma);
  forms.push(cy ? lemma.slice(0, -1) + "ies" : /(s|sh|ch|x|z)$/.test(lemma) ? lemma + "es" : lemma + "s");
  forms.push(cy ? lemma.slice(0, -1) + "ied" : lemma.endsWith("e") ? lemma + "d" : lemma + "ed");
  forms.push(lemma.endsWith("ee") ? lemma + "ing" : lemma.endsWith("e") ? lemma.slice(0, -1) + "ing" : lemma + "ing");
  return forms;
}

// ---------------------------------------------------------------------------------------------
// Reporting verbs -> claim kind.
// `needs`: what must follow for the verb to report a claim rather than something else
//   "clause"  - a clausal complement, a quote, or a preceding quote (announce the plan != a claim)
//   "object"  - any direct object or complement is fine (accuse Y, condemn Y)
//   "to-inf"  - an infinitive ("asked Y to ...", "pressed Y to ...") or "for"
// ---------------------------------------------------------------------------------------------

export interface ReportingVerb { kind: ClaimKind; needs: "clause" | "object" | "to-inf" }

const RV = (kind: ClaimKind, needs: ReportingVerb["needs"], lemmas: string[]) =>
  lemmas.map((l) => [l, { kind, needs }] as const);

export const REPORTING_VERBS: Map<string, ReportingVerb> = new Map([
  ...RV("STATE", "clause", [
    "say", "state", "announce", "declare", "claim", "tell", "add", "note", "explain", "insist",
    "assert", "confirm", "stress", "emphasize", "emphasise", "argue", "maintain", "write", "tweet",
    "reiterate", "acknowledge", "admit", "report", "indicate", "contend", "affirm", "testify",
    "disclose", "reveal", "remark", "observe", "concede",
  ]),
  ...RV("ACCUSE", "object", [
    "accuse", "blame", "allege", "charge", "condemn", "criticize", "criticise", "denounce", "slam",
    "lambast", "fault", "decry", "castigate", "censure", "rebuke", "deplore",
    // CAMEO 111 criticize or denounce, 112 accuse: the verbs of verbal attack.
    "berate", "chide", "scold", "reproach", "admonish", "assail", "excoriate", "vilify", "reprimand",
    "disparage", "deride", "ridicule", "impugn", "implicate", "lash", "object",
  ]),
  ...RV("REJECT", "object", ["reject", "deny", "dismiss", "refute", "rebuff", "repudiate", "dispute", "rebut", "veto"]),
  // Phrasal refusals: "ruled out talks", "turned down the offer", "brushed aside the criticism".
  ...RV("REJECT", "object", ["rule", "turn", "brush", "shrug", "resist", "disown", "balk", "scoff"]),
  ...RV("REQUEST", "object", ["urge", "demand", "appeal", "implore", "plead", "request", "exhort"]),
  ...RV("REQUEST", "object", ["beg", "beseech", "entreat", "petition"]),
  ...RV("REQUEST", "to-inf", ["encourage", "pressure", "lobby"]),
  ...RV("REQUEST", "to-inf", ["ask", "press", "push", "call"]),
  ...RV("THREATEN", "object", ["warn", "threaten", "caution"]),
  ...RV("SUPPORT", "object", ["support", "back", "welcome", "praise", "endorse", "commend", "hail", "applaud"]),
  // CAMEO 051 praise or endorse.
  ...RV("SUPPORT", "object", ["congratulate", "thank", "laud", "salute", "extol", "champion"]),
  ...RV("AGREE", "object", ["agree", "accept", "concur", "consent", "comply"]),
  ...RV("AGREE", "to-inf", ["commit", "guarantee"]),
  // Commitments and refusals only count with an infinitive ("offered to hand over", "refused to lift").
  ...RV("AGREE", "to-inf", ["offer", "promise", "pledge"]),
  ...RV("REJECT", "to-inf", ["refuse", "decline"]),
  ...RV("REJECT", "object", ["oppose", "spurn", "snub", "disavow"]),
  ...RV("ACCUSE", "clause", ["complain", "protest"]),
  // Vows are AGREE or THREATEN depending on what is vowed (see claims.ts).
  ...RV("AGREE", "to-inf", ["vow", "swear", "undertake"]),
]);

/** surface form -> lemma, for every reporting verb. */
export const REPORTING_FORMS: Map<string, string> = new Map();
for (const lemma of REPORTING_VERBS.keys()) for (const f of inflect(lemma)) REPORTING_FORMS.set(f, lemma);

/** Modals of obligation: "X said Y must ..." demands something of Y (CAMEO 10). */
export const OBLIGATION_MODALS = new Set(["must", "should", "has", "have"]);

/** Nouns that name an earlier accusation; "X rejected these accusations" answers it. */
export const ACCUSATION_NOUNS = new Set([
  "accusation", "accusations", "allegation", "allegations", "claim", "claims", "charge", "charges",
  "criticism", "criticisms", "report", "reports", "assertion", "assertions", "suggestion", "suggestions",
]);

// ---------------------------------------------------------------------------------------------
// Event triggers (PLOVER 2021). A trigger matches a lemma (verb or noun); optional `prep`/`obj`
// constraints keep ambiguous words honest ("strike" the attack vs. "strike" the walk-out).
// ---------------------------------------------------------------------------------------------

export interface EventTrigger {
  kind: EventKind;
  mode?: string;
  /** Required next word(s) (any of) right after the trigger, e.g. "from" for withdraw. */
  next?: string[];
  /** Required word (any of) among the next five, e.g. "agreement" for "sign". */
  within?: string[];
  /** Required previous word (any of), e.g. "military" for "campaign". */
  prev?: string[];
  /** Required object kind: the first actor after the trigger must be of this kind. */
  objKinds?: string[];
  /** The agent must be one of these crowds ("protesters gathered" is a protest, "leaders gathered" is not). */
  crowdAgent?: boolean;
  /** All participants are AGENTs ("clashes between X and Y"). */
  symmetric?: boolean;
  /** Nominal trigger (noun) - agent comes from a possessor or "by X", not a subject. */
  noun?: boolean;
  /** Words that must not follow the trigger ("a strike on" is an attack, not a walk-out). */
  notNext?: string[];
  /** The verb must have no direct object: the next word is a preposition, adverb, punctuation or a day. */
  intransitive?: boolean;
  /** The target must be the verb's direct object, right after it (no preposition, no other noun). */
  direct?: boolean;
  /** Nominal trigger that only counts as the object of a light verb or with a possessor ("opened an investigation"). */
  light?: boolean;
  /** Nominal trigger whose "of X" is its agent ("the withdrawal of the United Kingdom"). */
  ofAgent?: boolean;
  /** A symmetric act needs a second side or a place ("clashed with police", "fought in Aleppo"). */
  counterpart?: boolean;
  /** The act has no target and no place ("resigned"): nothing after it is a participant. */
  noTarget?: boolean;
  /** Nominal trigger that counts only as the object of one of these verbs ("lodged a protest" is an ACCUSE, not a street protest). */
  after?: string[];
}

/** Objects that make suspending / cutting something a reduction of relations. */
const RELATION_WORDS = ["ties", "relations", "diplomatic", "links", "aid", "cooperation", "talks", "mediation", "deliveries", "program", "programme", "flights", "trade", "contacts", "assistance", "negotiations", "dialogue", "imports", "exports", "funding", "membership", "ambassador"];
/** What an investigation without a named suspect must be about to accuse anyone ("a hearing into the legality of ..."). */
export const WRONGDOING_WORDS = new Set(["allegations", "alleged", "allegedly", "corruption", "abuse", "abuses", "fraud", "misconduct", "crimes", "crime", "violations", "legality", "wrongdoing", "torture", "killing", "killings", "murder", "bribery", "collusion", "interference", "irregularities", "atrocities", "genocide", "embezzlement", "rights", "involvement", "role", "responsibility", "conduct", "accusations", "complicity", "leak", "leaks", "massacre", "attack", "attacks", "bombing", "smuggling", "trafficking", "terrorism", "espionage", "spying", "hacking", "theft", "laundering", "sabotage", "assassination", "shooting", "plot", "scandal", "kickbacks", "evasion", "rape", "assault", "harassment", "negligence", "cover-up", "obstruction"]);
/** What is deployed or mobilised when the act is military. */
const MILITARY_WORDS = ["troops", "forces", "soldiers", "police", "warships", "ships", "vessels", "tanks", "missiles", "jets", "aircraft", "warplanes", "bombers", "drones", "units", "reservists", "peacekeepers", "army", "navy", "battalions", "brigades", "marines", "personnel", "guard", "guards", "artillery", "weapons", "military", "militia", "militias", "fighters", "carrier", "submarines", "reinforcements", "men", "officers"];
/** Crowds whose gathering is itself a protest. */
export const PROTEST_CROWDS = new Set(["protesters", "demonstrators", "activists", "crowd", "students", "workers", "farmers", "unions", "opposition"]);
/** Objects that make giving something aid. */
const AID_WORDS = ["aid", "food", "assistance", "arms", "weapons", "troops", "medicine", "medicines", "supplies", "relief", "humanitarian", "loans", "loan", "funds", "money", "equipment", "material", "vaccines", "doctors", "grant", "credits", "asylum", "shelter", "goods", "missiles", "ammunition", "fuel", "tents", "vaccine"];

const T = (kind: EventKind, lemmas: string[], extra: Omit<EventTrigger, "kind"> = {}) =>
  lemmas.map((l) => [l, { kind, ...extra }] as const);

/** Verb triggers by lemma and noun triggers by surface form; tried in order, the first whose constraints hold wins. */
export const VERB_TRIGGERS: Map<string, EventTrigger[]> = new Map();
export const NOUN_TRIGGERS: Map<string, EventTrigger[]> = new Map();
for (const [word, trig] of [
  // Grouped by PLOVER 2021 type; the CAMEO root each group comes from is noted.
  // SANCTION (CAMEO 16, reduce relations): leaving an alliance is mode "withdraw".
  ...T("SANCTION", ["withdraw"], { mode: "withdraw", next: ["from"], objKinds: ["ORGANIZATION"] }),
  ...T("SANCTION", ["withdrawal"], { mode: "withdraw", noun: true, next: ["from"], objKinds: ["ORGANIZATION"] }),
  // "completed their withdrawal from the town": leaving a place is a retreat, leaving a body a sanction.
  ...T("RETREAT", ["withdrawal"], { noun: true, next: ["from"], objKinds: ["LOCATION", "COUNTRY"] }),
  ...T("SANCTION", ["withdrawal"], { mode: "withdraw", noun: true, notNext: ["of"] }),
  ...T("SANCTION", ["leave", "quit", "exit"], { mode: "withdraw", objKinds: ["ORGANIZATION"] }),
  ...T("SANCTION", ["expel"], { mode: "expel" }),
  ...T("SANCTION", ["force", "order"], { mode: "expel", within: ["out", "leave"] }),
  ...T("SANCTION", ["expulsion"], { mode: "expel", noun: true }),
  ...T("SANCTION", ["sanction"], { mode: "sanction" }),
  ...T("SANCTION", ["sanctions", "embargo"], { mode: "sanction", noun: true }),
  ...T("SANCTION", ["boycott"], { mode: "boycott" }),
  ...T("SANCTION", ["sever", "suspend", "cut", "halt", "end", "freeze", "downgrade", "recall"], { mode: "break", within: RELATION_WORDS }),
  ...T("SANCTION", ["suspension", "severing", "cutoff", "freeze", "halt"], { mode: "break", noun: true, within: RELATION_WORDS }),
  // RETREAT (CAMEO 08 yield: withdraw, demobilize, resign).
  ...T("RETREAT", ["withdraw", "pull"], { within: ["troops", "forces", "force", "soldiers", "out", "back", "contingent", "peacekeepers", "peacekeeping", "units", "army", "military", "personnel"] }),
  ...T("RETREAT", ["withdraw"], { next: ["from"] }),
  ...T("RETREAT", ["pull"], { next: ["back"] }),
  // Leaving office has no counterpart, and where it is announced is not what is left.
  ...T("RETREAT", ["resign"], { noTarget: true }),
  // "retreated from a previous goal" is no retreat: from what must be a place or a body.
  ...T("RETREAT", ["retreat"], { next: ["from"], objKinds: ["LOCATION", "COUNTRY", "ORGANIZATION"] }),
  ...T("RETREAT", ["retreat"], { intransitive: true, notNext: ["from"] }),
  ...T("RETREAT", ["demobilize", "demobilise", "disarm", "surrender"]),
  // "the withdrawal of Serbian forces from Bosnia": whoever is withdrawn withdraws.
  ...T("RETREAT", ["withdrawal", "pullout", "departure"], { noun: true, next: ["of"], ofAgent: true }),
  ...T("RETREAT", ["pullout", "pull-out"], { noun: true }),
  // PROTEST (CAMEO 14)
  // "demonstrate" and "rally" with an object are something else ("demonstrate a commitment", "rallied the world").
  ...T("PROTEST", ["demonstrate", "rally"], { intransitive: true }),
  ...T("PROTEST", ["gather", "assemble", "converge", "surround", "flood", "fill"], { crowdAgent: true }),
  ...T("PROTEST", ["protest", "march", "riot", "picket"]),
  ...T("PROTEST", ["protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "riots", "sit-in", "walkout", "march", "marches"], { noun: true }),
  ...T("PROTEST", ["strike"], { noun: true, prev: ["hunger", "general", "national", "nationwide", "open-ended", "labour", "labor"] }),
  ...T("PROTEST", ["strike", "strikes"], { noun: true, prev: ["a", "an", "the", "their", "its", "day", "week"], notNext: ["on", "against", "at"] }),
  ...T("PROTEST", ["shun", "stop", "down"], { next: ["work", "tools"] }),
  ...T("PROTEST", ["blockade", "besiege"], { mode: "obstruct", objKinds: ["LOCATION", "COUNTRY"] }),
  ...T("PROTEST", ["block", "blockade", "barricade", "occupy"], { mode: "obstruct", within: ["road", "roads", "street", "streets", "highway", "highways", "bridge", "traffic", "transport", "railway", "access", "entrance", "square"] }),
  // ASSAULT (CAMEO 18-20)
  ...T("ASSAULT", ["attack", "bomb", "shell", "invade", "raid", "ambush", "assassinate", "bombard", "storm", "kill", "torture", "abuse", "massacre", "execute", "wound", "behead", "shoot", "murder", "stab", "overrun", "retake", "recapture", "rocket", "strafe", "mortar", "assault", "maim", "lynch"]),
  ...T("ASSAULT", ["fire"], { next: ["on", "at", "upon"] }),
  ...T("ASSAULT", ["open"], { next: ["fire"] }),
  // "fought for justice" is no fight: a fight needs a second side or a place.
  ...T("ASSAULT", ["clash", "fight"], { symmetric: true, counterpart: true }),
  ...T("ASSAULT", ["clashes", "clash", "fighting", "gunbattle", "firefight", "skirmish", "skirmishes"], { noun: true, symmetric: true }),
  ...T("ASSAULT", ["attack", "attacks", "offensive", "invasion", "bombing", "bombings", "shelling", "airstrike", "airstrikes", "assault", "incursion", "raid", "raids", "ambush", "massacre", "assassination"], { noun: true }),
  ...T("ASSAULT", ["strike", "strikes"], { noun: true, prev: ["air", "missile", "drone", "military"] }),
  ...T("ASSAULT", ["campaign", "operation", "operations"], { noun: true, prev: ["military"] }),
  // CONCEDE (CAMEO 08 yield: ease restrictions, allow, release, give in)
  ...T("CONCEDE", ["cede", "concede", "relent", "capitulate", "relinquish"]),
  ...T("CONCEDE", ["release", "free"], { within: ["prisoners", "hostages", "detainees", "captives", "political"] }),
  ...T("CONCEDE", ["lift", "ease", "shorten", "relax", "end"], { within: ["sanctions", "curfew", "ban", "blockade", "restrictions", "embargo", "siege", "state"] }),
  ...T("CONCEDE", ["allow", "permit"]),
  // CONSULT (CAMEO 04)
  ...T("CONSULT", ["meet", "visit", "negotiate", "mediate", "consult"]),
  // "received the delegation", "hosted Chinese President Xi": not "received his PhD", "hosted a show".
  ...T("CONSULT", ["host", "receive"], { direct: true }),
  ...T("CONSULT", ["talks", "meeting", "visit", "negotiations", "consultations", "summit"], { noun: true, next: ["with", "between", "to", "in"] }),
  // "held a call with X", "convened the first meeting of the committee with X".
  ...T("CONSULT", ["call", "calls", "conversation", "meeting", "videoconference", "teleconference"], { noun: true, within: ["with"] , after: ["hold", "have", "make", "place", "convene", "host", "chair", "join"] }),
  ...T("CONSULT", ["mediation", "welcome"], { noun: true }),
  // AID (CAMEO 07)
  ...T("AID", ["donate", "evacuate", "airlift"]),
  ...T("AID", ["send", "provide", "deliver", "supply", "give", "ship", "grant", "contribute", "offer", "pledge", "extend"], { within: AID_WORDS }),
  ...T("AID", ["aid", "assistance"], { noun: true, next: ["to"] }),
  ...T("AID", ["open"], { within: ["borders", "border", "doors"] }),
  // MOBILIZE (CAMEO 15)
  // Deploying or mobilising forces, not "deploy AI" or "mobilize support".
  ...T("MOBILIZE", ["deploy", "mobilize", "mobilise", "mass"], { within: MILITARY_WORDS }),
  ...T("MOBILIZE", ["strengthen", "reinforce", "bolster", "build"], { within: ["forces", "troops", "presence", "military", "defences", "defenses", "army"] }),
  ...T("MOBILIZE", ["train", "arm", "recruit"], { within: ["hackers", "fighters", "militias", "troops", "soldiers", "forces", "rebels", "insurgents", "guerrillas"] }),
  // COERCE (CAMEO 17): repression, arrests, bans, seizing or destroying property.
  ...T("COERCE", ["arrest", "detain", "confiscate", "deport", "kidnap", "abduct", "imprison", "jail", "outlaw", "ban", "seize", "destroy", "demolish", "raze", "sabotage", "disperse", "censor"]),
  ...T("COERCE", ["blow"], { next: ["up"] }),
  ...T("COERCE", ["order"], { within: ["suspend", "close", "shut", "halt", "stop"] }),
  ...T("COERCE", ["curfew", "crackdown", "arrests"], { noun: true }),
  ...T("COERCE", ["law"], { noun: true, prev: ["martial"] }),
  // ACCUSE (CAMEO 09 investigate and 11 disapprove, merged in PLOVER 2021).
  ...T("ACCUSE", ["investigate", "probe", "indict", "prosecute", "sue", "summon"]),
  ...T("ACCUSE", ["investigation", "inquiry", "probe", "lawsuit", "complaint"], { noun: true, light: true }),
  // "a hearing" counts when held or when a court's: not "hearing the solo".
  ...T("ACCUSE", ["hearing", "hearings"], { noun: true, after: ["hold", "schedule", "open", "convene", "conduct", "begin", "start"] }),
  ...T("ACCUSE", ["hearing", "hearings"], { noun: true, prev: ["court", "congressional", "senate", "impeachment", "disciplinary", "extradition", "committee", "bail"] }),
  // THREATEN (CAMEO 13)
  ...T("THREATEN", ["ultimatum", "threat", "threats"], { noun: true, light: true }),
  // REQUEST (CAMEO 02 appeal, 10 demand)
  // "the request of Prime Minister Boris Johnson", "the demands of the protesters": whose request it is.
  ...T("REQUEST", ["appeal", "demand", "demands", "request", "requests", "plea"], { noun: true, next: ["of"], ofAgent: true }),
  ...T("REQUEST", ["appeal", "demand", "demands", "request", "plea"], { noun: true, light: true }),
  // "calls for X", "a call on Y to": not a "roll call" or a phone call.
  ...T("REQUEST", ["call", "calls"], { noun: true, next: ["for", "on", "upon", "to"] }),
  ...T("REQUEST", ["seek"], { within: ["refuge", "asylum", "help", "aid", "assistance", "support", "protection", "extradition"] }),
  // REJECT (CAMEO 12): defying a ban or breaking a promise.
  ...T("REJECT", ["defy", "violate", "flout", "breach", "ignore"], { within: ["ban", "order", "ruling", "law", "ceasefire", "curfew", "agreement", "resolution", "demand", "demands", "ultimatum"] }),
  ...T("REJECT", ["renege", "backtrack"]),
  // SUPPORT (CAMEO 05 diplomatic cooperation: sign formal agreements, recognise, restore ties).
  ...T("SUPPORT", ["sign", "conclude", "ratify"], { within: ["agreement", "deal", "treaty", "accord", "pact", "memorandum", "declaration", "protocol", "charter", "convention"] }),
  ...T("SUPPORT", ["upgrade", "restore", "establish", "normalize", "normalise", "resume", "strengthen", "improve"], { within: ["ties", "relations", "diplomatic", "links"] }),
  ...T("SUPPORT", ["recognize", "recognise"], { objKinds: ["COUNTRY", "ORGANIZATION"] }),
  ...T("SUPPORT", ["forgive", "defend", "apologize", "apologise"], { objKinds: ["COUNTRY", "ORGANIZATION", "PERSON", "GROUP"] }),
  // AGREE (CAMEO 03 intent to cooperate, and settling): ceasefire and truce agreements.
  ...T("AGREE", ["sign"], { within: ["ceasefire", "truce", "armistice"] }),
  // COOPERATE (CAMEO 06 material cooperation)
  ...T("COOPERATE", ["cooperate", "collaborate"]),
  ...T("COOPERATE", ["exercises", "drills", "manoeuvres", "maneuvers", "games", "patrols"], { noun: true, prev: ["joint", "war", "military", "naval"] }),

  // -------------------------------------------------------------------------------------------
  // The rest of each CAMEO root's verb classes (CAMEO 2.0 codebook, section by section), so that
  // constructions nobody tuned for are still coded. Ambiguous words carry a constraint.
  // -------------------------------------------------------------------------------------------
  // CONSULT (04): talk, confer, telephone, travel or arrive for a visit or talks.
  ...T("CONSULT", ["talk", "confer", "speak"], { next: ["with"] }),
  ...T("CONSULT", ["phone", "telephone"], { objKinds: ["PERSON", "COUNTRY", "ORGANIZATION", "GROUP"] }),
  ...T("CONSULT", ["arrive", "travel", "fly", "head"], { within: ["visit", "talks", "summit", "meeting", "consultations", "negotiations"] }),
  ...T("CONSULT", ["conversation", "call"], { noun: true, prev: ["phone", "telephone"] }),
  ...T("CONSULT", ["trip", "tour"], { noun: true, next: ["to"] }),
  // COOPERATE (06): judicial, security and economic cooperation.
  ...T("COOPERATE", ["extradite"]),
  ...T("COOPERATE", ["share", "exchange"], { within: ["intelligence", "information", "data", "technology", "expertise"] }),
  ...T("COOPERATE", ["coordinate", "partner", "ally"], { next: ["with"] }),
  ...T("COOPERATE", ["team", "join"], { next: ["up", "forces"] }),
  ...T("COOPERATE", ["join"], { within: ["partnership", "coalition", "effort", "efforts", "initiative", "operation", "exercises", "patrols", "mission"], objKinds: ["COUNTRY", "ORGANIZATION", "PERSON", "GROUP"] }),
  ...T("COOPERATE", ["cooperation", "partnership"], { noun: true, next: ["with", "between"] }),
  // AID (07): funding and rescue.
  ...T("AID", ["fund", "finance", "bankroll", "subsidize", "subsidise"], { objKinds: ["PERSON", "COUNTRY", "ORGANIZATION", "GROUP"] }),
  ...T("AID", ["donation", "donations", "loan", "loans", "grant", "grants", "package"], { noun: true, next: ["to", "for"] }),
  // CONCEDE (08): give in, return, release, call off, grant.
  ...T("CONCEDE", ["pardon", "amnesty"], { objKinds: ["PERSON", "GROUP"] }),
  ...T("CONCEDE", ["reopen"], { within: ["border", "borders", "crossing", "crossings", "embassy", "consulate", "airport", "port", "road", "schools", "churches", "mosques"] }),
  ...T("CONCEDE", ["call"], { next: ["off"], within: ["strike", "protest", "protests", "boycott", "demonstration", "offensive", "attack", "operation", "sanctions", "blockade", "march"] }),
  ...T("CONCEDE", ["drop", "abandon", "withdraw"], { within: ["charges", "demands", "demand", "objections", "objection", "opposition", "claim", "claims", "lawsuit", "case", "veto", "candidacy"] }),
  ...T("CONCEDE", ["back", "give", "climb"], { next: ["down", "in"] }),
  ...T("CONCEDE", ["yield", "succumb", "bow"], { next: ["to"] }),
  ...T("CONCEDE", ["return", "hand"], { within: ["territory", "land", "lands", "bodies", "remains", "property", "prisoners", "hostages", "captives", "villages", "islands", "control"] }),
  ...T("CONCEDE", ["grant", "restore"], { within: ["amnesty", "autonomy", "independence", "concessions", "rights", "pardon", "pardons", "access", "freedom", "freedoms", "citizenship"] }),
  ...T("CONCEDE", ["unfreeze"]),
  ...T("CONCEDE", ["concessions", "concession", "amnesty", "ceasefire"], { noun: true, after: ["make", "grant", "declare", "announce"] }),
  // RETREAT (08 yield, 0874 withdraw): step down, lay down arms, hand in weapons.
  ...T("RETREAT", ["step"], { next: ["down", "aside"], noTarget: true }),
  ...T("RETREAT", ["abdicate"], { noTarget: true }),
  ...T("RETREAT", ["lay", "hand", "give", "turn"], { within: ["arms", "weapons", "guns"] }),
  ...T("RETREAT", ["resignation", "retreat", "demobilization", "demobilisation", "disarmament"], { noun: true, after: ["announce", "tender", "offer", "submit", "complete", "begin", "start", "hand", "file"] }),
  // MOBILIZE (15): station, dispatch, mass, put on alert, build up.
  ...T("MOBILIZE", ["station", "dispatch", "amass", "muster", "rush", "move"], { within: ["troops", "forces", "soldiers", "warships", "tanks", "police", "reinforcements", "units", "battalions", "divisions", "militia", "militias", "army", "navy", "marines", "jets", "missiles"] }),
  ...T("MOBILIZE", ["put", "place"], { within: ["alert", "readiness"] }),
  ...T("MOBILIZE", ["deployment", "mobilization", "mobilisation", "build-up", "buildup"], { noun: true, notNext: ["by"] }),
  ...T("MOBILIZE", ["alert"], { noun: true, prev: ["high", "full", "maximum", "combat", "red"] }),
  // SANCTION (16): cut ties, close missions, cancel meetings, impose tariffs, blacklist.
  ...T("SANCTION", ["break", "cut", "sever", "downgrade", "terminate", "scrap", "curtail", "reduce", "close"], { within: ["ties", "relations", "links", "embassy", "consulate", "mission", "contacts", "diplomatic", "aid", "cooperation"] }),
  ...T("SANCTION", ["cancel", "postpone", "scrap", "suspend", "call"], { within: ["visit", "trip", "summit", "talks", "meeting", "negotiations", "exercises", "drills", "flights", "deal", "agreement", "contract"] }),
  ...T("SANCTION", ["blacklist", "embargo"]),
  ...T("SANCTION", ["tariffs", "tariff", "blockade"], { noun: true, after: ["impose", "slap", "levy", "announce", "extend", "raise", "tighten"] }),
  ...T("SANCTION", ["boycott", "boycotts"], { noun: true }),
  // COERCE (17): repression, expropriation, restrictions, detention, destruction of property.
  ...T("COERCE", ["place", "put", "keep", "hold"], { within: ["arrest", "custody", "detention"] }),
  // REJECT (12): a court striking down a law or ruling against someone.
  ...T("REJECT", ["strike"], { next: ["down"] }),
  ...T("COERCE", ["crack"], { next: ["down"] }),
  ...T("COERCE", ["round"], { next: ["up"] }),
  ...T("COERCE", ["evict", "expropriate", "nationalize", "nationalise", "suppress", "repress", "harass", "intimidate", "persecute", "sentence", "convict", "bulldoze", "torch", "loot", "vandalize", "vandalise", "raid", "search", "deport", "expel", "silence", "muzzle", "gag"], { objKinds: ["PERSON", "GROUP", "ORGANIZATION"] }),
  ...T("COERCE", ["burn", "set"], { within: ["houses", "homes", "buildings", "villages", "churches", "mosques", "offices", "cars", "vehicles", "shops", "fire", "ablaze"] }),
  ...T("COERCE", ["shut", "close"], { within: ["newspaper", "newspapers", "station", "stations", "website", "websites", "media", "outlet", "outlets", "broadcaster", "office", "offices", "school", "schools", "university", "universities", "party", "parties", "ngo", "ngos", "internet"] }),
  ...T("COERCE", ["fire", "use"], { within: ["tear", "teargas", "water", "rubber", "batons", "truncheons"] }),
  ...T("COERCE", ["detention", "detentions", "deportation", "deportations", "expulsions", "arrest", "ban", "restrictions", "restriction", "lockdown"], { noun: true, after: ["impose", "order", "announce", "extend", "carry", "make", "issue", "declare", "enforce", "tighten"] }),
  ...T("COERCE", ["emergency"], { noun: true, prev: ["of"], after: ["declare", "impose", "announce", "extend"] }),
  ...T("COERCE", ["hostage", "hostages", "captive", "prisoner"], { noun: true, after: ["take", "hold", "seize"] }),
  // ASSAULT (18-20): the verbs and nouns of violence.
  ...T("ASSAULT", ["slaughter", "injure", "beat", "rape", "snipe", "blast", "pound", "hit", "target"], { objKinds: ["PERSON", "GROUP", "ORGANIZATION", "COUNTRY", "LOCATION"] }),
  ...T("ASSAULT", ["explode", "detonate", "plant", "set"], { within: ["bomb", "bombs", "device", "devices", "explosives", "explosive", "mine", "mines", "car"] }),
  ...T("ASSAULT", ["gun", "shoot", "mow"], { next: ["down"] }),
  ...T("ASSAULT", ["fire", "launch", "lob", "drop"], { within: ["missile", "missiles", "rocket", "rockets", "shell", "shells", "mortar", "mortars", "grenade", "grenades", "bombs", "bomb", "shots", "bullets", "drones", "salvo", "barrage"] }),
  ...T("ASSAULT", ["cleansing"], { noun: true, prev: ["ethnic"] }),
  ...T("ASSAULT", ["genocide", "killing", "killings", "murder", "murders", "shooting", "shootings", "atrocities", "massacres", "executions", "bombardment", "hostilities", "onslaught", "barrage", "crossfire", "war", "violence"], { noun: true, after: ["commit", "carry", "wage", "launch", "perpetrate", "unleash", "stage", "open", "begin", "start", "engage", "escalate"] }),
  // PROTEST (14): walk-outs, sit-ins, vigils, take to the streets.
  ...T("PROTEST", ["walk", "stage"], { next: ["out"] }),
  ...T("PROTEST", ["take"], { within: ["streets"] }),
  ...T("PROTEST", ["vigil", "vigils", "sit-ins", "walkouts", "boycott"], { noun: true, after: ["hold", "stage", "organize", "organise", "launch", "begin", "call", "join"] }),
  // ACCUSE (09, 11, 114 complain officially): an official protest, charges, impeachment.
  ...T("ACCUSE", ["impeach", "arraign", "sue", "interrogate", "question"], { objKinds: ["PERSON", "GROUP", "ORGANIZATION", "COUNTRY"] }),
  ...T("ACCUSE", ["protest", "complaint", "complaints", "charges", "indictment", "impeachment", "case", "criticism", "condemnation", "accusation", "accusations"], { noun: true, after: ["lodge", "file", "register", "issue", "deliver", "send", "bring", "press", "level", "launch", "voice", "express"] }),
  // REQUEST (02, 10): apply for, ask for.
  ...T("REQUEST", ["apply"], { next: ["for"], within: ["asylum", "membership", "aid", "help", "loan", "visa", "extradition", "assistance"] }),
  ...T("REQUEST", ["petition", "requests", "appeals", "pleas"], { noun: true, after: ["issue", "send", "deliver", "submit", "make", "lodge", "file", "present", "renew", "repeat"] }),
  // REJECT (12): defy, boycott talks, walk away.
  ...T("REJECT", ["snub", "spurn", "boycott"], { within: ["talks", "meeting", "summit", "negotiations", "elections", "election", "vote", "session", "conference", "ceremony"] }),
  ...T("REJECT", ["walk"], { next: ["away"], within: ["talks", "negotiations", "deal", "agreement", "table"] }),
  // SUPPORT (05): side with, stand by, express support or solidarity.
  ...T("SUPPORT", ["side", "stand"], { next: ["with", "by"] }),
  ...T("SUPPORT", ["support", "solidarity", "backing", "recognition", "condolences", "sympathy"], { noun: true, after: ["express", "voice", "pledge", "offer", "declare", "reaffirm", "reiterate", "extend", "give", "lend"] }),
  // AGREE (03 intent to cooperate, settle): reach or strike a deal.
  ...T("AGREE", ["agreement", "deal", "accord", "truce", "compromise", "settlement", "understanding", "ceasefire", "consensus"], { noun: true, after: ["reach", "strike", "broker", "hammer", "clinch", "seal", "forge", "conclude"] }),
]) {
  const map = trig.noun ? NOUN_TRIGGERS : VERB_TRIGGERS;
  const list = map.get(word) ?? [];
  list.push(trig as EventTrigger);
  map.set(word, list);
}
// A verb with its particle ("struck down", "stepped down") is a more specific reading than without.
for (const list of VERB_TRIGGERS.values()) list.sort((x, y) => Number(!!y.next) - Number(!!x.next));
// A noun read through its governing verb is the more specific reading ("lodged a protest" is an
// official complaint before it is a street protest): those are tried first.
for (const list of NOUN_TRIGGERS.values()) list.sort((x, y) => Number(!!y.after) - Number(!!x.after));

/** surface form -> lemma for trigger verbs. */
export const TRIGGER_VERB_FORMS: Map<string, string> = new Map();
for (const lemma of VERB_TRIGGERS.keys()) for (const f of inflect(lemma)) if (!TRIGGER_VERB_FORMS.has(f)) TRIGGER_VERB_FORMS.set(f, lemma);

/** Nouns that turn a following "to VERB" into an announced intention, and whose possessor is the agent. */
export const INTENTION_NOUNS = new Set([
  "intention", "intent", "plan", "plans", "decision", "readiness", "bid", "move", "threat", "pledge",
  "promise", "vow", "offer", "proposal", "effort", "efforts", "attempt", "determination", "desire",
]);
/** Adjectives of readiness: "X is ready / willing / prepared to VERB" announces an intention. */
export const INTENT_ADJECTIVES = new Set(["ready", "willing", "prepared", "committed", "determined", "eager", "keen", "sworn", "poised"]);
/** Modal verbs that announce a future action ("Iraq said it would allow ..."). */
export const FUTURE_MODALS = new Set(["will", "would", "'ll", "shall", "wo"]);
/**
 * Announced actions change type (CAMEO 03 "express intent to cooperate" -> AGREE, CAMEO 13
 * "threaten" -> THREATEN): a promised cooperative act is an AGREE, a hostile act announced with
 * readiness or an "unless" condition is a THREATEN.
 */
export const COOPERATIVE_KINDS = new Set<EventKind>(["AID", "CONSULT", "CONCEDE", "COOPERATE", "SUPPORT", "RETREAT", "AGREE"]);
export const HOSTILE_KINDS = new Set<EventKind>(["ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"]);
/** Hostile verbs that are not event triggers of their own ("vowed to fight", "swore to retaliate"). */
export const HOSTILE_VERBS = new Set(["fight", "retaliate", "punish", "destroy", "crush", "avenge", "wipe", "annihilate", "topple", "overthrow", "oust"]);
/** Conditions after a hostile announcement that make it a threat. */
export const THREAT_CONDITIONS = new Set(["unless", "otherwise"]);

/** Words that mark an event as announced / intended rather than having occurred. */
export const FUTURE_MARKERS = new Set([
  "will", "would", "shall", "'ll", "plan", "plans", "planned", "planning", "intend", "intends", "intended",
  "decide", "decided", "decides", "threaten", "threatened", "threatens", "vow", "vowed", "pledge",
  "pledged", "promise", "promised", "ready", "prepared", "going", "aim", "aims", "seek", "seeks", "sought",
  ...INTENTION_NOUNS,
]);
/** Words that make an event hypothetical or negated: no event is emitted. */
export const IRREALIS = new Set(["could", "might", "may", "whether", "if", "unless", "should", "must"]);
export const NEGATORS = new Set(["not", "n't", "never", "no"]);
export const FAILURE_WORDS = new Set(["fail", "fails", "failed", "failing", "failure", "refuse", "refused", "refuses", "refusing", "unable", "declined", "declines", "decline", "declining"]);
export const HEDGES = new Set(["reportedly", "allegedly", "purportedly", "apparently", "supposedly", "ostensibly"]);

// ---------------------------------------------------------------------------------------------
// Actors
// ---------------------------------------------------------------------------------------------

/** Titles bound to a following person name. Lower-case, longest first when matched. */
export const TITLES = [
  "prime minister", "deputy prime minister", "foreign minister", "defence minister", "defense minister",
  "interior minister", "finance minister", "justice minister", "health minister", "economy minister",
  "energy minister", "trade minister", "education minister", "emergencies minister", "minister",
  "president", "vice president", "vice-president", "secretary of state", "secretary-general",
  "secretary general", "secretary", "chancellor", "king", "queen", "prince", "princess", "emir", "sheikh",
  "sultan", "pope", "governor", "mayor", "senator", "sen.", "representative", "rep.", "congressman",
  "congresswoman", "ambassador", "envoy", "general", "gen.", "colonel", "col.", "major", "lieutenant",
  "commander", "admiral", "chairman", "chairwoman", "chair", "chief", "spokesman", "spokeswoman",
  "spokesperson", "speaker", "judge", "justice", "leader", "opposition leader", "director",
  "ceo", "premier", "ayatollah", "patriarch", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms",
  "deputy", "attorney general", "chief executive", "foreign secretary", "home secretary",
  "national security advisor", "national security adviser", "advisor", "adviser", "special envoy", "solicitor general",
];
/** Honorifics: a title that says "person" but is not a role worth recording. */
export const HONORIFICS = new Set(["dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms"]);
export const TITLE_SET = new Set(TITLES);
export const TITLE_MAX_WORDS = 3;

/** Head words that make a capitalised chunk an organisation. */
export const ORG_HEADS = new Set([
  "organization", "organisation", "union", "council", "ministry", "party", "committee", "agency", "bank",
  "court", "parliament", "assembly", "army", "forces", "alliance", "association", "fund", "commission",
  "department", "company", "inc", "inc.", "corp", "corp.", "ltd", "university", "institute", "police",
  "service", "office", "front", "movement", "group", "coalition", "federation", "league", "congress",
  "senate", "cabinet", "government", "guard", "brigade", "brigades", "corps", "authority", "board",
  "bureau", "foundation", "network", "times", "post", "news", "agency", "program", "programme",
  "watch", "international", "tribunal", "nations", "church", "secretariat", "mission", "directorate", "navy",
  "force", "airlines", "airways", "railways", "embassy", "consulate", "regiment", "battalion", "division", "community", "cross", "crescent",
]);
/** Heads that make a chunk a place ("the Nagorno-Karabakh region"). */
export const LOCATION_HEADS = new Set([
  "region", "province", "island", "islands", "mountains", "river", "sea", "valley", "strait", "peninsula",
  "desert", "oblast", "krai", "district", "county", "square", "street", "avenue", "city", "town",
  "village", "enclave", "territory", "territories", "state", "area", "bay", "gulf", "ocean", "coast",
  "basin", "plateau", "corridor", "border", "airport", "port", "camp", "prefecture", "governorate",
]);
/** Prepositions after which an unknown capitalised chunk is a place. */
export const LOCATIVE_PREPS = new Set(["in", "near", "outside", "inside", "across", "throughout", "into", "around"]);

/**
 * Seats of government used as metonyms for their state. No package lists these; capitals come
 * from world-countries. Keys are lower-case surface forms without the article.
 */
export const SEATS_OF_GOVERNMENT: Record<string, string> = {
  kremlin: "RUS", "white house": "USA", pentagon: "USA", "capitol hill": "USA", "state department": "USA",
  "downing street": "GBR", whitehall: "GBR", elysee: "FRA", "élysée": "FRA", "elysee palace": "FRA",
  "zhongnanhai": "CHN", "quai d'orsay": "FRA", "blue house": "KOR", "bundestag": "DEU",
};
/**
 * Press names of countries that neither package carries (with dots, as abbreviations, or the
 * short "Britain"). Short all-caps keys are only matched when written in capitals.
 */
export const PRESS_COUNTRY_NAMES: Record<string, string> = {
  "U.S.": "USA", US: "USA", USA: "USA", "U.S.A.": "USA", UK: "GBR", "U.K.": "GBR", UAE: "ARE", "U.A.E.": "ARE",
  DPRK: "PRK", PRC: "CHN", ROK: "KOR", Britain: "GBR", Bosnia: "BIH", Czechia: "CZE",
};

/** Press demonyms the packages lack or carry only in a combined form ("Bosnian, Herzegovinian"). */
export const PRESS_DEMONYMS: Record<string, string> = {
  Serb: "SRB", Croat: "HRV", Bosnian: "BIH", Kosovar: "XKX", Emirati: "ARE", Congolese: "COD",
  Yemeni: "YEM", Saudi: "SAU", Soviet: "RUS", Czechoslovak: "CZE", Yugoslav: "SRB",
};

/**
 * Collective nouns for groups of people. `state` marks nouns that stand for the state itself when
 * a country modifies them ("the Armenian government" = Armenia). `bare` marks nouns that are
 * meaningful actors on their own ("protesters clashed with police"); others need a modifier.
 */
export interface GroupNoun { plural: string; state?: boolean; bare?: boolean }
const G = (forms: string[], plural: string, opts: Omit<GroupNoun, "plural"> = {}) =>
  forms.map((f) => [f, { plural, ...opts }] as const);
export const GROUP_NOUNS: Map<string, GroupNoun> = new Map([
  ...G(["government", "governments"], "government", { state: true }),
  ...G(["authorities"], "authorities", { state: true }),
  ...G(["administration"], "administration", { state: true }),
  ...G(["regime"], "regime", { state: true }),
  // "the Turkish side said": the state a side of a dispute is.
  ...G(["side", "sides"], "side", { state: true }),
  ...G(["military"], "military", { state: true }),
  ...G(["army"], "army", { state: true }),
  ...G(["protester", "protesters", "protestor", "protestors"], "protesters", { bare: true }),
  ...G(["demonstrator", "demonstrators"], "demonstrators", { bare: true }),
  ...G(["police", "policemen", "police officers"], "police", { bare: true }),
  ...G(["riot police"], "riot police", { bare: true }),
  ...G(["rebel", "rebels"], "rebels", { bare: true }),
  ...G(["militant", "militants"], "militants", { bare: true }),
  ...G(["insurgent", "insurgents"], "insurgents", { bare: true }),
  ...G(["separatist", "separatists"], "separatists", { bare: true }),
  ...G(["guerrilla", "guerrillas", "guerilla", "guerillas"], "guerrillas", { bare: true }),
  ...G(["troops"], "troops", { bare: true }),
  ...G(["soldier", "soldiers"], "soldiers", { bare: true }),
  ...G(["peacekeeper", "peacekeepers"], "peacekeepers", { bare: true }),
  ...G(["forces"], "forces"),
  ...G(["security forces"], "security forces", { bare: true }),
  ...G(["official", "officials"], "officials"),
  ...G(["prosecutor", "prosecutors"], "prosecutors", { bare: true }),
  ...G(["investigators"], "investigators", { bare: true }),
  ...G(["attorneys general"], "attorneys general", { bare: true }),
  ...G(["senators", "congressmen"], "legislators", { bare: true }),
  ...G(["diplomat", "diplomats"], "diplomats"),
  ...G(["negotiator", "negotiators"], "negotiators"),
  ...G(["lawmaker", "lawmakers", "legislators"], "lawmakers"),
  ...G(["activist", "activists"], "activists", { bare: true }),
  ...G(["opposition"], "opposition"),
  ...G(["navy"], "navy"),
  ...G(["students"], "students", { bare: true }),
  ...G(["workers"], "workers", { bare: true }),
  ...G(["farmers"], "farmers", { bare: true }),
  ...G(["leaders"], "leaders", { bare: true }),
  ...G(["ministry"], "ministry"),
  // People who act in conflict and protest reports; meaningful on their own ("gunmen opened fire").
  ...G(["fighter", "fighters"], "fighters", { bare: true }),
  ...G(["gunman", "gunmen", "shooter", "shooters"], "gunmen", { bare: true }),
  ...G(["attacker", "attackers", "assailant", "assailants"], "attackers", { bare: true }),
  ...G(["bomber", "bombers", "suicide bomber"], "bombers", { bare: true }),
  ...G(["hijackers"], "hijackers", { bare: true }),
  ...G(["kidnappers", "hostage-takers"], "kidnappers", { bare: true }),
  ...G(["extremist", "extremists"], "extremists", { bare: true }),
  ...G(["fundamentalist", "fundamentalists"], "fundamentalists", { bare: true }),
  ...G(["islamist", "islamists", "jihadist", "jihadists"], "islamists", { bare: true }),
  ...G(["terrorist", "terrorists", "terror group"], "terrorists", { bare: true }),
  ...G(["militia", "militias", "militiamen"], "militias", { bare: true }),
  ...G(["youths"], "youths", { bare: true }),
  ...G(["civilians"], "civilians", { bare: true }),
  // The people violence and repression fall on, named by what they were doing or who they are.
  ...["shoppers", "worshippers", "worshipers", "passengers", "pilgrims", "tourists", "voters", "patients", "pupils", "schoolchildren", "children", "minors", "women", "smugglers", "suspects", "dissidents", "bloggers", "critics", "opponents", "lawyers", "judges", "monks", "priests", "nuns", "fishermen", "miners", "teachers", "nurses", "truckers", "drivers", "asylum seekers", "counter-protesters"].flatMap((w) => G([w], w, { bare: true })),
  ...G(["villagers", "residents"], "residents", { bare: true }),
  ...G(["refugees"], "refugees", { bare: true }),
  ...G(["immigrants", "migrants"], "immigrants", { bare: true }),
  ...G(["settlers"], "settlers", { bare: true }),
  ...G(["prisoners", "detainees", "hostages"], "prisoners", { bare: true }),
  ...G(["journalists", "reporters"], "journalists", { bare: true }),
  ...G(["doctors"], "doctors", { bare: true }),
  ...G(["agents"], "agents", { bare: true }),
  ...G(["officers"], "officers", { bare: true }),
  ...G(["commanders"], "commanders", { bare: true }),
  ...G(["hackers"], "hackers", { bare: true }),
  ...G(["advisers", "advisors"], "advisers", { bare: true }),
  ...G(["personnel"], "personnel", { bare: true }),
  ...G(["observers", "monitors", "inspectors"], "inspectors", { bare: true }),
  ...G(["mediators"], "mediators", { bare: true }),
  ...G(["crowd", "crowds", "mob"], "crowd", { bare: true }),
  ...G(["aircraft", "warplanes", "jets", "fighter jets"], "aircraft", { bare: true }),
  ...G(["helicopters", "gunships", "drones"], "helicopters", { bare: true }),
  ...G(["tanks"], "tanks", { bare: true }),
  ...G(["warships", "vessels", "gunboats"], "warships", { bare: true }),
  ...G(["unions", "trade unions"], "unions", { bare: true }),
  // Ethnic and religious communities named as actors ("Iraqi Kurds demonstrated").
  ...G(["kurds"], "Kurds", { bare: true }),
  ...G(["croats"], "Croats", { bare: true }),
  ...G(["hutus", "hutu"], "Hutu", { bare: true }),
  ...G(["tutsis", "tutsi"], "Tutsi", { bare: true }),
  ...G(["tamils"], "Tamils", { bare: true }),
  ...G(["uighurs", "uyghurs"], "Uighurs", { bare: true }),
  ...G(["pashtuns"], "Pashtuns", { bare: true }),
  ...G(["shiites", "shias"], "Shiites", { bare: true }),
  ...G(["sunnis"], "Sunnis", { bare: true }),
  ...G(["muslims", "moslems"], "Muslims", { bare: true }),
  ...G(["christians"], "Christians", { bare: true }),
  ...G(["jews"], "Jews", { bare: true }),
  ...G(["arabs"], "Arabs", { bare: true }),
  ...G(["opposition groups", "opposition parties"], "opposition", { bare: true }),
  ...G(["rebel group", "rebel groups", "armed groups", "armed group", "militant group", "militant groups"], "armed groups", { bare: true }),
  ...G(["aid groups", "aid agencies", "relief agencies", "humanitarian agencies"], "aid agencies", { bare: true }),
  ...G(["delegation"], "delegation"),
  ...G(["newspaper"], "newspaper"),
  ...G(["court", "high court", "supreme court"], "court", { state: false }),
]);
/** "CSTO members", "its member states": resolve to the organisation itself. */
export const MEMBER_NOUNS = new Set(["member", "members", "member states", "member countries", "member nations", "allies"]);
/** Common-noun heads of an appositive that re-describes an organisation (", a Russia-led security alliance"). */
export const ORG_DESCRIPTORS = new Set([
  "alliance", "bloc", "organization", "organisation", "group", "body", "coalition", "union", "pact",
  "party", "agency", "movement", "federation", "league", "grouping", "militia", "network",
]);

export const PERSON_PRONOUNS = new Set(["he", "she", "him", "his", "her", "hers", "himself", "herself"]);
export const THING_PRONOUNS = new Set(["it", "its", "itself"]);
export const PLURAL_PRONOUNS = new Set(["they", "them", "their", "themselves"]);
/** Raising verbs after which "it" is expletive ("it turned out that", "it remains to be seen"). */
export const EXPLETIVE_IT_VERBS = new Set(["seems", "seemed", "appears", "appeared", "turned", "turns", "remains", "remained", "became", "becomes"]);
/** After "it is/was", these words make "it" expletive ("it is unclear whether", "it was time to"). */
export const EXPLETIVE_IT_CUES = new Set([
  "that", "to", "whether", "how", "why", "when", "what", "clear", "unclear", "likely", "unlikely", "possible",
  "impossible", "time", "important", "necessary", "difficult", "hard", "easy", "true", "believed", "expected",
  "reported", "said", "feared", "estimated", "thought", "understood", "known", "hoped",
]);

/** Capitalised words that never start an actor name. */
export const NON_NAME_WORDS = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
  "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "i", "the", "a", "an", "this", "that", "these", "those", "it", "he", "she", "we", "they", "you",
  "but", "and", "or", "however", "meanwhile", "also", "in", "on", "at", "as", "after", "before",
  "while", "when", "since", "if", "there", "here", "yesterday", "today", "tomorrow", "mr", "god",
  "covid-19", "covid", "coronavirus", "internet", "according", "earlier", "later", "last", "next",
  "new", "its", "his", "her", "their", "our", "my", "your", "what", "who", "why", "how", "where",
]);
export const DETERMINERS = new Set(["the", "a", "an", "these", "those", "this", "that", "such", "its", "their", "his", "her", "our", "both", "all", "some", "several", "many"]);
