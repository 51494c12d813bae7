/**
 * Actor mentions and within-article resolution.
 *
 * Pass 1 (left to right): proper-noun chunks, titles, gazetteer countries / capitals / demonyms,
 * acronyms defined as "Full Name (ACR)", group nouns ("Russian peacekeepers"), organisation members
 * ("CSTO members"), pronouns and "the country".
 * Pass 2: chunks seen before their full form (surname first, location before its "region").
 * Pass 3: pronouns and anaphors, in document order, against what was said before them.
 */
import type { ActorKind } from "./types.js";
import type { Analysis, Tok } from "./text.js";
import type { Budget } from "./budget.js";
import { GAZETTEER, GAZETTEER_FIRST, GAZETTEER_MAX_TOKENS, countryDemonym, countryName, normKey, type GazetteerEntry } from "./gazetteer.js";
import {
  GROUP_NOUNS, HONORIFICS, PLURAL_PRONOUNS, LOCATION_HEADS, LOCATIVE_PREPS, MEMBER_NOUNS, NON_NAME_WORDS, ORG_DESCRIPTORS,
  ORG_HEADS, PERSON_PRONOUNS, THING_PRONOUNS, EXPLETIVE_IT_VERBS, EXPLETIVE_IT_CUES, TITLE_MAX_WORDS, TITLE_SET,
} from "./lexicon.js";

export interface ActorRec {
  key: string;
  name: string;
  kind: ActorKind;
  country?: string;
  role?: string;
  parentKey?: string;
  aliases: Set<string>;
  confidence: number;
  /** Lower-case name tokens of a person, for surname matching. */
  nameToks?: string[];
  /** A person known only by office ("Armenia's foreign minister"); merged into the named holder. */
  office?: boolean;
  /** Surface name forms and how often they were seen (countries pick their canonical name from these). */
  forms: Map<string, number>;
}

export type PronounType = "person" | "thing" | "members" | "country" | "gov-of" | "own-of" | "plural" | "office";

export interface Mention {
  id: number;
  actorKey: string | null;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
  start: number;
  end: number;
  s: number;
  /** Pronoun or pronoun-based phrase ("He", "its members", "the country"): never an alias. */
  pronoun?: PronounType;
  /** Followed by a possessive "'s". */
  possessive: boolean;
  /** Unclassified capitalised chunk (kept for surname resolution and speaker promotion). */
  unknown?: boolean;
  /** Weak unknown: a single capitalised word at the start of a sentence. */
  weak?: boolean;
  /** How a pronoun was resolved: from a subject (strong) or merely the latest candidate (weak). */
  resolvedBy?: "local" | "subject" | "recent";
  /** For "gov-of": the mention whose government this is ("his government"). */
  ofMention?: Mention;
  /** For "office": the title it names ("the President", "the foreign minister"). */
  office?: string;
  /** Alias to record besides the mention text (e.g. the name without its title). */
  extraAliases?: string[];
  /** A demonym used as an attribute ("an Australian ultimatum"): not indexed, only used for targets. */
  attribute?: boolean;
}

const PUNCT_JOIN = new Set(["-", "–"]);
/** Last words that make a capitalised name a document, not an actor ("the Executive Order"). */
const DOCUMENT_HEADS = new Set(["order", "act", "bill", "law", "resolution", "report", "memorandum", "agreement", "treaty", "plan", "declaration", "constitution", "amendment", "accord", "protocol", "convention", "statement", "strategy", "initiative", "directive", "decree", "code", "charter", "doctrine", "rule", "policy", "budget"]);
/** First words of names of storms and diseases ("Typhoon Phanfone", "Hurricane Maria"): never actors. */
const HAZARD_FIRST = new Set(["typhoon", "hurricane", "cyclone", "storm", "tropical", "tornado", "covid", "sars", "sars-cov-2", "ebola", "wildfire"]);
const OBJECT_PRONOUNS = new Set(["him", "her", "them"]);
const CLAUSE_BREAKS = new Set([",", ";", "that", "and", "but", "or", "after", "before", "when", "while", "as", "because", "said", "says", "if", "who", "which", "until", "since"]);
/** Armed bodies that stand for their holder when a possessive pronoun owns them ("their forces"). */
const OWN_FORCES = new Set(["forces", "troops", "soldiers", "army", "military", "navy", "fighters", "militia", "militias", "militiamen"]);
/** Capitalised sentence openers the tagger may read as names ("Thousands marched"). */
const COMMON_OPENERS = new Set(["thousands", "hundreds", "dozens", "millions", "tens", "scores", "many", "some", "most", "several", "others", "police", "officials", "witnesses", "residents", "analysts", "critics", "experts", "both", "all", "none", "each", "authorities", "protesters", "troops", "soldiers", "rebels", "militants"]);
/** Lower-case heads that make the capitalised name before them an organisation ("the Houthi movement"). */
const ORG_NAME_HEADS = new Set(["movement", "group", "militia", "party", "faction", "organization", "organisation", "network", "coalition", "alliance", "rebels", "insurgency", "regime", "government", "administration", "army"]);
const NAME_JOINERS = new Set(["of", "for", "de", "al", "el", "bin", "ibn", "van", "von", "der", "del", "da", "la", "le", "du", "di", "dos", "das", "the", "&"]);
/** Joiners that usually separate two names; kept only inside a chunk that an acronym confirms. */
const WEAK_JOINERS = new Set(["and", "in", "on"]);
const PREPOSITION_POS = new Set(["ADP"]);
/** First words of the group nouns: a cheap pre-check before building two-word keys. */
const GROUP_FIRST_WORDS = new Set([...GROUP_NOUNS.keys()].map((k) => k.split(" ")[0]));
/** Nouns that may sit between a demonym and a group noun ("Haitian government officials"). */
const GROUP_MODIFIERS = new Set(["government", "military", "army", "security", "police", "border", "defense", "defence", "foreign", "opposition", "intelligence", "riot", "navy", "state", "federal"]);

/** How many earlier mentions a pronoun looks back through for its antecedent. */
const MAX_ANTECEDENT_DISTANCE = 300;

export class ActorTable {
  readonly actors = new Map<string, ActorRec>();
  readonly mentions: Mention[] = [];
  /** Outermost mention covering each token (-1 if none). */
  topOf: Int32Array;
  private acronyms = new Map<string, string>();
  /** Demonym attributes by first token; see `attributeAt`. */
  private attributes = new Map<number, Mention>();
  private aliasIndex = new Map<string, string>();
  constructor(readonly a: Analysis) {
    this.topOf = new Int32Array(a.toks.length).fill(-1);
  }

  // ----------------------------------------------------------------------------- registry

