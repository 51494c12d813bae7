/**
 * Stores many articles, with everything extracted from them, in ONE transaction of a fixed number
 * of statements (about 15 per batch, whatever its size).
 *
 * Typed raw SQL on purpose: measured on this hot path, Prisma's generated SQL and per-query
 * overhead (one `createMany`/`createManyAndReturn` per table per article, ~16 statements and
 * ~38 ms of query-engine time per article) cost more than the database work itself. Here every
 * table gets one multi-row INSERT … SELECT FROM unnest(typed arrays), and ids are reserved up
 * front from the tables' sequences so that rows can reference each other (claims → articles,
 * respondsTo, events → reports) without RETURNING round trips.
 */
import { Prisma, type Article, type PrismaClient } from "@prisma/client";
import type { Evidence, ExtractionResult } from "../extract/types.js";
import { ActorBatch, type BatchActor } from "./actor-batch.repository.js";
import type { ArticleKeys, NewArticle, StoredCounts } from "./article.repository.js";
import { eventEvidence, eventParticipants } from "./event-rows.js";
import { groupArticleEvents } from "./story.repository.js";

type Tx = Prisma.TransactionClient;

/**
 * Serialises batch writers (worker processes) on one PostgreSQL advisory lock, held to the end of
 * each write transaction. Actors have no natural unique key, so two writers resolving "Russia" at
 * once would otherwise both create it; under the lock each sees what the other committed. Only the
 * write transaction holds it: validation, deduplication lookups and extraction (the CPU-heavy
 * part) run in parallel.
 */
const INGEST_WRITE_LOCK = 4_170_204_001n;

/**
 * Serialises the transactions that create actors: actors have no unique key to conflict on, so two
 * writers resolving the same new name at once would both create it. Curation that creates or
 * rewrites actors (re-extraction, merges, splits) takes it too.
 */
