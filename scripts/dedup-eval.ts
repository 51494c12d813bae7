/**
 * Near-duplicate detection: precision and recall of src/ingest/near-duplicate.ts on a labelled set
 * built from the shared corpus.
 *
 *   npx tsx scripts/dedup-eval.ts [--seed N] [--originals N]
 *
 * The set (deterministic for a seed): ~300 originals (100 Wikinews, 150 White House statements,
 * 50 White House "Readout of … Call with …" template articles), and for each one five variants:
 *   retitle     same body, new headline
 *   add-para    body + one paragraph from another article
 *   drop-para   one paragraph removed (originals with at least 4 paragraphs)
 *   word-edits  ~3% of the words replaced, deleted or doubled
 *   truncate    the first 80% of the body
 * Documents: the whole corpus (~6,800 articles) plus the variants. Positive pairs: a variant and
 * its original. Negative pairs: every other pair, in particular a variant against other readouts
 * of the same template (hard negatives) and against the article its extra paragraph came from.
 * Pairs of two variants of the same original are near-duplicates too, but not the question asked
 * here, and are left out. Corpus-corpus pairs are negatives by the corpus README (different events
 * on different dates); they are also counted separately, since some may be real republications.
 *
 * As in ingestArticle, only LSH candidates (pairs sharing a band) are compared: a positive pair
 * that shares no band is a miss at every threshold. Prints Markdown tables. Reads ../shared only.
 */
import { readFileSync } from "node:fs";
import {
  BAND_COUNT,
  bandHashes,
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  minhashSignature,
  MIN_WORDS,
  SIGNATURE_SIZE,
  similarity,
} from "../src/ingest/near-duplicate.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? Number(args[index + 1]) : fallback;
};
const SEED = option("seed", 20240223);
const ORIGINALS = option("originals", 300);
const THRESHOLDS = [0.5, 0.6, 0.65, 0.7, 0.8, 0.9];
const TYPES = ["retitle", "add-para", "drop-para", "word-edits", "truncate"] as const;
type VariantType = (typeof TYPES)[number];

// ---------------------------------------------------------------------------------------------
// deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function sample<T>(items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// corpus and variants

interface CorpusArticle {
  id: string;
  title: string;
  body: string;
}

interface Doc {
  index: number;
  title: string;
  body: string;
  /** Corpus article, or a variant of corpus document `of`. */
  kind: "corpus" | VariantType;
  of?: number;
  /** Set for add-para variants: the corpus document the extra paragraph came from. */
  donor?: number;
  readout: boolean;
  signature: number[] | null;
  bands: number[];
}

const shared = new URL("../../shared/corpus/", import.meta.url);
const read = (file: string) =>
  readFileSync(new URL(file, shared), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusArticle);
const wikinews = read("wikinews-en-2019-2020.jsonl");
const whitehouse = read("whitehouse-2021-2026.jsonl");
const isReadout = (title: string) => /^Readout of\b/i.test(title);

const docs: Doc[] = [];
const addDoc = (doc: Omit<Doc, "index" | "signature" | "bands">): Doc => {
  const signature = minhashSignature(doc.body);
  const full: Doc = { ...doc, index: docs.length, signature, bands: signature ? bandHashes(signature) : [] };
  docs.push(full);
  return full;
};
const corpusDocs = [...wikinews, ...whitehouse].map((article) =>
  addDoc({ title: article.title, body: article.body, kind: "corpus", readout: isReadout(article.title) }),
);

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const paragraphs = (body: string) => body.split(/\n{2,}/).filter((p) => p.trim());
const eligible = (doc: Doc) => doc.signature !== null && wordCount(doc.body) >= 60;
const wikiDocs = corpusDocs.slice(0, wikinews.length).filter(eligible);
const whDocs = corpusDocs.slice(wikinews.length).filter(eligible);
const originals = [
  ...sample(wikiDocs, Math.round(ORIGINALS / 3)),
  ...sample(
    whDocs.filter((doc) => !doc.readout),
    Math.round(ORIGINALS / 2),
  ),
  ...sample(
    whDocs.filter((doc) => doc.readout),
    ORIGINALS - Math.round(ORIGINALS / 3) - Math.round(ORIGINALS / 2),
  ),
];

const vocabulary = [...new Set(sample(corpusDocs, 300).flatMap((doc) => doc.body.split(/\s+/)).filter((w) => /^[a-z]{3,}$/.test(w)))];

