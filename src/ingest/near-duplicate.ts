/**
 * Near-duplicate detection with MinHash and locality-sensitive hashing. Two texts' signatures
 * agree in a fraction of positions that estimates the Jaccard similarity of their word-shingle
 * sets; splitting the signature into bands lets one indexed lookup find the few stored articles
 * worth comparing. A wire story republished under a new headline scores 1.0; the same story with
 * one more paragraph scores about n/(n+1) for n paragraphs.
 */

export const SIGNATURE_SIZE = 64;
export const BAND_COUNT = 16;
const ROWS_PER_BAND = SIGNATURE_SIZE / BAND_COUNT;
const SHINGLE_WORDS = 4;
/** Below this many words a text has too few shingles for a meaningful estimate. */
export const MIN_WORDS = 20;
/** Default similarity from which an article counts as a near-duplicate (see README for P/R). */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.7;

/** murmur3's 32-bit finaliser: cheap, and every input bit reaches every output bit. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

export function words(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The MinHash signature of a text's 4-word shingles, or null when the text is too short. */
export function minhashSignature(text: string): number[] | null {
  const tokens = words(text);
  if (tokens.length < MIN_WORDS) return null;
  const signature = new Array<number>(SIGNATURE_SIZE).fill(0x7fffffff);
  for (let i = 0; i + SHINGLE_WORDS <= tokens.length; i += 1) {
    const shingle = fnv1a(tokens.slice(i, i + SHINGLE_WORDS).join(" "));
    for (let k = 0; k < SIGNATURE_SIZE; k += 1) {
      const value = mix32(shingle ^ SEEDS[k]);
      if (value < signature[k]) signature[k] = value;
    }
  }
  return signature;
}

/** One hash per band of rows; equal band hashes make two articles candidates. */
export function bandHashes(signature: number[]): number[] {
  const bands: number[] = [];
  for (let band = 0; band < BAND_COUNT; band += 1) {
    let h = mix32(band + 1);
    for (let row = 0; row < ROWS_PER_BAND; row += 1) h = mix32(h ^ signature[band * ROWS_PER_BAND + row]);
    bands.push(h);
  }
  return [...new Set(bands)];
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures. */
export function similarity(a: number[], b: number[]): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0;
  let equal = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i += 1) if (a[i] === b[i]) equal += 1;
  return equal / SIGNATURE_SIZE;
}