  private ensure(key: string, name: string, kind: ActorKind, conf: number): ActorRec {
    let r = this.actors.get(key);
    if (!r) {
      r = { key, name, kind, aliases: new Set(), confidence: conf, forms: new Map() };
      this.actors.set(key, r);
    }
    return r;
  }
  /** Internal key of a country's actor (whether or not it has been created yet). */
  countryKey(cca3: string): string {
    return `C:${cca3}`;
  }
  countryActor(cca3: string): ActorRec {
    const r = this.ensure(this.countryKey(cca3), countryName(cca3), "COUNTRY", 0.95);
    r.country = cca3;
    return r;
  }
  private personActor(name: string, conf: number): ActorRec {
    const r = this.ensure(`P:${normKey(name)}`, name, "PERSON", conf);
    r.nameToks ??= normKey(name).split(/[\s-]+/);
    return r;
  }
  private orgActor(name: string): ActorRec {
    return this.ensure(this.aliasIndex.get(normKey(name)) ?? `O:${normKey(name)}`, name, "ORGANIZATION", 0.85);
  }
  private locationActor(name: string): ActorRec {
    return this.ensure(this.aliasIndex.get(normKey(name)) ?? `L:${normKey(name)}`, name, "LOCATION", 0.7);
  }
  groupActor(name: string, cca3?: string): ActorRec {
    const r = this.ensure(`G:${normKey(name)}`, name, "GROUP", 0.8);
    if (cca3 && !r.country) {
      r.country = cca3;
      r.parentKey = this.countryActor(cca3).key;
    }
    return r;
  }
  get(key: string | null | undefined): ActorRec | undefined {
    return key ? this.actors.get(key) : undefined;
  }

  private addMention(t0: number, t1: number, actorKey: string | null, extra: Partial<Mention> = {}): Mention {
    const toks = this.a.toks;
    const m: Mention = {
      id: this.mentions.length, actorKey, t0, t1, start: toks[t0].start, end: toks[t1 - 1].end, s: toks[t0].s,
      possessive: isPossessive(toks, t1), ...extra,
    };
    this.mentions.push(m);
    if (actorKey && !m.unknown && !m.pronoun) {
      this.aliasIndex.set(normKey(this.text(m)), actorKey);
      for (const x of m.extraAliases ?? []) this.aliasIndex.set(normKey(x), actorKey);
    }
    return m;
  }
  text(m: Mention): string {
    return this.a.body.slice(m.start, m.end);
  }

  // ----------------------------------------------------------------------------- pass 1

  /** Finds and resolves mentions; with a spent budget it stops early and keeps what it found. */
  detect(budget?: Budget): void {
    const { toks, sents } = this.a;
    for (const s of sents) {
      let i = s.t0;
      while (i < s.t1 && !budget?.spent("actors")) i = this.detectAt(i, s.t0, s.t1, toks);
    }
    this.resolveLate();
    this.resolvePronouns(budget);
    this.finish();
  }

  /** Try every mention pattern at token i; returns the next token to look at. */
  private detectAt(i: number, sStart: number, sEnd: number, toks: Tok[]): number {
    const t = toks[i];
    if (t.pos === "PUNCT" || t.pos === "NUM") return i + 1;

    // Pronouns and "the country".
    if (t.pos === "PRON" || t.pos === "DET") {
      if (PERSON_PRONOUNS.has(t.lower)) {
        this.addMention(i, i + 1, null, { pronoun: "person" });
        return i + 1;
      }
      if (PLURAL_PRONOUNS.has(t.lower)) {
        this.addMention(i, i + 1, null, { pronoun: "plural" });
        return i + 1;
      }
      if (THING_PRONOUNS.has(t.lower)) {
        const n = toks[i + 1];
        if (t.lower === "its" && n && n.s === t.s && MEMBER_NOUNS.has(n.lower)) {
          this.addMention(i, i + 2, null, { pronoun: "members" });
          return i + 2;
        }
        if (t.lower === "it" && this.isExpletiveIt(i)) return i + 1;
        this.addMention(i, i + 1, null, { pronoun: "thing" });
        return i + 1;
      }
    }
    if (t.lower === "the" && toks[i + 1]?.lower === "country" && toks[i + 1].s === t.s) {
      this.addMention(i, i + 2, null, { pronoun: "country" });
      return i + 2;
    }

    // Group nouns: lower-case, or capitalised at the start of a sentence ("Officials said").
    const g = this.groupNounAt(i);
    if (g && (!t.cap || i === sStart || toks[i - 1]?.pos === "PUNCT" || /^\p{Lu}/u.test(GROUP_NOUNS.get(g.noun)!.plural))) {
      this.detectGroup(i, g.end, g.noun, sStart);
      return g.end;
    }

    // "al-Muhandis", "el-Sisi": an Arabic name written with a lower-case article.
    if ((t.lower === "al" || t.lower === "el") && toks[i + 1]?.text === "-" && toks[i + 1].start === t.end && toks[i + 2]?.cap && toks[i + 2].start === toks[i + 1].end) {
      const end = i + 3;
      if (t.cap) {
        // "Al-Qaeda", "Al-Shabaab": a name that opens with the article stands alone as an organisation.
        const name = this.a.body.slice(t.start, toks[i + 2].end);
        const r = this.orgActor(name);
        r.forms.set(name, (r.forms.get(name) ?? 0) + 1);
        this.addMention(i, end, r.key);
        return end;
      }
      // Like a surname: the full name elsewhere ("Abu Mahdi al-Muhandis") claims it, or it acts and becomes an actor.
      this.addMention(i, end, null, { unknown: true });
      return end;
    }
    if (!t.cap && toks[i - 1]?.lower === "the" && toks[i - 1].s === t.s) {
      // "the president said": an office named without its holder.
      const te = this.titleAt(i);
      const n = toks[te];
      if (te && !HONORIFICS.has(t.lower) && !(n && n.s === t.s && (n.cap || n.lower === "of" || n.pos === "NOUN"))) {
        this.addMention(i - 1, te, null, { pronoun: "office", office: this.a.body.slice(t.start, toks[te - 1].end).toLowerCase() });
        return te;
      }
    }
    if (!t.cap) {
      // "the Kremlin": a seat of government keeps its article.
      if (t.lower === "the") {
        const gz = this.gazetteerAt(i);
        if (gz?.entry.kind === "seat") return this.detectGazetteer(i, gz.end, gz.entry, sStart);
      }
      return i + 1;
    }
    if (NON_NAME_WORDS.has(t.lower) && !(t.lower === "the" && this.gazetteerAt(i))) return i + 1;
    if (!isNameTok(t, i === sStart)) {
      // A capitalised non-name at the start of a sentence may still begin a country name.
      const gz = this.gazetteerAt(i);
      if (gz) return this.detectGazetteer(i, gz.end, gz.entry, sStart);
      return i + 1;
    }
    return this.detectChunk(i, sStart, sEnd);
  }

  /** "It turned out that", "it is unclear whether", "it was reported that": no referent. */
  private isExpletiveIt(i: number): boolean {
    const toks = this.a.toks;
    const n = toks[i + 1];
    if (!n || n.s !== toks[i].s) return false;
    if (EXPLETIVE_IT_VERBS.has(n.lower)) return true;
    let k = i + 1;
    while (k < i + 4 && toks[k] && toks[k].s === n.s && (toks[k].pos === "AUX" || toks[k].pos === "ADV" || toks[k].pos === "PART")) k++;
    if (k === i + 1) return false;
    for (let j = k; j < Math.min(toks.length, k + 3); j++) if (EXPLETIVE_IT_CUES.has(toks[j].lower)) return true;
    return false;
  }