function wordEdits(body: string, rate: number): string {
  // Split keeping white space so that paragraphs survive; edit ~rate of the words.
  const parts = body.split(/(\s+)/);
  const out: string[] = [];
  for (const part of parts) {
    if (/^\s*$/.test(part) || random() >= rate) {
      out.push(part);
      continue;
    }
    const roll = random();
    if (roll < 0.6) out.push(pick(vocabulary)); // replaced
    else if (roll < 0.8) out.push(""); // deleted
    else out.push(`${part} ${pick(vocabulary)}`); // a word inserted after it
  }
  return out.join("").replace(/ {2,}/g, " ");
}

function truncate(body: string, fraction: number): string {
  const words = [...body.matchAll(/\S+/g)];
  const keep = Math.max(1, Math.floor(words.length * fraction));
  const last = words[keep - 1]!;
  return body.slice(0, last.index! + last[0].length);
}

const skippedDropPara = { count: 0 };
for (const original of originals) {
  const body = original.body;
  addDoc({ title: `${original.title} (updated)`.replace(/^/, "New: "), body, kind: "retitle", of: original.index, readout: original.readout });

  let donor = pick(corpusDocs);
  while (donor.index === original.index || paragraphs(donor.body).length === 0) donor = pick(corpusDocs);
  const donorParagraphs = paragraphs(donor.body).filter((p) => wordCount(p) >= 20);
  const extra = donorParagraphs.length ? pick(donorParagraphs) : pick(paragraphs(donor.body));
  addDoc({ title: original.title, body: `${body}\n\n${extra}`, kind: "add-para", of: original.index, donor: donor.index, readout: original.readout });

  const paras = paragraphs(body);
  if (paras.length >= 4) {
    const drop = Math.floor(random() * paras.length);
    addDoc({ title: original.title, body: paras.filter((_, i) => i !== drop).join("\n\n"), kind: "drop-para", of: original.index, readout: original.readout });
  } else {
    skippedDropPara.count += 1;
  }

  addDoc({ title: original.title, body: wordEdits(body, 0.03), kind: "word-edits", of: original.index, readout: original.readout });
  addDoc({ title: original.title, body: truncate(body, 0.8), kind: "truncate", of: original.index, readout: original.readout });
}

// ---------------------------------------------------------------------------------------------
// LSH candidates and scores

const buckets = new Map<number, number[]>();
for (const doc of docs) for (const band of doc.bands) {
  const bucket = buckets.get(band);
  if (bucket) bucket.push(doc.index);
  else buckets.set(band, [doc.index]);
}
const pairKey = (a: number, b: number) => (a < b ? a * 1_000_000 + b : b * 1_000_000 + a);
const candidates = new Map<number, number>(); // pair → similarity
const candidatesPerDoc = new Array<number>(docs.length).fill(0);
for (const bucket of buckets.values()) {
  for (let i = 0; i < bucket.length; i += 1) {
    for (let j = i + 1; j < bucket.length; j += 1) {
      const key = pairKey(bucket[i]!, bucket[j]!);
      if (candidates.has(key)) continue;
      const a = docs[bucket[i]!]!;
      const b = docs[bucket[j]!]!;
      candidates.set(key, similarity(a.signature!, b.signature!));
      candidatesPerDoc[a.index]! += 1;
      candidatesPerDoc[b.index]! += 1;
    }
  }
}

type NegativeKind = "corpus" | "hard" | "donor" | "copy" | "other";
type PairClass = { label: "positive"; type: VariantType } | { label: "negative"; kind: NegativeKind; variantType?: VariantType } | { label: "excluded" };

function classify(a: Doc, b: Doc): PairClass {
  if (a.kind !== "corpus" && b.kind !== "corpus") {
    if (a.of === b.of) return { label: "excluded" };
  }
  const variant = a.kind !== "corpus" ? a : b.kind !== "corpus" ? b : null;
  const other = variant === a ? b : a;
  if (variant && other.kind === "corpus" && variant.of === other.index) return { label: "positive", type: variant.kind as VariantType };
  if (!variant) return { label: "negative", kind: a.readout && b.readout ? "hard" : "corpus" };
  const variantType = variant.kind as VariantType;
  if (variant.donor === other.index) return { label: "negative", kind: "donor", variantType };
  // The corpus itself holds a near-copy of the original (a republished fact sheet): not an error.
  const copyScore = other.kind === "corpus" ? candidates.get(pairKey(other.index, variant.of!)) : undefined;
  if (copyScore !== undefined && copyScore >= 0.9) return { label: "negative", kind: "copy", variantType };
  // A variant of a readout against another readout (or a variant of one): the template case.
  const otherReadout = other.readout;
  if (variant.readout && otherReadout) return { label: "negative", kind: "hard", variantType };
  return { label: "negative", kind: "other", variantType };
}

