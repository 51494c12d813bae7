/**
 * The extractor's output contract. Everything in src/extract is pure: text in, facts out.
 * Offsets are UTF-16 code-unit offsets into the `body` string that was passed in, so that
 * `body.slice(start, end)` is always the exact evidence a user is shown.
 */

export const ACTOR_KINDS = ["PERSON", "ORGANIZATION", "COUNTRY", "GROUP", "LOCATION"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const CLAIM_KINDS = ["STATE", "ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE"] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** The 16 PLOVER 2021 event types. */
export const EVENT_KINDS = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_STATUSES = ["ANNOUNCED", "OCCURRED"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const DATE_PRECISIONS = ["DAY", "MONTH", "YEAR"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const PARTICIPANT_ROLES = ["AGENT", "TARGET"] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export interface ExtractInput {
  title: string;
  /** Clean article text; paragraphs separated by blank lines. */
  body: string;
  /** Anchor for relative dates ("last week", "on Monday"). */
  publishedAt?: Date | null;
}

export interface ExtractedActor {
  /** Identifier local to one ExtractionResult ("a0", "a1", ...); other items refer to actors by it. */
  key: string;
  /** Canonical display name: "Nikol Pashinyan", "Russia", "Collective Security Treaty Organization". */
  name: string;
  kind: ActorKind;
  /** ISO-3166 alpha-3 code of the actor's country, when known. */
  country?: string;
  /** Title or description bound to the actor, e.g. "Prime Minister of Armenia". */
  role?: string;
  /** Key of the actor this one belongs to (Russian peacekeepers -> Russia). */
  parentKey?: string;
  /** Every surface form seen in the text that resolves to this actor (no pronouns), including `name`. */
  aliases: string[];
  /** 0..1: how sure the extractor is that the aliases all denote one actor. */
  confidence: number;
}

export interface ExtractedMention {
  actorKey: string;
  sentenceIndex: number;
  start: number;
  end: number;
  /** Exactly body.slice(start, end). Pronoun mentions are included ("He"). */
  text: string;
}

/** Why a fact was extracted: where it is, and which rule fired. */
export interface Evidence {
  sentenceIndex: number;
  /** The whole sentence the fact comes from. */
  sentence: string;
  /** Offsets of the evidence span (at least the cue and its arguments) in the body. */
  start: number;
  end: number;
  /** Name of the rule or frame that fired, e.g. "claim.reporting-verb.accuse-of". */
  rule: string;
  confidence: number;
  /** The cue word(s): the reporting verb or event trigger as written. */
  cue?: string;
}

export interface ExtractedClaim {
  key: string;
  kind: ClaimKind;
  /** Null when the speaker could not be resolved. */
  speakerKey: string | null;
  targetKeys: string[];
  /** What was claimed, as a span of the text (the complement of the reporting verb). */
  content: string;
  /** Verbatim quotation, without the quote marks, when the claim is a direct quote. */
  quote?: string;
  negated: boolean;
  /** "reportedly", "allegedly", "is said to" ... */
  hedged: boolean;
  /** Key of an earlier claim in the same article that this one answers (a REJECT of an ACCUSE). */
  respondsToKey?: string;
  evidence: Evidence;
}

export interface ExtractedParticipant {
  actorKey: string;
  role: ParticipantRole;
}

export interface ExtractedEvent {
  key: string;
  kind: EventKind;
  /** PLOVER mode, e.g. "withdraw" for leaving an alliance (SANCTION). */
  mode?: string;
  status: EventStatus;
  /** ISO-8601 date (YYYY-MM-DD), normalised against publishedAt, with its precision. */
  date?: string;
  datePrecision?: DatePrecision;
  /** Actor key of the place (a COUNTRY or LOCATION actor) when resolvable... */
  locationKey?: string;
  /** ...and the place as written. */
  locationText?: string;
  participants: ExtractedParticipant[];
  /** The first place in the article that reports the event. */
  evidence: Evidence;
  /** Later places in the same article that report the same event (merged into this one). */
  moreEvidence?: Evidence[];
}

export interface ExtractionResult {
  extractor: { name: string; version: string };
  actors: ExtractedActor[];
  mentions: ExtractedMention[];
  claims: ExtractedClaim[];
  events: ExtractedEvent[];
  /** Non-fatal problems (empty text, no sentences, text truncated, ...). Extraction never throws. */
  warnings: string[];
}