  private gazetteerAt(i: number, maxEnd = Infinity): { end: number; entry: GazetteerEntry } | null {
    const { toks, body } = this.a;
    const s = toks[i].s;
    let best: { end: number; entry: GazetteerEntry } | null = null;
    if (!GAZETTEER_FIRST.has(toks[i].lower) && toks[i].lower !== "the") return null;
    // "the Kremlin": the article is part of the key for seats, optional otherwise.
    for (let j = i; j < Math.min(toks.length, i + GAZETTEER_MAX_TOKENS, maxEnd); j++) {
      if (toks[j].s !== s) break;
      if (j > i && toks[j].pos === "PUNCT" && !PUNCT_JOIN.has(toks[j].text) && toks[j].text !== "." && toks[j].text !== "'") break;
      const surface = body.slice(toks[i].start, toks[j].end);
      const e = GAZETTEER.get(normKey(surface));
      if (!e) continue;
      // Short keys (US, UK, UAE) must be written in capitals; longer ones need a capital initial.
      const letters = surface.replace(/[^\p{L}]/gu, "");
      if (letters.length <= 3 ? letters !== letters.toUpperCase() : !/^\p{Lu}/u.test(surface.replace(/^the\s+/i, ""))) continue;
      best = { end: j + 1, entry: e };
    }
    if (!best && toks[i].lower === "the") {
      const r = this.gazetteerAt(i + 1, maxEnd);
      if (r && r.entry.kind === "seat") return r;
    }
    return best;
  }

  /** A country name, capital or seat standing alone; a demonym only when it modifies a group or title. */
  private detectGazetteer(i: number, end: number, e: GazetteerEntry, sStart: number): number {
    if (e.kind === "demonym") {
      // "Armenian Prime Minister ...", "Russian peacekeepers", "the Armenian government".
      const te = this.titleAt(end);
      if (te) {
        // "Russian opposition leader Alexei Navalny" / "the Armenian foreign minister"
        const toks = this.a.toks;
        let j = te;
        while (j < toks.length && toks[j].s === toks[i].s && isNameTok(toks[j], false) && !NON_NAME_WORDS.has(toks[j].lower)) j++;
        return this.detectTitled(i, end, te, j, sStart);
      }
      let k = end;
      while (k < this.a.toks.length && this.a.toks[k].pos === "ADJ" && !this.a.toks[k].cap && k - end < 2) k++;
      const g = this.groupNounAt(k);
      if (g) {
        this.detectGroup(g.start, g.end, g.noun, sStart);
        return g.end;
      }
      // "Armenian separatist rule": an attribute, not a reference to Armenia; kept aside for
      // target rules ("rejected an Australian ultimatum" answers Australia).
      const toks = this.a.toks;
      const e0 = e.cca3;
      const attr: Mention = {
        id: -1, actorKey: this.countryKey(e0), t0: i, t1: end, start: toks[i].start, end: toks[end - 1].end, s: toks[i].s, possessive: false, attribute: true,
      };
      this.attributes.set(i, attr);
      return end;
    }
    if (e.kind === "people") {
      // "Palestinians": the people of a country, a group that belongs to it.
      const g = this.groupActor(this.a.body.slice(this.a.toks[i].start, this.a.toks[end - 1].end), e.cca3);
      this.addMention(i, end, g.key);
      return end;
    }
    const r = this.countryActor(e.cca3);
    const m = this.addMention(i, end, r.key);
    if (e.kind === "name" && !e.press) {
      const nm = this.text(m).replace(/^the\s+/i, "");
      r.forms.set(nm, (r.forms.get(nm) ?? 0) + 1);
    }
    return end;
  }

  /** Longest title (1..3 words, any case) starting at token i: returns its end. */
  private titleAt(i: number): number {
    const toks = this.a.toks;
    let best = 0;
    let key = "";
    for (let j = i; j < Math.min(toks.length, i + TITLE_MAX_WORDS); j++) {
      if (toks[j].s !== toks[i].s) break;
      key += (j > i ? (toks[j].text === "-" || toks[j - 1].text === "-" ? "" : " ") : "") + toks[j].lower;
      if (TITLE_SET.has(key)) best = j + 1;
    }
    return best;
  }

  private groupNounAt(i: number): { start: number; end: number; noun: string } | null {
    const toks = this.a.toks;
    const t = toks[i];
    if (!t) return null;
    if (!GROUP_FIRST_WORDS.has(t.lower)) return null;
    const two = toks[i + 1] && toks[i + 1].s === t.s ? `${t.lower} ${toks[i + 1].lower}` : "";
    if (two && GROUP_NOUNS.has(two)) return { start: i, end: i + 2, noun: two };
    if (GROUP_NOUNS.has(t.lower) && (t.pos === "NOUN" || t.pos === "PROPN")) {
      const n = toks[i + 1];
      // "police station", "rebel group": the group noun is only a modifier here.
      if (n && n.s === t.s && (n.pos === "NOUN" || (n.pos === "PROPN" && !n.cap))) return null;
      return { start: i, end: i + 1, noun: t.lower };
    }
    return null;
  }

