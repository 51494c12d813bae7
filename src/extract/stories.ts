/**
 * Stories: which event mentions (one article's account of one event) report the same happening.
 * Pure: no database. The grouping is the connected components of a symmetric pairwise relation
 * over the mentions, so it is a function of the set of mentions and never of the order in which
 * they arrived; every canonical attribute of a group is derived from all its members with
 * content-based tie-breaks (never row ids, which depend on arrival order).
 */
import { stemmer } from "stemmer";
import { eng as ENGLISH_STOPWORDS } from "stopword";
import type { DatePrecision, EventKind, EventStatus } from "./types.js";

export interface StorySettings {
  /** Largest gap, in days, between two mentions' date windows (0 = same day only). */
  dateWindowDays: number;
  /** Smallest Jaccard similarity of the two mentions' terms (stemmed content words). */
  minTextSimilarity: number;
}

export const DEFAULT_STORY_SETTINGS: Readonly<StorySettings> = { dateWindowDays: 3, minTextSimilarity: 0.25 };

/** One article's account of one event: the unit that stories group. */
export interface StoryMention {
  /** Row id; a key only, never used to decide anything. */
  id: number;
  articleId: number;
  kind: EventKind;
  status: EventStatus;
  mode: string | null;
  /** YYYY-MM-DD, with its precision, when the article dates the event. */
  date: string | null;
  datePrecision: DatePrecision | null;
  /**
   * Days since 1970-01-01 of the first and last day the mention can refer to: its date (a whole
   * month or year for coarser precision), else the article's publication day; null when neither.
   */
  windowStart: number | null;
  windowEnd: number | null;
  locationId: number | null;
  locationText: string | null;
  agentIds: number[];
  targetIds: number[];
  /** storyTerms() of the article's title and the sentences reporting the event. */
  terms: string[];
}

export interface StoryParticipant {
  actorId: number;
  role: "AGENT" | "TARGET";
}

/** The canonical attributes of a group, derived from all its mentions. */
export interface StoryAttributes {
  kind: EventKind;
  status: EventStatus;
  mode: string | null;
  date: string | null;
  datePrecision: DatePrecision | null;
  locationId: number | null;
  locationText: string | null;
  participants: StoryParticipant[];
}

export interface Story {
  /** Member mentions, by ascending id. */
  mentions: StoryMention[];
  attributes: StoryAttributes;
}

const DAY_MS = 86_400_000;
const STOPWORDS = new Set(ENGLISH_STOPWORDS);
const WORD = /[\p{L}\p{N}]+/gu;

/** Sorted, unique, stemmed content words: stopwords and one-letter tokens dropped. */
export function storyTerms(...texts: string[]): string[] {
  const terms = new Set<string>();
  for (const text of texts) {
    for (const match of text.toLowerCase().matchAll(WORD)) {
      const word = match[0];
      if (word.length < 2 || STOPWORDS.has(word)) continue;
      terms.add(stemmer(word));
    }
  }
  return [...terms].sort();
}

/** Days since the epoch of a YYYY-MM-DD date or of a Date's UTC day. */
export function epochDay(date: string | Date): number {
  const time = typeof date === "string" ? Date.parse(`${date}T00:00:00Z`) : date.getTime();
  return Math.floor(time / DAY_MS);
}

/** First and last day a mention can refer to: its date at its precision, else the publication day. */
export function dateWindow(
  date: string | null,
  precision: DatePrecision | null,
  publishedAt: Date | null,
): { start: number; end: number } | null {
  if (date) {
    const [year, month] = date.split("-").map(Number);
    if (precision === "YEAR") return { start: epochDay(`${year}-01-01`), end: epochDay(new Date(Date.UTC(year + 1, 0, 1))) - 1 };
    if (precision === "MONTH") return { start: epochDay(new Date(Date.UTC(year, month - 1, 1))), end: epochDay(new Date(Date.UTC(year, month, 1))) - 1 };
    const day = epochDay(date);
    return { start: day, end: day };
  }
  if (publishedAt) {
    const day = epochDay(publishedAt);
    return { start: day, end: day };
  }
  return null;
}

/** Jaccard similarity of two sorted, unique term lists. */
export function termSimilarity(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i] < b[j]) i += 1;
    else j += 1;
  }
  return shared / (a.length + b.length - shared);
}

function intersects(a: number[], b: number[]): boolean {
  return a.some((id) => b.includes(id));
}

/**
 * Whether two mentions report the same happening. Symmetric by construction. All must hold:
 * - different articles (one article's separate events stay separate unless others join them);
 * - the same PLOVER kind;
 * - date windows at most `dateWindowDays` apart;
 * - no contradiction: two known, different locations; targets named on both sides with none in
 *   common (a call with Saudi Arabia's crown prince is not a call with Bahrain's king, although
 *   readouts share the caller and the wording; agents may differ, since "protesters" and
 *   "demonstrators" are the same crowd); or shared actors only in swapped roles (A against B is
 *   not B against A);
 * - an anchor: an actor in the same role in both, or the same known location;
 * - similar text: Jaccard similarity of the terms at least `minTextSimilarity`.
 */
