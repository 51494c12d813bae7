import { Prisma, type ActorKind, type PrismaClient, type ReviewVerdict } from "@prisma/client";
import type { Evidence, ExtractionResult } from "../extract/types.js";
import { normalizeAlias, resolveActors } from "./actor.repository.js";
import { takeIngestWriteLock } from "./article-batch.repository.js";
import { eventEvidence, eventParticipants } from "./event-rows.js";
import { uniqueViolation } from "./errors.js";
import { groupArticleEvents, regroupEvents, replaceActorInStories, storyEventIdsOfArticles } from "./story.repository.js";

type Tx = Prisma.TransactionClient;

/** A curation request the data refuses: an unknown id (NOT_FOUND) or a change that is not allowed. */
export class CurationError extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "BAD_USER_INPUT",
    message: string,
    /** The input field at fault, e.g. "alias". */
    readonly field?: string,
    /** Ids the client may want to act on (the actor that already holds an alias). */
    readonly actorId?: number,
  ) {
    super(message);
    this.name = "CurationError";
  }
}

const TX_OPTIONS = { timeout: 120_000, maxWait: 30_000 } as const;
const MAX_ALIAS_LENGTH = 200;

async function actorsOrThrow(tx: Tx, ids: number[], field: string) {
  // FOR UPDATE: an ingest resolving to these actors waits for us instead of writing rows that
  // point at an actor about to be deleted or changed.
  const rows = await tx.$queryRaw<{ id: number; name: string; kind: ActorKind; role: string | null; countryCode: string | null; parentId: number | null }[]>`
    SELECT id, name, kind, role, "countryCode", "parentId" FROM "Actor" WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
  const missing = ids.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length) throw new CurationError("NOT_FOUND", `no actor has id ${missing.join(", ")}`, field);
  return ids.map((id) => rows.find((row) => row.id === id)!);
}

/** The ids above an actor, nearest first (parent, grandparent, ...). */
async function ancestorsOf(tx: Tx, id: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE up(id, depth) AS (
      SELECT "parentId", 1 FROM "Actor" WHERE id = ${id} AND "parentId" IS NOT NULL
      UNION ALL
      SELECT a."parentId", up.depth + 1 FROM "Actor" a JOIN up ON a.id = up.id WHERE a."parentId" IS NOT NULL AND up.depth < 1000
    )
    SELECT id FROM up ORDER BY depth`;
  return rows.map((row) => row.id);
}

export interface MergeCounts {
  aliases: number;
  mentions: number;
  claimsMade: number;
  claimTargets: number;
  participations: number;
  locations: number;
  children: number;
}

/**
 * Folds the source actors into the target in one transaction: aliases, mentions, claims made and
 * received, event participations and locations, and child actors move to the target; rows the move
 * would duplicate (the same alias, target link or participant twice) are kept once; the sources are
 * deleted. The target keeps its own name, kind, role and country and learns the ones it lacks.
 */