export async function takeIngestWriteLock(tx: Tx): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${INGEST_WRITE_LOCK}::bigint)`;
}

export interface BatchArticle {
  article: NewArticle;
  /** Near-duplicate of an earlier article of the same batch (its index), not yet stored. */
  duplicateOfIndex: number | null;
  extraction: ExtractionResult;
}

export type BatchStoreResult =
  | { status: "stored"; article: Article; counts: StoredCounts }
  /** Another writer stored an article with the same key after the caller's check. */
  | { status: "exists"; article: Article };

/** An article insert hit a unique key the in-lock check did not see (a writer outside the lock). */
export class ArticleConflictError extends Error {
  constructor() {
    super("an article of the batch was stored concurrently by a writer outside the ingest lock");
    this.name = "ArticleConflictError";
  }
}

/**
 * Which stored articles share a content hash, URL or canonical URL with any of `keys`, in one
 * statement; returns id and keys of each.
 */
export async function articlesWithKeys(tx: Tx | PrismaClient, keys: ArticleKeys[]): Promise<(ArticleKeys & { id: number })[]> {
  if (keys.length === 0) return [];
  const hashes = [...new Set(keys.map((key) => key.contentHash))];
  const urls = [...new Set(keys.flatMap((key) => [key.url, key.canonicalUrl].filter((url): url is string => url !== null)))];
  return tx.$queryRaw<(ArticleKeys & { id: number })[]>`
    SELECT id, "contentHash", url, "canonicalUrl" FROM "Article"
     WHERE "contentHash" = ANY(${hashes}::text[]) OR url = ANY(${urls}::text[]) OR "canonicalUrl" = ANY(${urls}::text[])
     ORDER BY id`;
}

/** Whether a stored article (keys) is the same article as `keys`. */
export function sameArticle(stored: ArticleKeys, keys: ArticleKeys): boolean {
  return (
    stored.contentHash === keys.contentHash ||
    (keys.url !== null && (stored.url === keys.url || stored.canonicalUrl === keys.url)) ||
    (keys.canonicalUrl !== null && (stored.canonicalUrl === keys.canonicalUrl || stored.url === keys.canonicalUrl))
  );
}

/**
 * Original articles (not near-duplicates themselves) sharing an LSH band with any of the
 * signatures, in one statement: band -> candidates (id ascending).
 */
export async function nearDuplicateCandidatesByBand(
  prisma: Tx | PrismaClient,
  bands: number[],
): Promise<Map<number, { id: number; minhash: number[] }[]>> {
  const byBand = new Map<number, { id: number; minhash: number[] }[]>();
  if (bands.length === 0) return byBand;
  const rows = await prisma.$queryRaw<{ band: number; id: number; minhash: number[] }[]>`
    SELECT b.band, a.id, a.minhash FROM "ArticleBand" b JOIN "Article" a ON a.id = b."articleId"
     WHERE b.band = ANY(${[...new Set(bands)]}::int[]) AND a."duplicateOfId" IS NULL
     ORDER BY a.id`;
  for (const row of rows) {
    const list = byBand.get(row.band) ?? [];
    list.push({ id: row.id, minhash: row.minhash });
    byBand.set(row.band, list);
  }
  return byBand;
}

/** Reserves `count` ids from a table's id sequence (ascending). */
function reserveIds(table: string, count: number): Prisma.Sql {
  // The table name is one of ours, never input.
  return Prisma.raw(`ARRAY(SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int FROM generate_series(1, ${count}))`);
}

/**
 * Stores the batch in one transaction. Before writing it takes the ingest lock and checks the
 * articles' keys again: an article stored meanwhile by another writer comes back as `exists`
 * (and a near-duplicate of it points at the stored copy). Everything else is stored with its
 * actors, aliases, mentions, claims (with targets and responses), events (with participants and
 * reports) and LSH bands, or nothing is (the transaction rolls back on any error).
 */
export async function storeArticleBatch(prisma: PrismaClient, items: BatchArticle[]): Promise<BatchStoreResult[]> {
  if (items.length === 0) return [];
  return prisma.$transaction(
    async (tx) => {
      await takeIngestWriteLock(tx);

      const existingRows = await articlesWithKeys(tx, items.map((item) => item.article));
      const existingIdOf = items.map((item) => existingRows.find((row) => sameArticle(row, item.article))?.id ?? null);
      const toStore = items.map((_, index) => index).filter((index) => existingIdOf[index] === null);

      const sourceNames = [...new Set(toStore.map((index) => items[index].article.sourceName).filter((name): name is string => !!name))];
      const sourceIds = new Map<string, number>();
      if (sourceNames.length) {
        const rows = await tx.$queryRaw<{ id: number; name: string }[]>`
          WITH wanted AS (SELECT DISTINCT unnest(${sourceNames}::text[]) AS name),
               created AS (INSERT INTO "Source" (name, kind) SELECT name, 'MANUAL' FROM wanted
                           ON CONFLICT (name) DO NOTHING RETURNING id, name)
          SELECT id, name FROM created UNION ALL SELECT s.id, s.name FROM "Source" s JOIN wanted USING (name)`;
        for (const row of rows) sourceIds.set(row.name, row.id);
      }

      const actorBatch = await ActorBatch.load(
        tx,
        toStore.map((index) => items[index].extraction.actors),
      );
      const resolved = toStore.map((index) => actorBatch.resolve(items[index].extraction.actors));

      const claimCount = toStore.reduce((sum, index) => sum + items[index].extraction.claims.length, 0);
      const eventCount = toStore.reduce((sum, index) => sum + items[index].extraction.events.length, 0);
      const [reserved] = await tx.$queryRaw<{ articles: number[]; claims: number[]; events: number[]; actors: number[] }[]>`
        SELECT ${reserveIds("Article", toStore.length)} AS articles, ${reserveIds("Claim", claimCount)} AS claims,
               ${reserveIds("Event", eventCount)} AS events, ${reserveIds("Actor", actorBatch.createdActors.length)} AS actors`;
      actorBatch.allocateIds(reserved.actors);
      await actorBatch.write(tx);

      const articleIdOf = new Map<number, number>();
      toStore.forEach((index, position) => articleIdOf.set(index, reserved.articles[position]));
      const duplicateOfId = (item: BatchArticle): number | null =>
        item.duplicateOfIndex === null
          ? item.article.duplicateOfId
          : (articleIdOf.get(item.duplicateOfIndex) ?? existingIdOf[item.duplicateOfIndex]);

      const articles = toStore.map((index) => ({ id: articleIdOf.get(index)!, item: items[index] }));
      const inserted = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO "Article" (id, "sourceId", url, "canonicalUrl", title, body, summary, language, "publishedAt",
                               "contentHash", "extractedWith", "extractionNotes", minhash, "duplicateOfId", "duplicateSimilarity")
        SELECT id, "sourceId", url, "canonicalUrl", title, body, summary, language, "publishedAt", "contentHash", "extractedWith",
               ARRAY(SELECT jsonb_array_elements_text(notes::jsonb)), minhash::int[], "duplicateOfId", "duplicateSimilarity"
          FROM unnest(${articles.map((a) => a.id)}::int[],
                      ${articles.map((a) => (a.item.article.sourceName ? sourceIds.get(a.item.article.sourceName)! : null))}::int[],
                      ${articles.map((a) => a.item.article.url)}::text[], ${articles.map((a) => a.item.article.canonicalUrl)}::text[],
                      ${articles.map((a) => a.item.article.title)}::text[], ${articles.map((a) => a.item.article.body)}::text[],
                      ${articles.map((a) => a.item.article.summary)}::text[], ${articles.map((a) => a.item.article.language)}::text[],
                      ${articles.map((a) => a.item.article.publishedAt?.toISOString() ?? null)}::timestamp(3)[],
                      ${articles.map((a) => a.item.article.contentHash)}::text[],
                      ${articles.map((a) => `${a.item.extraction.extractor.name}@${a.item.extraction.extractor.version}`)}::text[],
                      ${articles.map((a) => JSON.stringify(a.item.extraction.warnings))}::text[],
                      ${articles.map((a) => `{${a.item.article.minhash.join(",")}}`)}::text[],
                      ${articles.map((a) => duplicateOfId(a.item))}::int[],
                      ${articles.map((a) => a.item.article.duplicateSimilarity)}::float8[])
               AS t(id, "sourceId", url, "canonicalUrl", title, body, summary, language, "publishedAt", "contentHash",
                    "extractedWith", notes, minhash, "duplicateOfId", "duplicateSimilarity")
        ON CONFLICT DO NOTHING
        RETURNING id`;
      // Rolls everything back (actors included); the caller retries and then sees the stored copy.
      if (inserted.length !== articles.length) throw new ArticleConflictError();

      const bands = articles.flatMap((a) =>
        a.item.article.duplicateOfId === null && a.item.duplicateOfIndex === null ? a.item.article.bands.map((band) => [a.id, band]) : [],
      );
      if (bands.length) {
        await tx.$executeRaw`
          INSERT INTO "ArticleBand" ("articleId", band)
          SELECT * FROM unnest(${bands.map((b) => b[0])}::int[], ${bands.map((b) => b[1])}::int[]) ON CONFLICT DO NOTHING`;
      }

      const mentions: MentionRow[] = [];
      const claims: ClaimRow[] = [];
      const claimTargets: { claimId: number; actorId: number }[] = [];
      const events: EventRow[] = [];
      const participants: { eventId: number; actorId: number; role: string }[] = [];
      const reports: ReportRow[] = [];
      const counts: StoredCounts[] = [];
      let nextClaim = 0;
      let nextEvent = 0;

      articles.forEach(({ id: articleId, item }, position) => {
        const { extraction } = item;
        const actors = resolved[position];
        const actorId = (key: string | null | undefined): number | null => (key ? (actors.get(key)?.id ?? null) : null);
        const before = { mentions: mentions.length };
        for (const mention of extraction.mentions) {
          const id = actorId(mention.actorKey);
          if (id !== null) mentions.push({ actorId: id, articleId, sentenceIndex: mention.sentenceIndex, start: mention.start, end: mention.end, text: mention.text });
        }
        const claimIds = new Map<string, number>();
        for (const claim of extraction.claims) claimIds.set(claim.key, reserved.claims[nextClaim++]);
        for (const claim of extraction.claims) {
          const id = claimIds.get(claim.key)!;
          claims.push({
            id,
            articleId,
            speakerId: actorId(claim.speakerKey),
            kind: claim.kind,
            content: claim.content,
            quote: claim.quote ?? null,
            negated: claim.negated,
            hedged: claim.hedged,
            respondsToId: claim.respondsToKey ? (claimIds.get(claim.respondsToKey) ?? null) : null,
            evidence: claim.evidence,
            extractor: extraction.extractor,
          });
          for (const target of new Set(claim.targetKeys.map(actorId).filter((target): target is number => target !== null))) {
            claimTargets.push({ claimId: id, actorId: target });
          }
        }
        for (const event of extraction.events) {
          const eventId = reserved.events[nextEvent++];
          events.push({
            id: eventId,
            kind: event.kind,
            mode: event.mode ?? null,
            status: event.status,
            date: event.date ? `${event.date}T00:00:00.000Z` : null,
            datePrecision: event.datePrecision ?? null,
            locationId: actorId(event.locationKey),
            locationText: event.locationText ?? null,
          });
          for (const participant of eventParticipants(event, actorId)) participants.push({ eventId, ...participant });
          for (const evidence of eventEvidence(event)) {
            reports.push({ eventId, articleId, evidence, extractor: extraction.extractor });
          }
        }
        counts.push({
          actors: new Set([...actors.values()].map((actor: BatchActor) => actor.id)).size,
          mentions: mentions.length - before.mentions,
          claims: extraction.claims.length,
          events: extraction.events.length,
        });
      });

      await insertMentions(tx, mentions);
      await insertClaims(tx, claims, claimTargets);
      await insertEvents(tx, events, participants, reports);
      // Inside the transaction: a reader never sees an article whose events are not yet in their stories.
      if (reports.length) await groupArticleEvents(tx, [...articleIdOf.values()]);

      // Read back through Prisma so that callers get exactly the `Article` shape the API uses.
      const wantedIds = [...articleIdOf.values(), ...existingIdOf.filter((id): id is number => id !== null)];
      const rows = await tx.article.findMany({ where: { id: { in: wantedIds } } });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const countsOf = new Map(articles.map((a, position) => [a.id, counts[position]]));
      return items.map((_, index): BatchStoreResult => {
        const existing = existingIdOf[index];
        if (existing !== null) return { status: "exists", article: byId.get(existing)! };
        const id = articleIdOf.get(index)!;
        return { status: "stored", article: byId.get(id)!, counts: countsOf.get(id)! };
      });
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