  /** Group noun at [i, end), with an optional country modifier before it or "of X" after it. */
  private detectGroup(i: number, end: number, noun: string, sStart: number): void {
    const toks = this.a.toks;
    const info = GROUP_NOUNS.get(noun)!;
    let start = i;
    let k = i - 1;
    // "Israeli helicopters and tanks": a second group noun shares the first one's nationality.
    if (toks[i - 1]?.lower === "and" && toks[i - 1].s === toks[i].s) {
      const prevM = this.mentions[this.mentions.length - 1];
      const pr = this.get(prevM?.actorKey);
      if (prevM && prevM.t1 === i - 1 && pr?.kind === "GROUP" && pr.country && !info.state) {
        const dem = countryDemonym(pr.country) ?? countryName(pr.country);
        this.addMention(i, end, this.groupActor(`${dem} ${info.plural}`, pr.country).key);
        return;
      }
    }
    // "Haitian government officials", "Serbian military police": adjectives and an institutional noun.
    while (k >= sStart && ((toks[k].pos === "ADJ" && !toks[k].cap) || GROUP_MODIFIERS.has(toks[k].lower)) && i - k <= 2) k--;
    let cca3: string | undefined;
    let possessor: Mention | undefined;
    if (k >= sStart) {
      const dem = this.gazetteerAt(k, i);
      const last = this.mentions[this.mentions.length - 1];
      if (dem && dem.end >= k + 1 && (dem.entry.kind === "demonym" || dem.entry.kind === "name")) {
        cca3 = dem.entry.cca3;
        start = k;
        // The gazetteer match may span several tokens ending at k ("South Korean").
      } else if (toks[k].lower === "'s" || toks[k].lower === "'") {
        if (last && last.t1 === k) possessor = last;
      } else if (toks[k].pos === "PRON" && (toks[k].lower === "his" || toks[k].lower === "her" || toks[k].lower === "its")) {
        const pm = this.mentions.find((m) => m.t0 === k);
        if (pm) possessor = pm;
      }
      // A multi-word demonym or name ending right before the noun ("South Korean troops", "United States forces").
      if (!cca3) {
        for (let b = Math.max(sStart, k - 2); b < k; b++) {
          const d = this.gazetteerAt(b, i);
          if (d && d.end === k + 1 && (d.entry.kind === "demonym" || d.entry.kind === "name")) {
            cca3 = d.entry.cca3;
            start = b;
            break;
          }
        }
      }
    }
    // "the government of Armenia"
    if (!cca3 && !possessor && toks[end]?.lower === "of" && toks[end + 1]) {
      const d = this.gazetteerAt(toks[end + 1].lower === "the" ? end + 2 : end + 1);
      if (d && d.entry.kind === "name" && info.state) cca3 = d.entry.cca3;
    }
    if (possessor && !cca3) {
      const pr = this.get(possessor.actorKey);
      if (pr?.kind === "COUNTRY") cca3 = pr.country;
      else if (info.state) {
        // "his government", "Pashinyan's government": the state the person speaks for (pass 3).
        this.addMention(possessor.t0, end, null, { pronoun: "gov-of", ofMention: possessor });
        return;
      } else if (OWN_FORCES.has(noun) && possessor.pronoun) {
        // "their forces had completed their withdrawal": the holder's own forces act for it (pass 3).
        this.addMention(possessor.t0, end, null, { pronoun: "own-of", ofMention: possessor });
        return;
      } else return; // "its officials": too weak to name a new group
    }
    // "French and Egyptian warships", "the Turkish and Greek sides": each nationality has the noun.
    const sharers: [number, number, string][] = [];
    if (cca3 && !possessor) {
      let e = start;
      while (e - 2 >= sStart && (toks[e - 1].lower === "and" || toks[e - 1].text === ",")) {
        let found: [number, number, string] | undefined;
        for (let b = Math.max(sStart, e - 4); b < e - 1 && !found; b++) {
          const d = this.gazetteerAt(b, e - 1);
          if (d && d.end === e - 1 && (d.entry.kind === "demonym" || (d.entry.kind === "name" && toks[b].cap))) found = [b, e - 1, d.entry.cca3];
        }
        if (!found || found[2] === cca3) break;
        sharers.push(found);
        e = found[0];
      }
    }
    if (info.state) {
      // "the Armenian government", "Iraq's interim government": the state itself.
      if (cca3) this.addMention(possessor ? possessor.t0 : start, end, this.countryActor(cca3).key);
      for (const [b, e, c] of sharers) this.addMention(b, e, this.countryActor(c).key);
      return;
    }
    if (cca3) {
      const dem = countryDemonym(cca3) ?? countryName(cca3);
      const r = this.groupActor(`${dem} ${info.plural}`, cca3);
      this.addMention(start, end, r.key);
      for (const [b, e, c] of sharers) this.addMention(b, e, this.groupActor(`${countryDemonym(c) ?? countryName(c)} ${info.plural}`, c).key);
      return;
    }
    // "U.N. helicopters", "NATO troops", "Red Cross officials": the organisation's people.
    const owner = this.mentions[this.mentions.length - 1];
    const ownerActor = this.get(owner?.actorKey);
    if (owner && owner.t1 === i && !owner.possessive && !owner.pronoun && ownerActor?.kind === "ORGANIZATION" && !info.state) {
      const r = this.groupActor(`${this.text(owner)} ${info.plural}`);
      r.parentKey ??= ownerActor.key;
      if (ownerActor.country) r.country ??= ownerActor.country;
      this.addMention(owner.t0, end, r.key);
      return;
    }
    if (info.bare) this.addMention(i, end, this.groupActor(info.plural).key);
  }

