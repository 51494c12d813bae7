/**
 * NLP layer: wink-nlp tokens, POS tags, lemmas and sentences, re-anchored to UTF-16 offsets in the
 * original body. wink's tokenizer is super-linear on very long tokens, so those are blanked first.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { REPORTING_FORMS, TRIGGER_VERB_FORMS } from "./lexicon.js";

// Only sentence boundaries and POS (lemmas are computed from them): wink's default pipe also runs
// NER, negation, sentiment and custom entities, which nothing here reads; dropping them halves the
// tagging time and leaves tokens, tags, lemmas and sentences byte-for-byte the same.
const nlp = winkNLP(model, ["sbd", "pos"]);
const its = nlp.its;

export interface Tok {
  i: number;
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  start: number;
  end: number;
  /** Sentence index. */
  s: number;
  /** First character is an upper-case letter. */
  cap: boolean;
  /** Inside a quotation ("..."), as seen from the sentence's own quote marks. */
  quoted: boolean;
}

export interface Sent {
  i: number;
  para: number;
  start: number;
  end: number;
  /** Token range [t0, t1). */
  t0: number;
  t1: number;
}

export interface Analysis {
  body: string;
  toks: Tok[];
  sents: Sent[];
  warnings: string[];
}

/** Above this many characters the body is cut (at whitespace) and a warning is emitted. */
export const MAX_CHARS = 250_000;
/** Runs of non-space characters longer than this are not language; they are blanked for the tagger. */
const MAX_TOKEN_CHARS = 64;
const LETTERS = /^[\p{L}\p{M}]+$/u;
const NON_LATIN1 = /[^\u0000-\u00FF]/;
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFD\uFFFE\uFFFF]/;
const LONG_TOKEN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, "g");

const QUOTE_CHARS = new Set(['"', "“", "”", "«", "»", "``", "''"]);
export const isQuote = (t: string): boolean => QUOTE_CHARS.has(t);
const OPEN_QUOTES = new Set(["“", "«", "``"]);
const CLOSE_QUOTES = new Set(["”", "»", "''"]);

/**
 * Blank (with spaces, so offsets survive) everything the tagger should not see: control
 * characters, lone surrogates, replacement characters and over-long "tokens" (base64, binary).
 */
function sanitize(text: string): { clean: string; blanked: number; bad: number } {
  let blanked = 0;
  let bad = 0;
  let clean = !BAD_CHAR.test(text) ? text : text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, () => {
    bad++;
    return " ";
  });
  clean = clean.replace(LONG_TOKEN, (m) => {
    blanked++;
    return " ".repeat(m.length);
  });
  return { clean, blanked, bad };
}

function isUpperInitial(v: string): boolean {
  const c = v[0];
  return c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
}

export function analyze(body: string): Analysis {
  const warnings: string[] = [];
  let limit = body.length;
  if (body.length > MAX_CHARS) {
    const cut = body.lastIndexOf(" ", MAX_CHARS);
    limit = cut > MAX_CHARS / 2 ? cut : MAX_CHARS;
    warnings.push(`text truncated: only the first ${limit} of ${body.length} characters were analysed`);
  }
  const { clean, blanked, bad } = sanitize(body.slice(0, limit));
  if (bad > 0 && bad / Math.max(1, limit) > 0.01) warnings.push(`text looks binary: ${bad} control or invalid character(s) ignored`);
  if (blanked > 0) warnings.push(`${blanked} over-long token(s) (> ${MAX_TOKEN_CHARS} characters) ignored`);

  const toks: Tok[] = [];
  const sents: Sent[] = [];
  // One wink document for the whole text (per-call overhead dominates short paragraphs); wink
  // already ends sentences at blank lines, and paragraph numbers come from the offsets.
  const paraStarts: number[] = [0];
  const paraRe = /\n[ \t\r]*\n/g;
  for (let m = paraRe.exec(clean); m; m = paraRe.exec(clean)) paraStarts.push(m.index + m[0].length);
  let unaligned = 0;
  if (/[\p{L}\p{N}]/u.test(clean)) {
    const doc = nlp.readDoc(clean);
    const values = doc.tokens().out(its.value) as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    // wink types declare `its.lemma` with the add-on signature; at run time it is an ordinary its-function.
    const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
    const spans = doc.sentences().out(its.span) as unknown as [number, number][];
    let cursor = 0;
    // wink splits words at letters outside Latin-1 ("Stamenkovi" + "ć"); glue such pieces back.
    // startMap/endMap: wink token -> first real token at/after it, last real token at/before it
    // (whitespace tokens such as "\n\n" are dropped).
    const startMap = new Int32Array(values.length);
    const endMap = new Int32Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const v = values[k];
      startMap[k] = toks.length;
      endMap[k] = toks.length - 1;
      if (!v.trim()) continue;
      // wink keeps token text verbatim, so a forward search re-anchors it; a token the tagger
      // rewrote (rare) gets a zero-width span at the cursor rather than a wrong one.
      let at = clean.indexOf(v, cursor);
      let end = at + v.length;
      if (at < 0 || at - cursor > 200) {
        at = end = cursor;
        unaligned++;
      }
      cursor = end;
      const prev = toks[toks.length - 1];
      if (prev && prev.end === at && at < end && LETTERS.test(v) && LETTERS.test(prev.text) && (NON_LATIN1.test(v) || NON_LATIN1.test(prev.text))) {
        prev.text += v;
        prev.end = end;
        prev.lower = prev.text.toLowerCase();
        prev.lemma = prev.lower;
        if (prev.pos === "X") prev.pos = pos[k] ?? "X";
        startMap[k] = endMap[k] = prev.i;
        continue;
      }
      startMap[k] = endMap[k] = toks.length;
      toks.push({
        i: toks.length, text: v, lower: v.includes("’") ? v.toLowerCase().replace(/’/g, "'") : v.toLowerCase(),
        lemma: (lemmas[k] ?? v).toLowerCase(), pos: pos[k] ?? "X", start: at, end, s: -1, cap: isUpperInitial(v), quoted: false,
      });
    }
    let para = 0;
    for (const [a, b] of spans) {
      if (b < a || a >= values.length) continue;
      const t0 = Math.max(startMap[a], sents.length ? sents[sents.length - 1].t1 : 0);
      const t1 = endMap[Math.min(b, values.length - 1)] + 1;
      if (t1 <= t0) continue;
      const si = sents.length;
      for (let t = t0; t < t1; t++) toks[t].s = si;
      while (para + 1 < paraStarts.length && paraStarts[para + 1] <= toks[t0].start) para++;
      sents.push({ i: si, para, start: toks[t0].start, end: toks[t1 - 1].end, t0, t1 });
    }
    // Tokens wink left outside every sentence (should not happen) join no sentence; drop them.
    if (toks.some((t) => t.s < 0)) {
      const kept = toks.filter((t) => t.s >= 0);
      const remap = new Map(kept.map((t, i) => [t.i, i]));
      for (const s of sents) { s.t0 = remap.get(s.t0)!; s.t1 = remap.get(s.t1 - 1)! + 1; }
      kept.forEach((t, i) => (t.i = i));
      toks.length = 0;
      toks.push(...kept);
    }
  }
  if (unaligned > 0) warnings.push(`${unaligned} token(s) could not be aligned to the text`);
  markQuotes(toks, sents);
  repairTags(toks);
  return { body, toks, sents, warnings };
}