interface MentionRow {
  actorId: number;
  articleId: number;
  sentenceIndex: number;
  start: number;
  end: number;
  text: string;
}

interface ClaimRow {
  id: number;
  articleId: number;
  speakerId: number | null;
  kind: string;
  content: string;
  quote: string | null;
  negated: boolean;
  hedged: boolean;
  respondsToId: number | null;
  evidence: Evidence;
  extractor: { name: string; version: string };
}

interface EventRow {
  id: number;
  kind: string;
  mode: string | null;
  status: string;
  /** ISO timestamp at midnight UTC. */
  date: string | null;
  datePrecision: string | null;
  locationId: number | null;
  locationText: string | null;
}

interface ReportRow {
  eventId: number;
  articleId: number;
  evidence: Evidence;
  extractor: { name: string; version: string };
}

async function insertMentions(tx: Tx, mentions: MentionRow[]): Promise<void> {
  if (mentions.length) {
    await tx.$executeRaw`
      INSERT INTO "Mention" ("actorId", "articleId", "sentenceIndex", start, "end", text)
      SELECT * FROM unnest(${mentions.map((m) => m.actorId)}::int[], ${mentions.map((m) => m.articleId)}::int[],
                           ${mentions.map((m) => m.sentenceIndex)}::int[], ${mentions.map((m) => m.start)}::int[],
                           ${mentions.map((m) => m.end)}::int[], ${mentions.map((m) => m.text)}::text[])`;
  }
}