const positives = docs.filter((doc) => doc.kind !== "corpus" && doc.signature !== null);
const positivesByType = new Map<VariantType, number>(TYPES.map((type) => [type, positives.filter((doc) => doc.kind === type).length]));
const positiveScores = new Map<number, number>(); // variant index → similarity to its original, when a candidate
for (const doc of positives) {
  const score = candidates.get(pairKey(doc.index, doc.of!));
  if (score !== undefined) positiveScores.set(doc.index, score);
}

interface Negative {
  a: number;
  b: number;
  score: number;
  kind: NegativeKind;
  variantType?: VariantType;
}
const negatives: Negative[] = [];
for (const [key, score] of candidates) {
  const a = Math.floor(key / 1_000_000);
  const b = key % 1_000_000;
  const cls = classify(docs[a]!, docs[b]!);
  if (cls.label === "negative") negatives.push({ a, b, score, kind: cls.kind, variantType: cls.variantType });
}

// ---------------------------------------------------------------------------------------------
// report

const titleKey = (title: string) => title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const pct = (x: number) => (Number.isFinite(x) ? (100 * x).toFixed(1) : "–");
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};

const readoutOriginals = originals.filter((doc) => doc.readout).length;
console.log(`# Near-duplicate detection: precision and recall\n`);
console.log(
  `seed ${SEED}; MinHash ${SIGNATURE_SIZE} hashes, ${BAND_COUNT} bands of ${SIGNATURE_SIZE / BAND_COUNT} rows, 4-word shingles, texts under ${MIN_WORDS} words have no signature; default threshold ${DEFAULT_NEAR_DUPLICATE_THRESHOLD}\n`,
);
console.log(
  `${originals.length} originals (${originals.length - readoutOriginals - Math.round(ORIGINALS / 2)} Wikinews, ${Math.round(ORIGINALS / 2)} White House, ${readoutOriginals} White House readouts); ${positives.length} variants (${skippedDropPara.count} originals had < 4 paragraphs: no drop-para); ${corpusDocs.length} corpus documents (${corpusDocs.filter((d) => d.readout).length} readouts, ${corpusDocs.filter((d) => !d.signature).length} too short to sign)`,
);
console.log(
  `LSH: ${candidates.size} candidate pairs out of ${((docs.length * (docs.length - 1)) / 2).toExponential(2)}; candidates per document: median ${median(candidatesPerDoc)}, p99 ${quantile(candidatesPerDoc, 0.99)}, max ${Math.max(...candidatesPerDoc)}; ${candidatesPerDoc.filter((n) => n > 50).length} documents share a band with more than 50 others (ingestArticle compares at most 50 candidates)`,
);
const missedByLsh = positives.filter((doc) => !positiveScores.has(doc.index)).length;
// ingestArticle compares only the first 50 stored candidates by id (corpus order here): would the original be among them?
const corpusCandidates = new Map<number, number[]>();
for (const key of candidates.keys()) {
  const a = Math.floor(key / 1_000_000);
  const b = key % 1_000_000;
  for (const [x, y] of [[a, b], [b, a]] as const) {
    if (docs[x]!.kind !== "corpus" && docs[y]!.kind === "corpus") (corpusCandidates.get(x) ?? corpusCandidates.set(x, []).get(x)!).push(y);
  }
}
const cutByLimit = positives.filter((doc) => {
  const list = (corpusCandidates.get(doc.index) ?? []).sort((x, y) => x - y);
  return list.length > 50 && list.indexOf(doc.of!) >= 50;
}).length;
console.log(`variants with more than 50 stored candidates whose original is not among the first 50 by id (ingestArticle would miss it): ${cutByLimit}`);
console.log(`positives that share no band with their original (missed at every threshold): ${missedByLsh} of ${positives.length}\n`);

