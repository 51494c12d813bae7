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
  expel: ["expels", "expelled", "expelling"],
  compel: ["compels", "compelled", "compelling"],
  control: ["controls", "controlled", "controlling"],
  rally: ["rallies", "rallied", "rallying"],
};

/** Every surface form of a verb lemma (base, -s, -ed, -ing), lower-case. */
export function inflect(lemma: string): string[] {
  if (IRREGULAR[lemma]) return [lemma, ...IRREGULAR[lemma]];
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
  ]),
  ...RV("REJECT", "object", ["reject", "deny", "dismiss", "refute", "rebuff", "repudiate", "dispute", "rebut", "veto"]),
  ...RV("REQUEST", "object", ["urge", "demand", "appeal", "implore", "plead", "request", "exhort"]),
  ...RV("REQUEST", "to-inf", ["ask", "press", "push", "call"]),
  ...RV("THREATEN", "object", ["warn", "threaten", "caution"]),
  ...RV("SUPPORT", "object", ["support", "back", "welcome", "praise", "endorse", "commend", "hail", "applaud"]),
  ...RV("AGREE", "object", ["agree", "accept", "concur"]),
  // Commitments and refusals only count with an infinitive ("offered to hand over", "refused to lift").
  ...RV("AGREE", "to-inf", ["offer", "promise", "pledge"]),
  ...RV("REJECT", "to-inf", ["refuse", "decline"]),
]);

/** surface form -> lemma, for every reporting verb. */
export const REPORTING_FORMS: Map<string, string> = new Map();
for (const lemma of REPORTING_VERBS.keys()) for (const f of inflect(lemma)) REPORTING_FORMS.set(f, lemma);

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
  /** All participants are AGENTs ("clashes between X and Y"). */
  symmetric?: boolean;
  /** Nominal trigger (noun) - agent comes from a possessor or "by X", not a subject. */
  noun?: boolean;
}

const T = (kind: EventKind, lemmas: string[], extra: Omit<EventTrigger, "kind"> = {}) =>
  lemmas.map((l) => [l, { kind, ...extra }] as const);

/** Verb triggers by lemma and noun triggers by surface form; tried in order, the first whose constraints hold wins. */
export const VERB_TRIGGERS: Map<string, EventTrigger[]> = new Map();
export const NOUN_TRIGGERS: Map<string, EventTrigger[]> = new Map();
for (const [word, trig] of [
  // SANCTION: reduce or break relations; leaving an alliance is mode "withdraw".
  ...T("SANCTION", ["withdraw"], { mode: "withdraw", next: ["from"], objKinds: ["ORGANIZATION"] }),
  ...T("SANCTION", ["withdrawal"], { mode: "withdraw", noun: true, next: ["from"], objKinds: ["ORGANIZATION"] }),
  ...T("SANCTION", ["withdrawal"], { mode: "withdraw", noun: true }),
  ...T("SANCTION", ["leave", "quit", "exit"], { mode: "withdraw", objKinds: ["ORGANIZATION"] }),
  ...T("SANCTION", ["expel"], { mode: "expel" }),
  ...T("SANCTION", ["expulsion"], { mode: "expel", noun: true }),
  ...T("SANCTION", ["sanction"], { mode: "sanction" }),
  ...T("SANCTION", ["sanctions", "embargo"], { mode: "sanction", noun: true }),
  ...T("SANCTION", ["boycott"], { mode: "boycott" }),
  ...T("SANCTION", ["sever", "suspend", "cut"], { mode: "break", next: ["ties", "relations", "diplomatic", "links", "aid", "cooperation"] }),
  // RETREAT: pulling forces out.
  ...T("RETREAT", ["withdraw"], { next: ["troops", "forces", "soldiers", "its", "their"] }),
  ...T("RETREAT", ["retreat", "resign"]),
  // PROTEST
  ...T("PROTEST", ["protest", "demonstrate", "rally", "march", "riot", "picket"]),
  ...T("PROTEST", ["protest", "protests", "demonstration", "demonstrations", "rally", "rallies", "riots", "sit-in"], { noun: true }),
  ...T("PROTEST", ["strike"], { noun: true, prev: ["hunger", "general", "national", "nationwide"] }),
  ...T("PROTEST", ["block", "blockade"], { mode: "obstruct", within: ["road", "roads", "street", "streets", "highway", "highways", "bridge", "traffic", "transport", "railway", "access"] }),
  // ASSAULT
  ...T("ASSAULT", ["attack", "bomb", "shell", "invade", "raid", "ambush", "assassinate", "bombard", "storm", "kill", "torture", "abuse", "massacre", "execute", "wound", "behead"]),
  ...T("ASSAULT", ["fire"], { next: ["on", "at", "upon"] }),
  ...T("ASSAULT", ["clash"], { symmetric: true }),
  ...T("ASSAULT", ["clashes", "clash", "fighting"], { noun: true, symmetric: true }),
  ...T("ASSAULT", ["attack", "attacks", "offensive", "invasion", "bombing", "bombings", "shelling", "airstrike", "airstrikes", "assault", "incursion"], { noun: true }),
  ...T("ASSAULT", ["strike", "strikes"], { noun: true, prev: ["air", "missile", "drone", "military"] }),
  ...T("ASSAULT", ["campaign", "operation", "operations"], { noun: true, prev: ["military"] }),
  // CONCEDE
  ...T("CONCEDE", ["cede", "concede"]),
  ...T("CONCEDE", ["release", "free"], { next: ["prisoners", "hostages", "detainees"] }),
  ...T("CONCEDE", ["lift", "ease"], { within: ["sanctions", "curfew", "ban", "blockade", "restrictions", "embargo", "siege"] }),
  // CONSULT
  ...T("CONSULT", ["meet", "visit", "host", "negotiate", "mediate"]),
  ...T("CONSULT", ["talks", "meeting", "visit", "negotiations"], { noun: true, next: ["with", "between", "to"] }),
  // AID
  ...T("AID", ["donate"]),
  ...T("AID", ["aid", "assistance"], { noun: true, next: ["to"] }),
  // MOBILIZE
  ...T("MOBILIZE", ["deploy", "mobilize", "mobilise"]),
  // COERCE
  ...T("COERCE", ["arrest", "detain", "confiscate", "deport", "kidnap", "imprison", "jail", "outlaw", "ban", "seize"]),
  ...T("COERCE", ["curfew", "crackdown", "arrests"], { noun: true }),
  // AGREE as an event is the act of signing; "X agreed to ..." is an AGREE claim.
  ...T("AGREE", ["sign"], { within: ["agreement", "deal", "treaty", "accord", "pact", "memorandum", "ceasefire", "truce", "declaration", "protocol"] }),
  // COOPERATE
  ...T("COOPERATE", ["cooperate"]),
]) {
  const map = trig.noun ? NOUN_TRIGGERS : VERB_TRIGGERS;
  const list = map.get(word) ?? [];
  list.push(trig as EventTrigger);
  map.set(word, list);
}