export async function mergeActors(prisma: PrismaClient, sourceIds: number[], targetId: number): Promise<MergeCounts> {
  const sources = [...new Set(sourceIds)];
  if (sources.length === 0) throw new CurationError("BAD_USER_INPUT", "name at least one source actor", "sourceIds");
  if (sources.includes(targetId)) throw new CurationError("BAD_USER_INPUT", "an actor cannot be merged with itself", "targetId");
  return prisma.$transaction(async (tx) => {
    await takeIngestWriteLock(tx);
    const [target] = await actorsOrThrow(tx, [targetId], "targetId");
    const sourceRows = await actorsOrThrow(tx, sources, "sourceIds");
    const ids = Prisma.join(sources);
    // Read before children move: afterwards a source's child on the target's chain points at the target.
    const chain = await ancestorsOf(tx, targetId);

    const aliases = await tx.$executeRaw`
      INSERT INTO "ActorAlias" ("actorId", alias, display)
      SELECT DISTINCT ON (alias) ${targetId}::int, alias, display FROM "ActorAlias" WHERE "actorId" IN (${ids}) ORDER BY alias, id
      ON CONFLICT ("actorId", alias) DO NOTHING`;
    const mentions = await tx.$executeRaw`UPDATE "Mention" SET "actorId" = ${targetId} WHERE "actorId" IN (${ids})`;
    const claimsMade = await tx.$executeRaw`UPDATE "Claim" SET "speakerId" = ${targetId} WHERE "speakerId" IN (${ids})`;
    const claimTargets = await tx.$executeRaw`
      INSERT INTO "ClaimTarget" ("claimId", "actorId")
      SELECT DISTINCT "claimId", ${targetId}::int FROM "ClaimTarget" WHERE "actorId" IN (${ids})
      ON CONFLICT DO NOTHING`;
    const participations = await tx.$executeRaw`
      INSERT INTO "EventParticipant" ("eventId", "actorId", role)
      SELECT DISTINCT "eventId", ${targetId}::int, role FROM "EventParticipant" WHERE "actorId" IN (${ids})
      ON CONFLICT DO NOTHING`;
    const locations = await tx.$executeRaw`UPDATE "Event" SET "locationId" = ${targetId} WHERE "locationId" IN (${ids})`;
    const children = await tx.$executeRaw`UPDATE "Actor" SET "parentId" = ${targetId} WHERE "parentId" IN (${ids}) AND id <> ${targetId}`;

    // The target's parent must not become itself: when a source sat above the target, the target
    // takes the parent of the highest such source instead.
    const data: Prisma.ActorUncheckedUpdateInput = {};
    const highest = chain.findLastIndex((id) => sources.includes(id));
    if (highest >= 0) data.parentId = chain[highest + 1] ?? null;
    else if (target.parentId == null) {
      const inherited = sourceRows.find((row) => row.parentId != null && row.parentId !== targetId && !sources.includes(row.parentId))?.parentId;
      if (inherited != null && !(await ancestorsOf(tx, inherited)).includes(targetId)) data.parentId = inherited;
    }
    if (!target.role) data.role = sourceRows.find((row) => row.role)?.role ?? undefined;
    if (!target.countryCode) data.countryCode = sourceRows.find((row) => row.countryCode)?.countryCode ?? undefined;
    if (Object.values(data).some((value) => value !== undefined)) await tx.actor.update({ where: { id: targetId }, data });

    // Stories name actors in their mentions: the merged actor may now join stories it did not match.
    for (const sourceId of sources) await replaceActorInStories(tx, sourceId, targetId);
    // Cascades remove the sources' aliases, target links and participations, all copied above.
    await tx.actor.deleteMany({ where: { id: { in: sources } } });
    return { aliases, mentions, claimsMade, claimTargets, participations, locations, children };
  }, TX_OPTIONS);
}

function aliasKey(alias: string): string {
  const key = normalizeAlias(alias);
  if (!key) throw new CurationError("BAD_USER_INPUT", "alias must contain a letter or digit", "alias");
  if (alias.length > MAX_ALIAS_LENGTH) throw new CurationError("BAD_USER_INPUT", `alias must be at most ${MAX_ALIAS_LENGTH} characters`, "alias");
  return key;
}

/**
 * Adds a name the actor is known by. An alias is refused when the actor already has it, or when
 * another actor holds it: that is a case for splitAlias or mergeActors, not for a silent ambiguity.
 */
export async function addAlias(prisma: PrismaClient, actorId: number, alias: string): Promise<void> {
  const key = aliasKey(alias);
  await prisma.$transaction(async (tx) => {
    await actorsOrThrow(tx, [actorId], "actorId");
    const holders = await tx.actorAlias.findMany({ where: { alias: key }, select: { actorId: true, actor: { select: { name: true } } }, orderBy: { actorId: "asc" } });
    const own = holders.find((holder) => holder.actorId === actorId);
    if (own) throw new CurationError("BAD_USER_INPUT", `"${alias.trim()}" is already an alias of ${own.actor.name}`, "alias", actorId);
    if (holders.length) {
      throw new CurationError(
        "BAD_USER_INPUT",
        `"${alias.trim()}" is an alias of ${holders[0].actor.name}: use splitAlias to move it, or mergeActors if they are the same actor`,
        "alias",
        holders[0].actorId,
      );
    }
    try {
      await tx.actorAlias.create({ data: { actorId, alias: key, display: alias.trim() } });
    } catch (error) {
      if (uniqueViolation(error)) throw new CurationError("BAD_USER_INPUT", `"${alias.trim()}" is already an alias of this actor`, "alias", actorId);
      throw error;
    }
  }, TX_OPTIONS);
}

export interface SplitRequest {
  actorId: number;
  alias: string;
  /** Move to this existing actor... */
  intoActorId?: number;
  /** ...or to a new actor with this name (and kind, by default the source's). */
  newActor?: { name: string; kind?: ActorKind | null };
  /** Also move the mentions whose text is this alias. */
  moveMentions: boolean;
}