/** Claims with their reserved ids (respondsTo points within the same statement), then their targets. */
async function insertClaims(tx: Tx, claims: ClaimRow[], claimTargets: { claimId: number; actorId: number }[]): Promise<void> {
  if (claims.length) {
    const ev = claims.map((c) => c.evidence);
    await tx.$executeRaw`
      INSERT INTO "Claim" (id, "articleId", "speakerId", kind, content, quote, negated, hedged, "respondsToId",
                           sentence, "sentenceIndex", start, "end", cue, rule, confidence, extractor, "extractorVersion")
      SELECT * FROM unnest(${claims.map((c) => c.id)}::int[], ${claims.map((c) => c.articleId)}::int[],
                           ${claims.map((c) => c.speakerId)}::int[], ${claims.map((c) => c.kind)}::text[]::"ClaimKind"[],
                           ${claims.map((c) => c.content)}::text[], ${claims.map((c) => c.quote)}::text[],
                           ${claims.map((c) => c.negated)}::boolean[], ${claims.map((c) => c.hedged)}::boolean[],
                           ${claims.map((c) => c.respondsToId)}::int[],
                           ${ev.map((e) => e.sentence)}::text[], ${ev.map((e) => e.sentenceIndex)}::int[],
                           ${ev.map((e) => e.start)}::int[], ${ev.map((e) => e.end)}::int[], ${ev.map((e) => e.cue ?? null)}::text[],
                           ${ev.map((e) => e.rule)}::text[], ${ev.map((e) => e.confidence)}::float8[],
                           ${claims.map((c) => c.extractor.name)}::text[], ${claims.map((c) => c.extractor.version)}::text[])`;
  }
  if (claimTargets.length) {
    await tx.$executeRaw`
      INSERT INTO "ClaimTarget" ("claimId", "actorId")
      SELECT * FROM unnest(${claimTargets.map((t) => t.claimId)}::int[], ${claimTargets.map((t) => t.actorId)}::int[])`;
  }
}