export function sameHappening(a: StoryMention, b: StoryMention, settings: StorySettings = DEFAULT_STORY_SETTINGS): boolean {
  if (a.articleId === b.articleId || a.kind !== b.kind) return false;
  if (a.windowStart === null || a.windowEnd === null || b.windowStart === null || b.windowEnd === null) return false;
  const gap = Math.max(0, a.windowStart - b.windowEnd, b.windowStart - a.windowEnd);
  if (gap > settings.dateWindowDays) return false;
  const bothLocated = a.locationId !== null && b.locationId !== null;
  if (bothLocated && a.locationId !== b.locationId) return false;
  const sameTarget = intersects(a.targetIds, b.targetIds);
  if (a.targetIds.length > 0 && b.targetIds.length > 0 && !sameTarget) return false;
  const sameRole = sameTarget || intersects(a.agentIds, b.agentIds);
  const swapped = intersects(a.agentIds, b.targetIds) || intersects(a.targetIds, b.agentIds);
  if (swapped && !sameRole) return false;
  if (!sameRole && !bothLocated) return false;
  return termSimilarity(a.terms, b.terms) >= settings.minTextSimilarity;
}

/** The most frequent value; ties go to the smallest by `compare`. */
function mostFrequent<T>(values: T[], compare: (a: T, b: T) => number): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && compare(value, best) < 0)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const PRECISIONS: DatePrecision[] = ["DAY", "MONTH", "YEAR"];

/**
 * Canonical attributes of a group: the most reported date at the finest precision any member
 * gives (ties: the earliest), OCCURRED when any member says it occurred, the most frequent mode
 * and place (ties: alphabetical by the place as written), and every member's participants.
 */
export function storyAttributes(mentions: StoryMention[]): StoryAttributes {
  if (mentions.length === 0) throw new Error("a story has at least one mention");
  let date: string | null = null;
  let datePrecision: DatePrecision | null = null;
  for (const precision of PRECISIONS) {
    date = mostFrequent(mentions.filter((m) => m.date && m.datePrecision === precision).map((m) => m.date!), byString);
    if (date) {
      datePrecision = precision;
      break;
    }
  }
  if (!date) {
    // Dates without a precision (not produced by the extractor, but storable): treat as days.
    date = mostFrequent(mentions.filter((m) => m.date && !m.datePrecision).map((m) => m.date!), byString);
  }

  const locatedText = (id: number) =>
    mentions
      .filter((m) => m.locationId === id && m.locationText)
      .map((m) => m.locationText!)
      .sort(byString)[0] ?? "";
  const locationId = mostFrequent(
    mentions.flatMap((m) => (m.locationId === null ? [] : [m.locationId])),
    (a, b) => byString(locatedText(a), locatedText(b)) || a - b,
  );
  const locationText = mostFrequent(
    mentions.filter((m) => m.locationText && (locationId === null || m.locationId === locationId)).map((m) => m.locationText!),
    byString,
  );

  const participants = new Map<string, StoryParticipant>();
  for (const mention of mentions) {
    for (const actorId of mention.agentIds) participants.set(`A${actorId}`, { actorId, role: "AGENT" });
    for (const actorId of mention.targetIds) participants.set(`T${actorId}`, { actorId, role: "TARGET" });
  }
  return {
    kind: mentions[0].kind,
    status: mentions.some((m) => m.status === "OCCURRED") ? "OCCURRED" : "ANNOUNCED",
    mode: mostFrequent(mentions.flatMap((m) => (m.mode ? [m.mode] : [])), byString),
    date,
    datePrecision: date ? datePrecision : null,
    locationId,
    locationText,
    participants: [...participants.values()].sort((a, b) => byString(a.role, b.role) || a.actorId - b.actorId),
  };
}

/**
 * Groups mentions into stories: connected components of sameHappening. Only mentions of the same
 * kind can be related, so pairs are compared within each kind. Stories come out ordered by their
 * smallest mention id.
 */
export function groupMentions(mentions: StoryMention[], settings: StorySettings = DEFAULT_STORY_SETTINGS): Story[] {
  const sorted = [...mentions].sort((a, b) => a.id - b.id);
  const parent = sorted.map((_, index) => index);
  const find = (index: number): number => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]];
      index = parent[index];
    }
    return index;
  };
  const byKind = new Map<EventKind, number[]>();
  sorted.forEach((mention, index) => byKind.set(mention.kind, [...(byKind.get(mention.kind) ?? []), index]));
  for (const indexes of byKind.values()) {
    for (let x = 0; x < indexes.length; x++) {
      for (let y = x + 1; y < indexes.length; y++) {
        const a = find(indexes[x]);
        const b = find(indexes[y]);
        if (a !== b && sameHappening(sorted[indexes[x]], sorted[indexes[y]], settings)) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  }
  const components = new Map<number, StoryMention[]>();
  sorted.forEach((mention, index) => {
    const root = find(index);
    components.set(root, [...(components.get(root) ?? []), mention]);
  });
  return [...components.values()].map((members) => ({ mentions: members, attributes: storyAttributes(members) }));
}