/** Moves an alias (and the mentions written that way) from one actor to another, possibly new. */
export async function splitAlias(prisma: PrismaClient, request: SplitRequest): Promise<{ intoActorId: number; mentions: number }> {
  const key = aliasKey(request.alias);
  if ((request.intoActorId == null) === (request.newActor == null)) {
    throw new CurationError("BAD_USER_INPUT", "give exactly one of intoActorId and newActorName", "intoActorId");
  }
  if (request.intoActorId === request.actorId) throw new CurationError("BAD_USER_INPUT", "an alias cannot be split into the actor that has it", "intoActorId");
  const newName = request.newActor?.name.trim();
  if (request.newActor && !newName) throw new CurationError("BAD_USER_INPUT", "newActorName must not be empty", "newActorName");
  return prisma.$transaction(async (tx) => {
    await takeIngestWriteLock(tx);
    const [source] = await actorsOrThrow(tx, [request.actorId], "actorId");
    if (request.intoActorId != null) await actorsOrThrow(tx, [request.intoActorId], "intoActorId");
    const aliases = await tx.actorAlias.findMany({ where: { actorId: source.id }, select: { id: true, alias: true, display: true } });
    const moving = aliases.find((row) => row.alias === key);
    if (!moving) throw new CurationError("BAD_USER_INPUT", `"${request.alias.trim()}" is not an alias of ${source.name}`, "alias", source.id);
    if (aliases.length === 1) throw new CurationError("BAD_USER_INPUT", `"${request.alias.trim()}" is the only alias of ${source.name}; merge the actors instead`, "alias", source.id);

    let intoActorId = request.intoActorId;
    if (intoActorId == null) {
      const created = await tx.actor.create({ data: { name: newName!, kind: request.newActor!.kind ?? source.kind }, select: { id: true } });
      intoActorId = created.id;
      const nameKey = normalizeAlias(newName!);
      if (nameKey && nameKey !== key) await tx.actorAlias.create({ data: { actorId: intoActorId, alias: nameKey, display: newName! } });
    }
    const held = await tx.actorAlias.findUnique({ where: { actorId_alias: { actorId: intoActorId, alias: key } }, select: { id: true } });
    if (held) await tx.actorAlias.delete({ where: { id: moving.id } });
    else await tx.actorAlias.update({ where: { id: moving.id }, data: { actorId: intoActorId } });

    let mentions = 0;
    if (request.moveMentions) {
      // Surface forms are few per actor; matching them here keeps one normalisation (normalizeAlias).
      const texts = await tx.mention.findMany({ where: { actorId: source.id }, distinct: ["text"], select: { text: true } });
      const written = texts.map((row) => row.text).filter((text) => normalizeAlias(text) === key);
      if (written.length) {
        mentions = (await tx.mention.updateMany({ where: { actorId: source.id, text: { in: written } }, data: { actorId: intoActorId } })).count;
      }
    }
    return { intoActorId, mentions };
  }, TX_OPTIONS);
}

export interface ActorChanges {
  name?: string;
  kind?: ActorKind;
  role?: string | null;
  countryCode?: string | null;
  parentId?: number | null;
}

/**
 * Changes an actor's fields. The parent must exist and must not be the actor or one of its
 * descendants; a new name also becomes an alias, so that lookups by it find the actor.
 */
export async function updateActor(prisma: PrismaClient, id: number, changes: ActorChanges): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await actorsOrThrow(tx, [id], "id");
    if (changes.parentId != null) {
      if (changes.parentId === id) throw new CurationError("BAD_USER_INPUT", "an actor cannot be its own parent", "parentId");
      await actorsOrThrow(tx, [changes.parentId], "parentId");
      if ((await ancestorsOf(tx, changes.parentId)).includes(id)) {
        throw new CurationError("BAD_USER_INPUT", "that parent is a descendant of this actor: the parent chain would become a cycle", "parentId");
      }
    }
    await tx.actor.update({ where: { id }, data: changes });
    const nameKey = changes.name ? normalizeAlias(changes.name) : "";
    if (nameKey) await tx.actorAlias.createMany({ data: [{ actorId: id, alias: nameKey, display: changes.name! }], skipDuplicates: true });
  }, TX_OPTIONS);
}

