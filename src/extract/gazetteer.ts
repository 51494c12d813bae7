/**
 * Country gazetteer built once at module load from world-countries and i18n-iso-countries:
 * names and alternate names, capitals (metonyms for the government), demonyms ("Armenian").
 * Keys are lower-case surface forms with single spaces.
 */
import countries from "world-countries";
import isoCountries from "i18n-iso-countries";
import { PRESS_COUNTRY_NAMES, PRESS_DEMONYMS, SEATS_OF_GOVERNMENT } from "./lexicon.js";

export type GazetteerKind = "name" | "capital" | "demonym" | "people" | "seat";
export interface GazetteerEntry {
  cca3: string;
  kind: GazetteerKind;
  /** A press name from the lexicon ("Britain", "U.S."), not a name the packages carry: never canonical. */
  press?: boolean;
}
interface Candidate extends GazetteerEntry { primary: boolean }
export interface CountryInfo { cca3: string; name: string; demonym?: string }

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string; cca3: string; independent?: boolean; unMember?: boolean;
  capital?: string[]; altSpellings?: string[]; demonyms?: { eng?: { m?: string; f?: string } };
}

export const COUNTRY_INFO = new Map<string, CountryInfo>();
export const GAZETTEER = new Map<string, GazetteerEntry>();
/** First word of every key (lower-case, up to a space or hyphen): a cheap pre-check before slicing text. */
export const GAZETTEER_FIRST = new Set<string>();
/** Longest key in tokens (generous: punctuation such as "D.C." or "-" counts as tokens). */
export const GAZETTEER_MAX_TOKENS = 8;

export const normKey = (s: string): string => {
  const l = s.toLowerCase();
  return /[’‘]|\s\s|[\t\n\r]|^\s|\s$/.test(l) ? l.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim() : l;
};

function build(): void {
  const list = countries as unknown as WorldCountry[];
  const isUn = new Map<string, boolean>();
  // Candidate (key -> entries); ambiguous keys are settled after all countries are seen.
  const cands = new Map<string, Candidate[]>();
  // `primary`: from world-countries, whose codes win when i18n-iso-countries codes a place differently (Kosovo).
  const add = (surface: string | undefined, cca3: string, kind: GazetteerKind, primary = true) => {
    if (!surface) return;
    const key = normKey(surface);
    // Two- and three-letter codes ("AM", "IT", "ARM") collide with ordinary words; only the
    // press abbreviations in the lexicon are allowed through.
    if (key.replace(/[^a-z]/g, "").length <= 3 && !(surface in PRESS_COUNTRY_NAMES)) return;
    if (/[,(]/.test(key)) return; // "Korea, Republic of" style inverted names never occur in prose
    const arr = cands.get(key) ?? [];
    if (!arr.some((e) => e.cca3 === cca3 && e.kind === kind)) arr.push({ cca3, kind, primary });
    cands.set(key, arr);
  };

  for (const c of list) {
    const un = !!c.unMember;
    isUn.set(c.cca3, un);
    const demonym = c.demonyms?.eng?.m;
    COUNTRY_INFO.set(c.cca3, { cca3: c.cca3, name: c.name.common, demonym });
    add(c.name.common, c.cca3, "name");
    add(c.name.official, c.cca3, "name");
    for (const alt of c.altSpellings ?? []) add(alt, c.cca3, "name");
    // Capitals of non-members (Hamilton, Stanley, Jamestown) are mostly people's names in news.
    if (un) {
      for (const cap of c.capital ?? []) {
        add(cap, c.cca3, "capital");
        const short = cap.replace(/\s+D\.C\.$/, ""); // "Washington D.C." is written "Washington"
        if (short !== cap) add(short, c.cca3, "capital");
      }
    }
    add(demonym, c.cca3, "demonym");
    // The people as a plural noun ("Palestinians", "Israelis", "Afghans"); "-ese"/"-ish" forms have none.
    if (demonym && /(an|i|ite)$/.test(demonym)) add(`${demonym}s`, c.cca3, "people");
    if (c.demonyms?.eng?.f !== demonym) add(c.demonyms?.eng?.f, c.cca3, "demonym");
  }
  const names = isoCountries.getNames("en", { select: "all" }) as Record<string, string[]>;
  for (const [a2, alts] of Object.entries(names)) {
    const a3 = isoCountries.alpha2ToAlpha3(a2);
    if (a3) for (const n of alts) add(n, a3, "name", false);
  }
  for (const [surface, a3] of Object.entries(PRESS_COUNTRY_NAMES)) add(surface, a3, "name");
  for (const [surface, a3] of Object.entries(PRESS_DEMONYMS)) {
    add(surface, a3, "demonym");
    if (/(an|i|b|t|r)$/.test(surface)) add(`${surface}s`, a3, "people");
  }
  const press = new Set(Object.keys(PRESS_COUNTRY_NAMES).map(normKey));

  for (const [key, entries] of cands) {
    // Prefer a name over a capital/demonym reading, then UN members; drop what stays ambiguous
    // ("Congolese", "Dominican") rather than guess.
    const rank = (e: Candidate) => (e.primary ? 4 : 0) + (e.kind === "name" ? 2 : 0) + (isUn.get(e.cca3) ? 1 : 0);
    const best = Math.max(...entries.map(rank));
    const top = entries.filter((e) => rank(e) === best);
    const codes = new Set(top.map((e) => e.cca3));
    if (codes.size === 1) GAZETTEER.set(key, { cca3: top[0].cca3, kind: top[0].kind, ...(press.has(key) ? { press: true } : {}) });
  }
  for (const [seat, a3] of Object.entries(SEATS_OF_GOVERNMENT)) GAZETTEER.set(normKey(seat), { cca3: a3, kind: "seat" });
  for (const key of GAZETTEER.keys()) GAZETTEER_FIRST.add(key.split(/[\s-]/)[0]);
}
build();

export function countryName(cca3: string): string {
  return COUNTRY_INFO.get(cca3)?.name ?? cca3;
}
export function countryDemonym(cca3: string): string | undefined {
  return COUNTRY_INFO.get(cca3)?.demonym;
}