/** Events with their reserved ids, their participants, and the reports that tie them to articles. */
async function insertEvents(
  tx: Tx,
  events: EventRow[],
  participants: { eventId: number; actorId: number; role: string }[],
  reports: ReportRow[],
): Promise<void> {
  if (events.length) {
    await tx.$executeRaw`
      INSERT INTO "Event" (id, kind, mode, status, date, "datePrecision", "locationId", "locationText")
      SELECT * FROM unnest(${events.map((e) => e.id)}::int[], ${events.map((e) => e.kind)}::text[]::"EventKind"[],
                           ${events.map((e) => e.mode)}::text[], ${events.map((e) => e.status)}::text[]::"EventStatus"[],
                           ${events.map((e) => e.date)}::timestamp(3)[], ${events.map((e) => e.datePrecision)}::text[]::"DatePrecision"[],
                           ${events.map((e) => e.locationId)}::int[], ${events.map((e) => e.locationText)}::text[])`;
  }
  if (participants.length) {
    await tx.$executeRaw`
      INSERT INTO "EventParticipant" ("eventId", "actorId", role)
      SELECT * FROM unnest(${participants.map((p) => p.eventId)}::int[], ${participants.map((p) => p.actorId)}::int[],
                           ${participants.map((p) => p.role)}::text[]::"ParticipantRole"[])`;
  }
  if (reports.length) {
    const ev = reports.map((r) => r.evidence);
    await tx.$executeRaw`
      INSERT INTO "EventReport" ("eventId", "articleId", sentence, "sentenceIndex", start, "end", cue, rule, confidence, extractor, "extractorVersion")
      SELECT * FROM unnest(${reports.map((r) => r.eventId)}::int[], ${reports.map((r) => r.articleId)}::int[],
                           ${ev.map((e) => e.sentence)}::text[], ${ev.map((e) => e.sentenceIndex)}::int[],
                           ${ev.map((e) => e.start)}::int[], ${ev.map((e) => e.end)}::int[], ${ev.map((e) => e.cue ?? null)}::text[],
                           ${ev.map((e) => e.rule)}::text[], ${ev.map((e) => e.confidence)}::float8[],
                           ${reports.map((r) => r.extractor.name)}::text[], ${reports.map((r) => r.extractor.version)}::text[])`;
  }
}

/** PostgreSQL's SQLSTATE of a failed query, however the adapter wrapped it. */
function sqlState(error: unknown): string | null {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; originalCode?: unknown; meta?: unknown; cause?: unknown };
    for (const code of [record.originalCode, record.code]) {
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) return code;
    }
    const meta = record.meta as { code?: unknown; driverAdapterError?: unknown } | undefined;
    if (typeof meta?.code === "string" && /^[0-9A-Z]{5}$/.test(meta.code)) return meta.code;
    current = meta?.driverAdapterError ?? record.cause;
  }
  const message = error instanceof Error ? error.message : String(error);
  return /\b(?:SQLSTATE|code)[ :]*"?((?:22|23|54)[0-9A-Z]{3})\b/.exec(message)?.[1] ?? null;
}

/**
 * Whether PostgreSQL refused one article's data (a data exception such as an invalid byte
 * sequence, an integrity violation, or a limit such as a tsvector over 1 MB), as opposed to an
 * error about the database itself (connection lost, shutdown), which must stop the caller.
 */
export function isRecordLevelError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientValidationError) return true;
  const state = sqlState(error);
  if (state !== null) return /^(22|23|54)/.test(state);
  const message = error instanceof Error ? error.message : String(error);
  return /invalid byte sequence|out of range|too long for tsvector|violates/i.test(message);
}