/** surface form -> lemma for trigger verbs. */
export const TRIGGER_VERB_FORMS: Map<string, string> = new Map();
for (const lemma of VERB_TRIGGERS.keys()) for (const f of inflect(lemma)) if (!TRIGGER_VERB_FORMS.has(f)) TRIGGER_VERB_FORMS.set(f, lemma);

/** Nouns that turn a following "to VERB" into an announced intention, and whose possessor is the agent. */
export const INTENTION_NOUNS = new Set([
  "intention", "intent", "plan", "plans", "decision", "readiness", "bid", "move", "threat", "pledge",
  "promise", "vow", "offer", "proposal", "effort", "efforts", "attempt", "determination", "desire",
]);
/** Words that mark an event as announced / intended rather than having occurred. */
export const FUTURE_MARKERS = new Set([
  "will", "would", "shall", "'ll", "plan", "plans", "planned", "planning", "intend", "intends", "intended",
  "decide", "decided", "decides", "threaten", "threatened", "threatens", "vow", "vowed", "pledge",
  "pledged", "promise", "promised", "ready", "prepared", "going", "aim", "aims", "seek", "seeks", "sought",
  ...INTENTION_NOUNS,
]);
/** Words that make an event hypothetical or negated: no event is emitted. */
export const IRREALIS = new Set(["could", "might", "may", "whether", "if", "unless", "should"]);
export const NEGATORS = new Set(["not", "n't", "never", "no"]);
export const FAILURE_WORDS = new Set(["fail", "fails", "failed", "failing", "failure", "refuse", "refused", "refuses", "refusing"]);
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
  DPRK: "PRK", PRC: "CHN", ROK: "KOR", Britain: "GBR",
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
  ...G(["forces", "security forces"], "forces"),
  ...G(["official", "officials"], "officials"),
  ...G(["diplomat", "diplomats"], "diplomats"),
  ...G(["negotiator", "negotiators"], "negotiators"),
  ...G(["lawmaker", "lawmakers", "legislators"], "lawmakers"),
  ...G(["activist", "activists"], "activists", { bare: true }),
  ...G(["opposition"], "opposition"),
  ...G(["navy"], "navy"),
  ...G(["students"], "students"),
  ...G(["workers"], "workers"),
  ...G(["farmers"], "farmers"),
  ...G(["leaders"], "leaders"),
  ...G(["ministry"], "ministry"),
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