  /** A capitalised chunk starting at i: returns the next token index. */
  private detectChunk(i: number, sStart: number, sEnd: number): number {
    const { toks, body } = this.a;
    // Extend over names and joiners.
    let j = i + 1;
    let strongEnd = j; // end before the first weak joiner
    let sawWeak = false;
    while (j < sEnd) {
      const t = toks[j];
      if (isNameTok(t, false) && !NON_NAME_WORDS.has(t.lower) && t.lower !== "'s") {
        if (this.titleAt(j) && !isNameTok(toks[j - 1], false)) break;
        j++;
        if (!sawWeak) strongEnd = j;
        continue;
      }
      // Joiners: "of", "al-", hyphen without spaces, and (only for acronym-confirmed names) "and".
      let k = j;
      while (k < sEnd && k - j < 3) {
        const x = toks[k];
        const tight = PUNCT_JOIN.has(x.text) && x.start === toks[k - 1].end && toks[k + 1]?.start === x.end;
        if (tight || (!x.cap && NAME_JOINERS.has(x.lower)) || (!x.cap && WEAK_JOINERS.has(x.lower))) k++;
        else break;
      }
      if (k > j && k < sEnd && isNameTok(toks[k], false) && !NON_NAME_WORDS.has(toks[k].lower)) {
        if (toks.slice(j, k).some((x) => WEAK_JOINERS.has(x.lower))) sawWeak = true;
        j = k + 1;
        if (!sawWeak) strongEnd = j;
        continue;
      }
      break;
    }
    // "Full Name (ACR)"
    let acr = this.acronymAfter(j);
    if (sawWeak && !(acr && initialsMatch(toks.slice(i, j), acr.text))) {
      j = strongEnd;
      acr = this.acronymAfter(j);
    }
    const chunkText = body.slice(toks[i].start, toks[j - 1].end);
    const key = normKey(chunkText);

    // A country (or a capital) written as a name, possibly followed by more of a name.
    const gz = this.gazetteerAt(i, j);
    // "Iraqi Kurds", "Bosnian Serbs": a demonym and a capitalised group noun.
    if (gz && gz.entry.kind === "demonym" && gz.end < j && !acr) {
      const g = this.groupNounAt(gz.end);
      if (g && g.end === j) {
        this.detectGroup(g.start, g.end, g.noun, sStart);
        return j;
      }
      const people = this.gazetteerAt(gz.end, j);
      if (people && people.end === j && people.entry.kind === "people") {
        const r = this.groupActor(chunkText, people.entry.cca3);
        this.addMention(i, j, r.key);
        return j;
      }
    }
    // "Saudi Aramco", "Russian Railways": a name that opens with a demonym is a national body, not a person.
    if (gz && gz.entry.kind === "demonym" && gz.end < j && gz.end === i + 1 && !acr && !this.groupNounAt(gz.end) && !DOCUMENT_HEADS.has(toks[j - 1].lower) &&
      !toks.slice(gz.end, j).some((_, q) => this.titleAt(gz.end + q)) &&
      !this.gazetteerAt(gz.end, j) && toks.slice(gz.end, j).every((x) => x.cap)) {
      const r = this.orgActor(chunkText);
      r.country ??= gz.entry.cca3;
      r.confidence = Math.max(r.confidence, 0.6);
      r.forms.set(chunkText, (r.forms.get(chunkText) ?? 0) + 1);
      this.addMention(i, j, r.key);
      return j;
    }
    // "the Belarusian KGB", "Russia's FSB": a national body named by its acronym.
    if (gz && gz.entry.kind === "demonym" && gz.end === j - 1 && /^\p{Lu}{2,6}$/u.test(toks[j - 1].text) && !GAZETTEER.has(toks[j - 1].lower)) {
      const r = this.orgActor(chunkText);
      r.country ??= gz.entry.cca3;
      r.confidence = Math.max(r.confidence, 0.7);
      r.forms.set(chunkText, (r.forms.get(chunkText) ?? 0) + 1);
      this.addMention(i, j, r.key, { extraAliases: [toks[j - 1].text] });
      return j;
    }
    if (gz && gz.end === j && !(acr && gz.entry.kind !== "name")) {
      if (gz.entry.kind === "demonym") return this.detectGazetteer(i, j, gz.entry, sStart);
      const end = this.detectGazetteer(i, j, gz.entry, sStart);
      if (acr) {
        this.defineAcronym(acr, this.mentions[this.mentions.length - 1].actorKey!);
        return acr.t + 2;
      }
      return end;
    }

    const last = toks[j - 1].lower;
    // "Florida Department of Transportation", "Ministry of Defence", "Foreign Ministry".
    let orgByHead = ORG_HEADS.has(last);
    for (let k = i; k < j - 1 && !orgByHead; k++) orgByHead = ORG_HEADS.has(toks[k].lower) && (toks[k + 1].lower === "of" || toks[k + 1].lower === "for");
    // Titled person: [Country's | Demonym | Org] Title Name.
    if (!orgByHead && !acr) {
      for (let p = i; p < j; p++) {
        let te = this.titleAt(p);
        if (!te || te > j) continue;
        // "Deputy Emergency Situations Minister X": the role runs to the last title word before the name.
        for (let q = te; q < j - 1; q++) {
          const e = this.titleAt(q);
          if (e && e < j) te = e;
        }
        return this.detectTitled(i, p, te, j, sStart);
      }
      const titleBefore = this.titleEndingAt(i - 1, sStart);
      if (titleBefore) return this.detectTitled(titleBefore.from, titleBefore.start, i, j, sStart);
    }

    // "the Executive Order", "the Patriot Act": a document, not an actor.
    const documentName = (DOCUMENT_HEADS.has(last) || HAZARD_FIRST.has(toks[i].lower)) && !acr;
    let kind: ActorKind | null = null;
    let end = j;
    let conf = 0.6;
    if (acr || orgByHead) {
      kind = "ORGANIZATION";
      conf = acr ? 0.9 : 0.8;
    } else if (toks[j] && !toks[j].cap && ORG_NAME_HEADS.has(toks[j].lower) && toks[j].s === toks[i].s && toks[j + 1]?.pos !== "NOUN") {
      kind = "ORGANIZATION"; // "the Houthi movement", "the Islamic State group"
      end = j + 1;
      conf = 0.7;
    } else if (LOCATION_HEADS.has(last) && j - i > 1) {
      kind = "LOCATION";
    } else if (toks[j] && !toks[j].cap && LOCATION_HEADS.has(toks[j].lower) && toks[j].pos === "NOUN") {
      kind = "LOCATION"; // "the Nagorno-Karabakh region"
      end = j + 1;
    }
    // "George Kimbrell of the Center for Food Safety": a name, then what it belongs to.
    const ofAt = toks.slice(i, j).findIndex((x) => x.lower === "of");
    if (!kind && ofAt > 0 && !acr) return this.detectChunk(i, sStart, i + ofAt);
    const known = this.aliasIndex.get(key) ?? this.acronyms.get(chunkText);
    if (!kind && known) {
      this.addMention(i, j, known);
      return j;
    }
    if (!kind && /^[\p{Lu}.&]{2,8}$/u.test(chunkText) && /\p{Lu}.*\p{Lu}/u.test(chunkText)) {
      kind = "ORGANIZATION"; // NATO, EU, U.N.
      conf = 0.7;
    }
    if (!kind) {
      let k = i - 1;
      if (k >= sStart && (toks[k].lower === "the")) k--;
      if (k >= sStart && LOCATIVE_PREPS.has(toks[k].lower)) kind = "LOCATION";
      // "the besieged town of Gorazde", "the province of Herat"
      if (k > sStart && toks[k].lower === "of" && LOCATION_HEADS.has(toks[k - 1].lower)) kind = "LOCATION";
    }
    // Hyphens do not count as words: "Abu Mahdi al-Muhandis" is four.
    const nameWords = toks.slice(i, j).filter((x) => !PUNCT_JOIN.has(x.text)).length;
    if (!kind && !documentName && nameWords >= 2 && nameWords <= 4 && !toks.slice(i, j).some((x) => x.lower === "of" || x.lower === "for") && toks.slice(i, j).every((x) => /^\p{Lu}[\p{Ll}'.-]+$/u.test(x.text) || NAME_JOINERS.has(x.lower) || PUNCT_JOIN.has(x.text)) && !toks.slice(i, j).some((x) => GAZETTEER.has(x.lower))) {
      kind = "PERSON";
    }
    if (!kind && !documentName && toks[i - 1]?.lower === "the" && toks[i - 1].s === toks[i].s && !(toks[j] && toks[j].s === toks[i].s && (toks[j].pos === "NOUN" || toks[j].pos === "PROPN")) &&
      !LOCATIVE_PREPS.has(toks[i - 2]?.lower ?? "") && toks.slice(i, j).every((x) => x.pos === "PROPN" || PUNCT_JOIN.has(x.text) || NAME_JOINERS.has(x.lower))) {
      kind = "ORGANIZATION"; // "the Taliban", "the Houthis", "the Kremlin"-like names the gazetteer lacks
      conf = 0.5;
    }
    if (!kind) {
      // A single capitalised word opening a sentence is weak (any word is capitalised there) unless
      // the tagger reads it as a name that a verb follows ("Hamas fired").
      // Plural common nouns ("Tractors blocked roads", "Farmers marched") are not names either.
      const weak = i === sStart && j - i === 1 && !(toks[i].pos === "PROPN" && ["VERB", "AUX"].includes(toks[j]?.pos ?? "") && !COMMON_OPENERS.has(toks[i].lower) &&
        !/(ers|ors|ists|ants|ents|ees|ives|ings|ions|ies|men)$/.test(toks[i].lower));
      this.addMention(i, j, null, { unknown: true, weak });
      return j;
    }
    let name = chunkText;
    let mStart = i;
    let orgCountry: string | undefined;
    if (kind === "ORGANIZATION" && !acr) {
      // "Armenia's Foreign Ministry" is the Armenian Foreign Ministry, not just any foreign ministry.
      const prev = this.mentions[this.mentions.length - 1];
      const pr = this.get(prev?.actorKey);
      if (prev && prev.possessive && prev.t1 === i - 1 && pr?.kind === "COUNTRY" && pr.country) {
        orgCountry = pr.country;
        name = `${countryDemonym(pr.country) ?? pr.name} ${chunkText}`;
        mStart = prev.t0;
      }
    }
    if (end > j && kind === "ORGANIZATION") name = body.slice(toks[i].start, toks[end - 1].end);
    const r = kind === "ORGANIZATION" ? this.orgActor(name)
      : kind === "LOCATION" ? this.locationActor(name)
      : this.personActor(name, conf);
    r.confidence = Math.max(r.confidence, conf);
    if (kind === "ORGANIZATION") {
      const dem = this.gazetteerAt(i, j);
      if (orgCountry) r.country ??= orgCountry;
      else if (dem && dem.entry.kind !== "seat") r.country ??= dem.entry.cca3;
    }
    r.forms.set(name, (r.forms.get(name) ?? 0) + 1);
    const m = this.addMention(mStart, end, r.key, { extraAliases: end > j || mStart < i ? [name] : undefined });
    if (acr) this.defineAcronym(acr, r.key);
    if (kind === "ORGANIZATION") this.detectApposition(m.t1 + (acr ? 3 : 0));
    return acr ? acr.t + 2 : end;
  }

  /** "Full Name (ACR)": the parenthesised all-caps word after a chunk ending at j. */
  private acronymAfter(j: number): { t: number; text: string } | null {
    const toks = this.a.toks;
    if (toks[j]?.text !== "(" || toks[j + 2]?.text !== ")") return null;
    const x = toks[j + 1];
    return /^[\p{Lu}][\p{Lu}\p{N}&/.-]{1,9}$/u.test(x.text) ? { t: j + 1, text: x.text } : null;
  }
  private defineAcronym(acr: { t: number; text: string }, key: string): void {
    this.acronyms.set(acr.text, key);
    this.aliasIndex.set(normKey(acr.text), key);
    this.addMention(acr.t, acr.t + 1, key);
  }

  /** ", a Russia-led security alliance": an appositive that re-describes the organisation. */
  private detectApposition(j: number): void {
    const toks = this.a.toks;
    if (toks[j]?.text !== "," || !["a", "an", "the"].includes(toks[j + 1]?.lower ?? "")) return;
    const orgM = this.mentions.filter((m) => !m.pronoun && m.t1 <= j).pop();
    if (!orgM?.actorKey) return;
    for (let k = j + 2; k < Math.min(toks.length, j + 9); k++) {
      const x = toks[k];
      if (x.s !== toks[j].s || x.pos === "AUX" || (x.pos === "VERB" && !x.text.endsWith("led") && x.text !== "-") || x.text === ",") return;
      if (ORG_DESCRIPTORS.has(x.lower) && x.pos === "NOUN") {
        if (toks[k + 1]?.pos === "NOUN") continue; // "alliance members"
        this.addMention(j + 2, k + 1, orgM.actorKey);
        return;
      }
    }
  }

  /** A lower- or upper-case title ending at token e, possibly with a country modifier before it. */
  private titleEndingAt(e: number, sStart: number): { from: number; start: number } | null {
    for (let b = Math.max(sStart, e - TITLE_MAX_WORDS + 1); b <= e; b++) {
      if (this.titleAt(b) === e + 1) {
        let from = b;
        const prev = this.mentions[this.mentions.length - 1];
        if (prev && prev.t1 === b && !prev.pronoun) from = prev.t0;
        return { from, start: b };
      }
    }
    return null;
  }

  /**
   * [from, p): modifier (country possessive, demonym or organisation), [p, te): title,
   * [te, j): the person's name.
   */
  private detectTitled(from: number, p: number, te: number, j: number, sStart: number): number {
    const { toks, body } = this.a;
    const chunkEnd = j;
    let titleText = body.slice(toks[p].start, toks[te - 1].end);
    let cca3: string | undefined;
    let of: string | undefined;
    let start = from;
    // "Armenia's Prime Minister ...": the country mention just before the possessive.
    const prev = this.mentions[this.mentions.length - 1];
    if (from === p && toks[p - 1] && (toks[p - 1].lower === "'s" || toks[p - 1].lower === "'") && prev && prev.t1 === p - 1) {
      const pr = this.get(prev.actorKey);
      if (pr?.kind === "COUNTRY") cca3 = pr.country;
      else if (pr) of = pr.name;
      start = prev.t0;
    } else if (from < p) {
      const mod = body.slice(toks[from].start, toks[p - 1].end);
      const prevM = prev && prev.t0 === from ? prev : undefined;
      const gz = this.gazetteerAt(from, p);
      if (gz && gz.end === p) cca3 = gz.entry.cca3;
      else if (prevM?.actorKey && this.get(prevM.actorKey)?.kind === "COUNTRY") cca3 = this.get(prevM.actorKey)!.country;
      else if (gz && gz.entry.kind === "demonym" && gz.end < p && !this.gazetteerAt(gz.end, p)) {
        // "Norwegian Fisheries Minister": the country, and a portfolio that belongs to the title.
        cca3 = gz.entry.cca3;
        titleText = body.slice(toks[gz.end].start, toks[te - 1].end);
      } else if (!prevM) {
        // An organisation or other modifier inside the chunk: "Arab League Secretary General ..."
        of = mod;
      }
    }
    if (!cca3 && !of) {
      // "Prime Minister of Armenia Nikol Pashinyan" is rare; a demonym before a lower-case title is common.
      const gz = this.gazetteerAt(Math.max(sStart, from - 1), from);
      if (gz && gz.end === from && gz.entry.kind === "demonym") {
        cca3 = gz.entry.cca3;
        start = from - 1;
      }
    }
    const honorific = HONORIFICS.has(titleText.toLowerCase());
    const roleOf = () => (honorific ? undefined : `${capitalise(titleText)}${cca3 ? ` of ${countryName(cca3)}` : of ? ` of ${of}` : ""}`);
    let role = roleOf();
    if (te >= j) {
      // "The President said": the holder of that title named earlier in the article (pass 3).
      if (!cca3 && !of && !honorific && toks[p - 1]?.lower === "the" && from === p) {
        this.addMention(p - 1, te, null, { pronoun: "office", office: titleText.toLowerCase() });
        return Math.max(chunkEnd, te);
      }
      // Office without a name: "Armenia's foreign minister said". Only with a country, else too vague.
      if (!cca3 || !role) return Math.max(chunkEnd, from + 1);
      const r = this.personActor(role, 0.6);
      r.role ??= role;
      r.country ??= cca3;
      r.office = true;
      this.addMention(start, te, r.key);
      return chunkEnd;
    }
    // "King Hassan of Morocco": the country after "of" belongs to the role.
    for (let k = te + 1; k < j - 1; k++) {
      if (toks[k].lower !== "of") continue;
      const gz = this.gazetteerAt(k + 1, j);
      if (gz && gz.end === j && gz.entry.kind === "name") {
        cca3 ??= gz.entry.cca3;
        const r = this.countryActor(gz.entry.cca3);
        this.addMention(k + 1, j, r.key);
        j = k;
      }
      break;
    }
    const name = body.slice(toks[te].start, toks[j - 1].end);
    // A name that is itself a country or known organisation is not a person ("President of Russia").
    if (GAZETTEER.has(normKey(name))) return chunkEnd;
    role = roleOf();
    const end = j;
    const r = this.personActor(name, 0.9);
    r.confidence = Math.max(r.confidence, 0.9);
    if (role) r.role ??= role;
    if (cca3) r.country ??= cca3;
    r.forms.set(name, (r.forms.get(name) ?? 0) + 1);
    this.addMention(start, end, r.key, { extraAliases: [name] });
    return chunkEnd;
  }

  // ----------------------------------------------------------------------------- pass 2

  /** Chunks seen before their full form, and "CSTO members" style extensions. */
  private resolveLate(): void {
    const toks = this.a.toks;
    const persons = [...this.actors.values()].filter((r) => r.kind === "PERSON" && !r.office && r.nameToks && r.nameToks.length > 1);
    for (const m of this.mentions) {
      if (!m.unknown) continue;
      const key = normKey(this.text(m));
      const known = this.aliasIndex.get(key);
      if (known) {
        m.actorKey = known;
        m.unknown = false;
        continue;
      }
      // Surname (or the tail of a full name) of a person named elsewhere in the article.
      const words = key.split(/[\s-]+/);
      const cands = persons.filter((p) => p.nameToks!.length > words.length && p.nameToks!.slice(-words.length).join(" ") === words.join(" "));
      if (cands.length >= 1) {
        // Several people share the surname: take the one named last before this mention.
        let best = cands[0];
        let bestPos = -1;
        for (const c of cands) {
          for (const o of this.mentions) if (o.actorKey === c.key && o.start < m.start && o.start > bestPos) { best = c; bestPos = o.start; }
        }
        m.actorKey = best.key;
        m.unknown = false;
        m.weak = false;
      }
    }
    // "CSTO members" / "members of the CSTO": the organisation itself.
    for (const m of this.mentions) {
      const r = this.get(m.actorKey);
      if (!r || r.kind !== "ORGANIZATION" || m.pronoun) continue;
      const n = toks[m.t1];
      if (n && n.s === m.s && MEMBER_NOUNS.has(n.lower) && !m.possessive) {
        m.t1 += 1;
        m.end = n.end;
        m.possessive = isPossessive(toks, m.t1);
        continue;
      }
      let k = m.t0 - 1;
      if (toks[k]?.lower === "the") k--;
      if (toks[k]?.lower === "of" && MEMBER_NOUNS.has(toks[k - 1]?.lower ?? "")) {
        m.t0 = k - 1;
        m.start = toks[k - 1].start;
      }
    }
  }

  // ----------------------------------------------------------------------------- pass 3

  /** Sentence subject: first mention outside quotes before the first verb, not inside a PP. */
  subjectOf(s: number): Mention | undefined {
    const sent = this.a.sents[s];
    const toks = this.a.toks;
    for (let t = sent.t0; t < sent.t1; t++) {
      const x = toks[t];
      if (x.quoted) continue;
      if ((x.pos === "VERB" || x.pos === "AUX") && this.topOf[t] < 0) return undefined;
      const mi = this.topOf[t];
      if (mi >= 0) {
        const m = this.mentions[mi];
        const before = toks[m.t0 - 1];
        if (before && before.s === s && PREPOSITION_POS.has(before.pos) && before.lower !== "of") {
          t = m.t1 - 1;
          continue;
        }
        if (m.actorKey || m.pronoun) return m;
        t = m.t1 - 1;
      }
    }
    return undefined;
  }

  /**
   * "police fired tear gas at them": an object pronoun (him, her, them) is not the subject of its
   * own clause; that would be "themselves". Same clause = nothing between that opens another one.
   */
  private sameClauseSubject(x: Mention, m: Mention): boolean {
    if (x.s !== m.s || !OBJECT_PRONOUNS.has(this.a.toks[m.t0].lower)) return false;
    for (let k = x.t1; k < m.t0; k++) if (CLAUSE_BREAKS.has(this.a.toks[k].lower)) return false;
    return true;
  }

  private indexTop(): void {
    this.topOf.fill(-1);
    // Outermost first: longer spans claim their tokens before nested ones.
    const order = this.mentions.map((m) => m.id).sort((x, y) => {
      const a = this.mentions[x], b = this.mentions[y];
      return (b.t1 - b.t0) - (a.t1 - a.t0) || a.t0 - b.t0;
    });
    for (const id of order) {
      const m = this.mentions[id];
      if (m.unknown && m.weak) continue;
      for (let t = m.t0; t < m.t1; t++) if (this.topOf[t] < 0) this.topOf[t] = id;
    }
  }

  private resolvePronouns(budget?: Budget): void {
    this.mentions.sort((x, y) => x.start - y.start || (y.end - y.start) - (x.end - x.start));
    this.mentions.forEach((m, k) => (m.id = k));
    this.indexTop();
    const subjects = this.a.sents.map((_, s) => this.subjectOf(s));
    const seen: Mention[] = []; // resolved mentions in document order
    const kindOf = (m: Mention) => this.get(m.actorKey)?.kind;
    // An antecedent more than a few hundred mentions back is no antecedent; the cap keeps one
    // endless sentence full of pronouns linear.
    const lastWhere = (pred: (m: Mention) => boolean, minS: number, beforeStart: number): Mention | undefined => {
      for (let k = seen.length - 1; k >= Math.max(0, seen.length - MAX_ANTECEDENT_DISTANCE); k--) {
        const m = seen[k];
        if (m.s < minS) break;
        if (m.start < beforeStart && pred(m)) return m;
      }
      return undefined;
    };
    for (const m of this.mentions) {
      if (budget?.spent("pronouns")) break;
      if (m.pronoun && !m.actorKey) {
        let ante: Mention | undefined;
        const subjPrev = subjects[m.s - 1];
        const subjHere = subjects[m.s];
        switch (m.pronoun) {
          case "person":
            ante = lastWhere((x) => x.s === m.s && kindOf(x) === "PERSON" && !this.sameClauseSubject(x, m), m.s, m.start)
              ?? (subjPrev && kindOf(subjPrev) === "PERSON" ? subjPrev : undefined)
              ?? lastWhere((x) => kindOf(x) === "PERSON", m.s - 5, m.start);
            break;
          case "members":
            ante = lastWhere((x) => kindOf(x) === "ORGANIZATION", m.s - 10, m.start);
            break;
          case "thing": {
            const nonPerson = (x: Mention) => { const k = kindOf(x); return k === "COUNTRY" || k === "ORGANIZATION"; };
            ante = subjHere && subjHere.start < m.start && subjHere.actorKey && nonPerson(subjHere) ? subjHere : undefined;
            if (ante) { m.resolvedBy = "local"; break; }
            ante = lastWhere((x) => x.s === m.s && nonPerson(x), m.s, m.start);
            if (ante) { m.resolvedBy = "local"; break; }
            ante = subjPrev?.actorKey && nonPerson(subjPrev) ? subjPrev : undefined;
            if (ante) { m.resolvedBy = "subject"; break; }
            ante = lastWhere(nonPerson, m.s - 3, m.start);
            m.resolvedBy = "recent";
            break;
          }
          case "country":
            ante = lastWhere((x) => kindOf(x) === "COUNTRY", m.s - 3, m.start);
            break;
          case "plural": {
            // "they / their / them": a group (rebels, leaders) or organisation, preferably the
            // subject of this or the previous sentence; never a single person or a country.
            const plural = (x: Mention) => { const k = kindOf(x); return (k === "GROUP" || k === "ORGANIZATION") && !x.pronoun && !this.sameClauseSubject(x, m); };
            ante = subjHere && subjHere.start < m.start && subjHere.actorKey && plural(subjHere) ? subjHere : undefined;
            ante ??= lastWhere((x) => x.s === m.s && plural(x), m.s, m.start);
            ante ??= subjPrev?.actorKey && plural(subjPrev) ? subjPrev : undefined;
            ante ??= lastWhere(plural, m.s - 2, m.start);
            m.resolvedBy = ante && ante.s === m.s ? "local" : "recent";
            break;
          }
          case "office": {
            // The last person named with that title: "President Joe Biden ... The President said".
            const title = m.office ?? "";
            ante = lastWhere((x) => kindOf(x) === "PERSON" && !x.pronoun && (this.get(x.actorKey)?.role ?? "").toLowerCase().startsWith(title), m.s - 30, m.start);
            break;
          }
          case "gov-of":
            break; // after its possessor is resolved, below
        }
        if (ante?.actorKey) m.actorKey = ante.actorKey;
      }
      if (m.actorKey) seen.push(m);
    }
    // "their forces": the forces' holder, the actor the possessive pronoun resolved to.
    for (const m of this.mentions) if (m.pronoun === "own-of") m.actorKey = m.ofMention?.actorKey ?? null;
    // "his government", "Pashinyan's government": the state its holder speaks for.
    for (const m of this.mentions) {
      if (m.pronoun !== "gov-of") continue;
      const holder = this.get(m.ofMention?.actorKey);
      if (holder?.country) m.actorKey = this.countryActor(holder.country).key;
    }
  }

  private finish(): void {
    // Bare groups ("protesters", "police") take the country the paragraph is about ("in Armenia").
    const toks = this.a.toks;
    const sents = this.a.sents;
    let para = -1;
    let ctx: string | undefined;
    for (const m of this.mentions) {
      const p = sents[m.s].para;
      if (p !== para) { para = p; ctx = undefined; }
      const r = this.get(m.actorKey);
      if (!r) continue;
      if (r.kind === "COUNTRY" && LOCATIVE_PREPS.has(toks[m.t0 - 1]?.lower ?? "")) ctx = r.country;
      if (r.kind === "GROUP" && !r.country && ctx) r.country = ctx;
    }
    this.indexTop();
    // Aliases and canonical names.
    for (const m of this.mentions) {
      const r = this.get(m.actorKey);
      if (!r || m.pronoun || m.unknown) continue;
      const text = this.text(m);
      r.aliases.add(text);
      if (m.possessive) r.aliases.add(this.a.body.slice(m.start, toks[m.t1].end));
      for (const x of m.extraAliases ?? []) r.aliases.add(x);
    }
    for (const r of this.actors.values()) {
      if (r.kind === "COUNTRY") {
        // The text's own name for the country (Turkey, not Türkiye), if it used one.
        const forms = [...r.forms.entries()].filter(([f]) => f.length > 3 && f !== f.toUpperCase());
        forms.sort((x, y) => y[1] - x[1] || y[0].length - x[0].length);
        if (forms.length) r.name = forms[0][0];
      } else if (r.kind === "PERSON" || r.kind === "ORGANIZATION" || r.kind === "LOCATION") {
        const forms = [...r.forms.keys()].filter((f) => f !== f.toUpperCase() || r.forms.size === 1);
        forms.sort((x, y) => y.length - x.length);
        if (forms.length) r.name = forms[0];
      }
      r.aliases.add(r.name);
    }
    // An office seen without a name ("Armenia's foreign minister") that a named person holds.
    for (const r of [...this.actors.values()]) {
      if (!r.office) continue;
      const holder = [...this.actors.values()].find((h) => h.kind === "PERSON" && !h.office && h.role === r.role);
      if (!holder) continue;
      for (const m of this.mentions) if (m.actorKey === r.key) m.actorKey = holder.key;
      for (const a of r.aliases) if (a !== r.name) holder.aliases.add(a);
      this.actors.delete(r.key);
    }
  }

  /**
   * The actor of a mention that speaks or acts. An unclassified name that turns out to act
   * ("Zinichev said", "the Taliban met", "Hamas fired") becomes a low-confidence actor: an
   * organisation when written in capitals or after "the", otherwise a person.
   */
  promote(m: Mention, asSubject = false): ActorRec | undefined {
    if (m.actorKey) return this.get(m.actorKey);
    if (!m.unknown || m.weak) return undefined;
    // "an explosion near the town of Samarra killed": a name inside a prepositional phrase is no subject.
    if (asSubject) {
      let k = m.t0 - 1;
      while (k >= 0 && this.a.toks[k].s === m.s && this.a.toks[k].pos === "DET") k--;
      if (k >= 0 && this.a.toks[k].s === m.s && this.a.toks[k].pos === "ADP") return undefined;
    }
    // "The Executive Order calls for", "I'm", "Jr.": documents, contractions and suffixes act for no one.
    const last = this.a.toks[m.t1 - 1].lower;
    if (DOCUMENT_HEADS.has(last) || HAZARD_FIRST.has(this.a.toks[m.t0].lower) || /'/.test(this.text(m)) || /^(jr|sr)\.?$/.test(last) || /\d/.test(this.text(m))) return undefined;
    // A name that modifies a noun ("Islamist militants") is not the actor; the noun is.
    const next = this.a.toks[m.t1];
    if (next && next.s === m.s && next.pos === "NOUN" && !next.cap) return undefined;
    const text = this.text(m);
    const org = /^[\p{Lu}\d.&-]+$/u.test(text) || this.a.toks[m.t0 - 1]?.lower === "the";
    return this.promoteUnknown(m, org ? "ORGANIZATION" : "PERSON");
  }

  /**
   * Make an actor of an unclassified name that turned out to speak ("Zinichev said"): low
   * confidence, and every other unresolved occurrence of the same name joins it.
   */
  promoteUnknown(m: Mention, kind: ActorKind): ActorRec | undefined {
    const name = this.text(m);
    const r = kind === "PERSON" ? this.personActor(name, 0.4) : this.ensure(`O:${normKey(name)}`, name, "ORGANIZATION", 0.4);
    const key = normKey(name);
    for (const o of this.mentions) {
      if (!o.unknown || normKey(this.text(o)) !== key) continue;
      o.unknown = false;
      o.weak = false;
      o.actorKey = r.key;
      r.aliases.add(this.text(o));
      if (o.possessive) r.aliases.add(this.a.body.slice(o.start, this.a.toks[o.t1].end));
    }
    r.aliases.add(r.name);
    return r;
  }

  /**
   * The demonym attribute starting at token t ("Australian" in "an Australian ultimatum"). Using it
   * makes it a real mention of the country (so it is reported with its offsets).
   */
  attributeAt(t: number): Mention | undefined {
    const m = this.attributes.get(t);
    if (!m) return undefined;
    if (m.id < 0) {
      const r = this.countryActor(this.actors.get(m.actorKey!)?.country ?? m.actorKey!.slice(2));
      m.actorKey = r.key;
      m.id = this.mentions.length;
      this.mentions.push(m);
      r.aliases.add(this.text(m));
    }
    return m;
  }

  /** Outermost resolved mention covering token t. */
  at(t: number): Mention | undefined {
    const id = this.topOf[t];
    return id >= 0 ? this.mentions[id] : undefined;
  }
}

function isPossessive(toks: Tok[], t1: number): boolean {
  const n = toks[t1];
  return !!n && (n.lower === "'s" || (n.lower === "'" && /s$/i.test(toks[t1 - 1].text))) && n.start === toks[t1 - 1].end;
}

/** Could this token be part of a proper name? */
function isNameTok(t: Tok, sentenceInitial: boolean): boolean {
  if (!t.cap) return false;
  if (t.pos === "PROPN") return true;
  if (sentenceInitial) return false;
  return t.pos === "NOUN" || t.pos === "ADJ" || t.pos === "VERB" || t.pos === "X" || t.pos === "NUM";
}

/** Does the acronym spell the initials of the capitalised words (function words may be skipped)? */
function initialsMatch(words: Tok[], acr: string): boolean {
  const letters = acr.replace(/[^\p{Lu}]/gu, "");
  const initials = words.filter((w) => w.cap).map((w) => w.text[0]).join("");
  let k = 0;
  for (const ch of initials) if (ch === letters[k]) k++;
  return k === letters.length || initials === letters;
}

function capitalise(s: string): string {
  return s.replace(/\b\p{Ll}/gu, (c) => c.toUpperCase());
}