/** Past forms of the verbs the rules read (reporting verbs and event triggers), form -> lemma. */
const PAST_FORMS = new Map<string, string>();
for (const m of [REPORTING_FORMS, TRIGGER_VERB_FORMS]) {
  for (const [form, lemma] of m) if (form !== lemma && !form.endsWith("s") && !form.endsWith("ing")) PAST_FORMS.set(form, lemma);
}
const SUBJECT_TAGS = new Set(["NOUN", "PROPN", "PRON"]);
const COMPOUNDS = new Set(["tear gas", "water cannon", "water cannons", "pepper spray", "stun grenades"]);

/**
 * The tagger's commonest misreadings in news, where the rules need the verb: a past verb right after
 * its subject read as a noun or adjective ("police tortured/NOUN detainees", "Watch said/ADJ"), and
 * a capitalised word inside a name read as a verb ("Human Rights Watch/VERB").
 */
function repairTags(toks: Tok[]): void {
  for (let t = 1; t < toks.length; t++) {
    const x = toks[t];
    const p = toks[t - 1];
    if (p.s !== x.s) continue;
    if (x.cap && x.pos === "VERB" && p.pos === "PROPN" && p.cap) { x.pos = "PROPN"; continue; }
    // "fired tear/VERB gas", "water/VERB cannon": the first word of a compound noun.
    if (p.pos === "VERB" && COMPOUNDS.has(`${p.lower} ${x.lower}`)) p.pos = "NOUN";
    if ((x.pos === "NOUN" || x.pos === "ADJ") && !x.cap && SUBJECT_TAGS.has(p.pos) && PAST_FORMS.has(x.lower)) {
      const n = toks[t + 1];
      // "Moslem armed/ADJ forces": read as an adjective of the next noun, it stays one.
      if (x.pos === "ADJ" && n && n.s === x.s && n.pos === "NOUN" && !REPORTING_FORMS.has(x.lower)) continue;
      x.pos = "VERB";
      x.lemma = PAST_FORMS.get(x.lower)!;
    }
  }
}

/**
 * Mark tokens inside quotation marks, per paragraph, so a quote split over several sentences is
 * still known to be quoted. Straight quotes alternate open/close; curly ones say which they are.
 */
function markQuotes(toks: Tok[], sents: Sent[]): void {
  let open = false;
  let para = -1;
  for (const s of sents) {
    if (s.para !== para) {
      open = false;
      para = s.para;
    }
    for (let t = s.t0; t < s.t1; t++) {
      const x = toks[t].text;
      if (isQuote(x)) {
        open = OPEN_QUOTES.has(x) ? true : CLOSE_QUOTES.has(x) ? false : !open;
        continue;
      }
      toks[t].quoted = open;
    }
  }
}
