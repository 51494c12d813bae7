/**
 * A small language guard: the rules are English, so text in another language is detected and
 * skipped with a warning rather than mined for nonsense. No package is installed for this; a
 * stopword-ratio test over the first few thousand characters is enough to tell English from the
 * common European languages, and the script tells the rest (Cyrillic, Arabic, CJK, ...).
 * Pure and cheap (one pass over at most SAMPLE_CHARS characters).
 */

const SAMPLE_CHARS = 1500;
/** Fewer words than this: too little to judge, assume English. */
const MIN_WORDS = 8;

/** Function words that are frequent in one language and rare in English prose. */
const STOPWORDS: Record<string, string[]> = {
  en: ["the", "and", "of", "to", "in", "is", "that", "for", "it", "with", "was", "on", "as", "by", "he", "she", "are", "from", "at", "which", "have", "has", "this", "not", "but", "they", "said", "would", "will", "were", "been"],
  de: ["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "sich", "des", "auf", "für", "im", "dem", "von", "auch", "es", "wird", "wurde", "hat", "sie", "bei", "nach", "aus", "einer", "oder", "über"],
  fr: ["le", "la", "les", "et", "est", "une", "des", "du", "que", "qui", "dans", "pour", "pas", "sur", "au", "avec", "il", "elle", "ce", "sont", "par", "aux", "ont", "été", "mais", "ses", "leur", "cette"],
  es: ["el", "la", "los", "las", "y", "es", "una", "del", "que", "en", "por", "con", "para", "su", "se", "al", "lo", "como", "más", "pero", "sus", "fue", "ha", "este", "esta", "entre", "sobre"],
  it: ["il", "la", "che", "e", "di", "un", "una", "del", "della", "per", "con", "non", "sono", "nel", "alla", "gli", "ha", "le", "dei", "anche", "è", "più", "questo", "come", "stato"],
  pt: ["o", "a", "os", "as", "e", "é", "um", "uma", "do", "da", "que", "em", "para", "com", "não", "no", "na", "por", "dos", "das", "se", "foi", "mais", "ao", "seu", "sua"],
  nl: ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die", "aan", "ook", "bij", "wordt", "werd", "heeft", "naar", "uit", "maar", "om", "worden"],
};
const LOOKUP = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang]);

/** Scripts that are not Latin, by the language code we report for them. */
const SCRIPTS: [string, RegExp][] = [
  ["ru", /\p{Script=Cyrillic}/u], ["ar", /\p{Script=Arabic}/u], ["zh", /\p{Script=Han}/u], ["ja", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["ko", /\p{Script=Hangul}/u], ["el", /\p{Script=Greek}/u], ["he", /\p{Script=Hebrew}/u], ["hi", /\p{Script=Devanagari}/u],
  ["th", /\p{Script=Thai}/u], ["hy", /\p{Script=Armenian}/u], ["ka", /\p{Script=Georgian}/u],
];

/**
 * ISO 639-1 code of the text's language when it is confidently not English, else "en".
 * "und" is never returned: when in doubt, the text is treated as English.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  // Script: count Latin letters against letters of other scripts in one pass over the code units.
  let latin = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c < 0x250 && c !== 0xd7 && c !== 0xf7)) latin++;
    else if (c >= 0x370 && !(c >= 0x2000 && c < 0x2c00) && !(c >= 0xd800 && c < 0xe000) && !(c >= 0xfe00 && c < 0xfe70)) other++;
  }
  if (latin + other < MIN_WORDS * 3) return "en";
  if (other > latin) {
    const words = sample.match(/\p{L}+/gu) ?? [];
    const counts = new Map<string, number>();
    for (const w of words) {
      const hit = SCRIPTS.find(([, re]) => re.test(w));
      if (hit) counts.set(hit[0], (counts.get(hit[0]) ?? 0) + 1);
    }
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    return top ? top[0] : "en";
  }
  // Latin script: stopword hits per language, each word counted for every language it belongs to.
  const words = sample.toLowerCase().match(/[a-z\u00c0-\u024f]+/g) ?? [];
  if (words.length < MIN_WORDS) return "en";
  const hits = new Map<string, number>();
  for (const w of words) {
    const langs = LOOKUP.get(w);
    if (langs) for (const lang of langs) hits.set(lang, (hits.get(lang) ?? 0) + 1);
  }
  const en = hits.get("en") ?? 0;
  let best = "en";
  let bestN = en;
  for (const [lang, n] of hits) if (lang !== "en" && n > bestN) { best = lang; bestN = n; }
  // Only a clear majority counts: a Spanish quote in an English article is still English.
  if (best !== "en" && bestN >= 4 && bestN >= 2 * en && bestN / words.length >= 0.12) return best;
  return "en";
}