console.log(`## All pairs\n`);
console.log(`| threshold | TP | FN | FP | FP corpus-corpus (same title / other title) | FP corpus copy of the original | FP readout template | FP donor paragraph | FP other | precision (all) | precision (labelled) | recall | F1 |`);
console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
for (const t of THRESHOLDS) {
  const tp = [...positiveScores.values()].filter((s) => s >= t).length;
  const fn = positives.length - tp;
  const fps = negatives.filter((n) => n.score >= t);
  const byKind = (kind: Negative["kind"]) => fps.filter((n) => n.kind === kind).length;
  const corpusPairs = fps.filter((n) => docs[n.a]!.kind === "corpus" && docs[n.b]!.kind === "corpus");
  const corpusCorpus = corpusPairs.length;
  const sameTitle = corpusPairs.filter((n) => titleKey(docs[n.a]!.title) === titleKey(docs[n.b]!.title)).length;
  const copies = byKind("copy");
  const fp = fps.length;
  const precision = tp / (tp + fp);
  const precisionLabelled = tp / (tp + fp - corpusCorpus - copies);
  const recall = tp / positives.length;
  const mark = t === DEFAULT_NEAR_DUPLICATE_THRESHOLD ? " (default)" : "";
  const hardVariant = fps.filter((n) => n.kind === "hard" && n.variantType).length;
  console.log(
    `| ${t}${mark} | ${tp} | ${fn} | ${fp} | ${corpusCorpus} (${sameTitle} / ${corpusCorpus - sameTitle}) | ${copies} | ${hardVariant} | ${byKind("donor")} | ${byKind("other")} | ${pct(precision)} | ${pct(precisionLabelled)} | ${pct(recall)} | ${pct(f1(precisionLabelled, recall))} |`,
  );
}
console.log(
  `\n"precision (labelled)" leaves out corpus-corpus pairs (real articles, unlabelled: some are republications under the same title, others templated texts such as yearly national-emergency notices, see below) and pairs of a variant with a corpus near-copy (≥ 0.9) of its original; F1 uses it. "FP other" are mostly templated White House texts, different events with 70-88% shared shingles: disaster declarations for different states, letters to congressional committees, presidential determinations.\n`,
);

console.log(`## Per positive type (precision counts false positives that involve a variant of that type)\n`);
console.log(`| type | n | similarity median (min) | ${THRESHOLDS.map((t) => `P / R / F1 @${t}`).join(" | ")} |`);
console.log(`|---|---|---|${THRESHOLDS.map(() => "---").join("|")}|`);
for (const type of TYPES) {
  const ofType = positives.filter((doc) => doc.kind === type);
  const scores = ofType.map((doc) => positiveScores.get(doc.index) ?? 0);
  const cells = THRESHOLDS.map((t) => {
    const tp = scores.filter((s) => s >= t && s > 0).length;
    const fp = negatives.filter((n) => n.variantType === type && n.score >= t).length;
    const p = tp / (tp + fp);
    const r = tp / ofType.length;
    return `${pct(p)} / ${pct(r)} / ${pct(f1(p, r))}`;
  });
  console.log(`| ${type} | ${positivesByType.get(type)} | ${median(scores).toFixed(2)} (${Math.min(...scores).toFixed(2)}) | ${cells.join(" | ")} |`);
}

console.log(`\n## Hard negatives: readout template pairs\n`);
const hard = negatives.filter((n) => n.kind === "hard");
const readoutCount = docs.filter((d) => d.readout && d.signature).length;
console.log(
  `${readoutCount} readout documents (corpus and variants); ${hard.length} readout-readout pairs are LSH candidates; similarity of those: median ${median(hard.map((n) => n.score)).toFixed(2)}, p99 ${quantile(hard.map((n) => n.score), 0.99).toFixed(2)}, max ${Math.max(0, ...hard.map((n) => n.score)).toFixed(2)}`,
);
console.log(`| threshold | readout pairs at or above |\n|---|---|`);
for (const t of THRESHOLDS) console.log(`| ${t} | ${hard.filter((n) => n.score >= t).length} |`);

const top = negatives
  .filter((n) => n.score >= 0.5)
  .sort((x, y) => y.score - x.score)
  .slice(0, 12);
console.log(`\n## Highest-scoring negative pairs (check by hand: real republications are not errors)\n`);
console.log(`| similarity | kind | a | b |\n|---|---|---|---|`);
const label = (doc: Doc) => `${doc.kind === "corpus" ? "" : `[${doc.kind} of] `}${(doc.kind === "corpus" ? doc : docs[doc.of!]!).title.slice(0, 70)}`;
for (const n of top) console.log(`| ${n.score.toFixed(2)} | ${n.kind} | ${label(docs[n.a]!)} | ${label(docs[n.b]!)} |`);