/** Records (or replaces) a curator's verdict on a claim. */
export async function reviewClaim(
  prisma: PrismaClient,
  claimId: number,
  review: { verdict: ReviewVerdict; note: string | null; reviewerKeyId: number | null },
) {
  return prisma.$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { id: claimId }, select: { id: true } });
    if (!claim) throw new CurationError("NOT_FOUND", `no claim has id ${claimId}`, "id");
    // A key id that no longer exists (or an in-process caller's placeholder) is recorded as unknown.
    const reviewer = review.reviewerKeyId ? await tx.apiKey.findUnique({ where: { id: review.reviewerKeyId }, select: { id: true } }) : null;
    const data = { verdict: review.verdict, note: review.note, reviewerKeyId: reviewer?.id ?? null, reviewedAt: new Date() };
    return tx.claimReview.upsert({ where: { claimId }, create: { claimId, ...data }, update: data });
  }, TX_OPTIONS);
}

export interface DeletedCounts {
  mentions: number;
  claims: number;
  eventReports: number;
  events: number;
  /** Near-duplicates of the deleted article: originals now, without facts of their own. */
  releasedDuplicateIds: number[];
}

/** Deletes the events among `eventIds` that no article reports any more (participants cascade). */
async function existingEvents(tx: Tx, eventIds: number[]): Promise<number[]> {
  if (eventIds.length === 0) return [];
  return (await tx.event.findMany({ where: { id: { in: eventIds } }, select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);
}

async function deleteUnreportedEvents(tx: Tx, eventIds: number[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  return (await tx.event.deleteMany({ where: { id: { in: eventIds }, reports: { none: {} } } })).count;
}

/**
 * Deletes an article and what was extracted from it: its mentions, claims (with their target links
 * and reviews), event reports, and the events no other article reports. Actors stay, and so does
 * every other article's fact; claims elsewhere that answered a deleted claim lose only that link.
 */
export async function deleteArticle(prisma: PrismaClient, articleId: number): Promise<DeletedCounts | null> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM "Article" WHERE id = ${articleId} FOR UPDATE`;
    if (locked.length === 0) return null;
    const [mentions, claims, reports, duplicates] = await Promise.all([
      tx.mention.count({ where: { articleId } }),
      tx.claim.count({ where: { articleId } }),
      tx.eventReport.findMany({ where: { articleId }, select: { eventId: true } }),
      tx.article.findMany({ where: { duplicateOfId: articleId }, select: { id: true }, orderBy: { id: "asc" } }),
    ]);
    const stories = await storyEventIdsOfArticles(tx, [articleId]);
    await tx.article.delete({ where: { id: articleId } });
    const events = await deleteUnreportedEvents(tx, [...new Set(reports.map((report) => report.eventId))]);
    // A story that this article held together may split, or change its date or place.
    await regroupEvents(tx, await existingEvents(tx, stories));
    return { mentions, claims, eventReports: reports.length, events, releasedDuplicateIds: duplicates.map((row) => row.id) };
  }, TX_OPTIONS);
}

export interface ReplacedCounts {
  mentions: number;
  /** Claims written by this extraction. */
  claims: number;
  /** Reviewed claims kept as they were (with the new claims that restate them left out). */
  claimsKept: number;
  events: number;
}

/**
 * Replaces what was extracted from one article with a new extraction, inside the caller's
 * transaction: its unreviewed claims, mentions and event reports go (and the events no other
 * article reports); reviewed claims stay untouched, and a new claim of the same kind on an
 * overlapping span of the same sentence is taken to restate a reviewed one and is not written.
 * Everything written carries the extractor's name and version.
 */
export async function replaceExtraction(tx: Tx, articleId: number, extraction: ExtractionResult): Promise<ReplacedCounts> {
  await takeIngestWriteLock(tx);
  const reviewed = await tx.claim.findMany({
    where: { articleId, review: { isNot: null } },
    select: { id: true, kind: true, sentenceIndex: true, start: true, end: true, respondsToId: true },
  });
  const oldReports = await tx.eventReport.findMany({ where: { articleId }, select: { eventId: true } });
  await tx.claim.deleteMany({ where: { articleId, review: { is: null } } });
  await tx.mention.deleteMany({ where: { articleId } });
  const stories = await storyEventIdsOfArticles(tx, [articleId]);
  await tx.eventMention.deleteMany({ where: { articleId } });
  await tx.eventReport.deleteMany({ where: { articleId } });
  await deleteUnreportedEvents(tx, [...new Set(oldReports.map((report) => report.eventId))]);
  await regroupEvents(tx, await existingEvents(tx, stories));

  const actorIds = await resolveActors(tx, extraction.actors);
  const actorId = (key: string | null | undefined) => (key ? actorIds.get(key) ?? null : null);

  const mentions = extraction.mentions
    .map((mention) => ({
      actorId: actorId(mention.actorKey),
      articleId,
      sentenceIndex: mention.sentenceIndex,
      start: mention.start,
      end: mention.end,
      text: mention.text,
    }))
    .filter((mention): mention is typeof mention & { actorId: number } => mention.actorId !== null);
  if (mentions.length) await tx.mention.createMany({ data: mentions });

  const extractor = extraction.extractor;
  const provenance = (evidence: Evidence) => ({
    sentence: evidence.sentence,
    sentenceIndex: evidence.sentenceIndex,
    start: evidence.start,
    end: evidence.end,
    cue: evidence.cue ?? null,
    rule: evidence.rule,
    confidence: evidence.confidence,
    extractor: extractor.name,
    extractorVersion: extractor.version,
  });

  const restated = new Map<string, number>();
  for (const claim of extraction.claims) {
    const match = reviewed.find(
      (old) =>
        old.kind === claim.kind &&
        old.sentenceIndex === claim.evidence.sentenceIndex &&
        old.start < claim.evidence.end &&
        claim.evidence.start < old.end,
    );
    if (match) restated.set(claim.key, match.id);
  }
  const fresh = extraction.claims.filter((claim) => !restated.has(claim.key));
  if (fresh.length) {
    const rows = await tx.claim.createManyAndReturn({
      data: fresh.map((claim) => ({
        articleId,
        speakerId: actorId(claim.speakerKey),
        kind: claim.kind,
        content: claim.content,
        quote: claim.quote ?? null,
        negated: claim.negated,
        hedged: claim.hedged,
        ...provenance(claim.evidence),
      })),
      select: { id: true },
    });
    const claimIds = new Map([...restated, ...fresh.map((claim, index) => [claim.key, rows[index].id] as const)]);
    const targets = fresh.flatMap((claim) =>
      [...new Set(claim.targetKeys.map(actorId).filter((id): id is number => id !== null))].map((id) => ({ claimId: claimIds.get(claim.key)!, actorId: id })),
    );
    if (targets.length) await tx.claimTarget.createMany({ data: targets });
    for (const claim of fresh) {
      const respondsToId = claim.respondsToKey ? claimIds.get(claim.respondsToKey) : undefined;
      if (respondsToId !== undefined) await tx.claim.update({ where: { id: claimIds.get(claim.key)! }, data: { respondsToId } });
    }
    // A reviewed claim whose answered claim was just replaced points at the replacement: the
    // link was lost by this re-extraction, not by the curator.
    for (const claim of extraction.claims) {
      const keptId = restated.get(claim.key);
      const kept = reviewed.find((old) => old.id === keptId);
      const respondsToId = claim.respondsToKey ? claimIds.get(claim.respondsToKey) : undefined;
      const linkLost = kept?.respondsToId != null && !reviewed.some((old) => old.id === kept.respondsToId);
      if (kept && linkLost && respondsToId !== undefined) await tx.claim.update({ where: { id: kept.id }, data: { respondsToId } });
    }
  }

  if (extraction.events.length) {
    const events = await tx.event.createManyAndReturn({
      data: extraction.events.map((event) => ({
        kind: event.kind,
        mode: event.mode ?? null,
        status: event.status,
        date: event.date ? new Date(`${event.date}T00:00:00Z`) : null,
        datePrecision: event.datePrecision ?? null,
        locationId: actorId(event.locationKey),
        locationText: event.locationText ?? null,
      })),
      select: { id: true },
    });
    const participants = extraction.events.flatMap((event, index) =>
      eventParticipants(event, actorId).map((participant) => ({ eventId: events[index].id, ...participant })),
    );
    if (participants.length) await tx.eventParticipant.createMany({ data: participants });
    await tx.eventReport.createMany({
      data: extraction.events.flatMap((event, index) =>
        eventEvidence(event).map((evidence) => ({ eventId: events[index].id, articleId, ...provenance(evidence) })),
      ),
    });
  }
  // The new events join their stories as a newly stored article's do.
  if (extraction.events.length) await groupArticleEvents(tx, [articleId]);
  await tx.article.update({
    where: { id: articleId },
    data: { extractedWith: `${extractor.name}@${extractor.version}`, extractionNotes: extraction.warnings },
  });
  return { mentions: mentions.length, claims: fresh.length, claimsKept: reviewed.length, events: extraction.events.length };
}

/** Runs `work` in a transaction of the length a re-extraction may need. */
export function inCurationTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(work, TX_OPTIONS);
}
