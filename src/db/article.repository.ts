import { Prisma, type Article, type PrismaClient } from "@prisma/client";
import type { Evidence, ExtractionResult } from "../extract/types.js";
import { resolveActors } from "./actor.repository.js";
import { uniqueViolation } from "./errors.js";
import { groupArticleEvents } from "./story.repository.js";

export interface NewArticle {
  title: string;
  body: string;
  url: string | null;
  canonicalUrl: string | null;
  publishedAt: Date | null;
  summary: string | null;
  language: string | null;
  contentHash: string;
  sourceName: string | null;
  /** MinHash signature ([] when the text is too short to have one). */
  minhash: number[];
  /** LSH band hashes of the signature; stored only for originals, the only match targets. */
  bands: number[];
  duplicateOfId: number | null;
  duplicateSimilarity: number | null;
}

export interface StoredCounts {
  actors: number;
  mentions: number;
  claims: number;
  events: number;
}

function uniqueByStart(evidence: Evidence[]): Evidence[] {
  const seen = new Set<number>();
  return evidence.filter((item) => !seen.has(item.start) && seen.add(item.start));
}

/** Original articles (not near-duplicates themselves) that share an LSH band with a signature. */
export async function nearDuplicateCandidates(
  prisma: PrismaClient,
  bands: number[],
  limit = 50,
): Promise<{ id: number; minhash: number[] }[]> {
  if (bands.length === 0) return [];
  const hits = await prisma.articleBand.findMany({
    where: { band: { in: bands } },
    select: { articleId: true },
    distinct: ["articleId"],
    orderBy: { articleId: "asc" },
    take: limit,
  });
  if (hits.length === 0) return [];
  return prisma.article.findMany({
    where: { id: { in: hits.map((hit) => hit.articleId) }, duplicateOfId: null },
    select: { id: true, minhash: true },
    orderBy: { id: "asc" },
  });
}

/** What makes two articles the same one: equal content hash, URL or canonical URL. */
export interface ArticleKeys {
  contentHash: string;
  url: string | null;
  canonicalUrl: string | null;
}

function anyKeyMatches(keys: ArticleKeys[]): Prisma.ArticleWhereInput {
  const hashes = [...new Set(keys.map((key) => key.contentHash))];
  const urls = [...new Set(keys.flatMap((key) => (key.url ? [key.url] : [])))];
  const canonicalUrls = [...new Set(keys.flatMap((key) => (key.canonicalUrl ? [key.canonicalUrl] : [])))];
  const or: Prisma.ArticleWhereInput[] = [{ contentHash: { in: hashes } }];
  if (urls.length) or.push({ url: { in: urls } });
  if (canonicalUrls.length) or.push({ canonicalUrl: { in: canonicalUrls } });
  return { OR: or };
}

/** An article already stored under the same content hash, URL or canonical URL. */
export async function findExistingArticle(prisma: PrismaClient, keys: ArticleKeys): Promise<Article | null> {
  return prisma.article.findFirst({ where: anyKeyMatches([keys]), orderBy: { id: "asc" } });
}

/** Which of many articles' keys are already stored, in one statement (for bulk imports). */
export async function storedArticleKeys(
  prisma: PrismaClient,
  keys: ArticleKeys[],
): Promise<{ hashes: Set<string>; urls: Set<string>; canonicalUrls: Set<string> }> {
  const rows = keys.length
    ? await prisma.article.findMany({ where: anyKeyMatches(keys), select: { contentHash: true, url: true, canonicalUrl: true } })
    : [];
  return {
    hashes: new Set(rows.map((row) => row.contentHash)),
    urls: new Set(rows.flatMap((row) => (row.url ? [row.url] : []))),
    canonicalUrls: new Set(rows.flatMap((row) => (row.canonicalUrl ? [row.canonicalUrl] : []))),
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return uniqueViolation(error) !== null;
}

/**
 * Stores an article with everything extracted from it in one transaction, so that a reader (or a
 * crash) never sees half an article. Throws a P2002 unique violation when a concurrent writer
 * stored the same article first; callers treat that as a duplicate.
 */
export async function storeArticle(
  prisma: PrismaClient,
  article: NewArticle,
  extraction: ExtractionResult,
): Promise<{ article: Article; counts: StoredCounts }> {
  return prisma.$transaction(
    async (tx) => {
      const source = article.sourceName
        ? await tx.source.upsert({
            where: { name: article.sourceName },
            create: { name: article.sourceName, kind: "MANUAL" },
            update: {},
            select: { id: true },
          })
        : null;
      const stored = await tx.article.create({
        data: {
          sourceId: source?.id ?? null,
          url: article.url,
          canonicalUrl: article.canonicalUrl,
          title: article.title,
          body: article.body,
          summary: article.summary,
          language: article.language,
          publishedAt: article.publishedAt,
          contentHash: article.contentHash,
          extractedWith: `${extraction.extractor.name}@${extraction.extractor.version}`,
          extractionNotes: extraction.warnings,
          minhash: article.minhash,
          duplicateOfId: article.duplicateOfId,
          duplicateSimilarity: article.duplicateSimilarity,
        },
      });
      if (article.duplicateOfId === null && article.bands.length) {
        await tx.articleBand.createMany({ data: article.bands.map((band) => ({ articleId: stored.id, band })), skipDuplicates: true });
      }
      const actorIds = await resolveActors(tx, extraction.actors);
      const actorId = (key: string | null | undefined) => (key ? actorIds.get(key) ?? null : null);

      const mentions = extraction.mentions
        .map((mention) => ({
          actorId: actorId(mention.actorKey),
          articleId: stored.id,
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

      // Bulk inserts with RETURNING (which keeps VALUES order): a fixed number of statements per
      // article however many claims and events it has.
      if (extraction.claims.length) {
        const claims = await tx.claim.createManyAndReturn({
          data: extraction.claims.map((claim) => ({
            articleId: stored.id,
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
        const claimIds = new Map(extraction.claims.map((claim, index) => [claim.key, claims[index].id]));
        const targets = extraction.claims.flatMap((claim) =>
          [...new Set(claim.targetKeys.map(actorId).filter((id): id is number => id !== null))].map((id) => ({
            claimId: claimIds.get(claim.key)!,
            actorId: id,
          })),
        );
        if (targets.length) await tx.claimTarget.createMany({ data: targets });
        for (const claim of extraction.claims) {
          const respondsToId = claim.respondsToKey ? claimIds.get(claim.respondsToKey) : undefined;
          if (respondsToId !== undefined) await tx.claim.update({ where: { id: claimIds.get(claim.key)! }, data: { respondsToId } });
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
        const participants = extraction.events.flatMap((event, index) => {
          const unique = new Map<string, { eventId: number; actorId: number; role: "AGENT" | "TARGET" }>();
          for (const participant of event.participants) {
            const id = actorId(participant.actorKey);
            if (id !== null) unique.set(`${id}:${participant.role}`, { eventId: events[index].id, actorId: id, role: participant.role });
          }
          return [...unique.values()];
        });
        if (participants.length) await tx.eventParticipant.createMany({ data: participants });
        await tx.eventReport.createMany({
          data: extraction.events.flatMap((event, index) =>
            uniqueByStart([event.evidence, ...(event.moreEvidence ?? [])]).map((evidence) => ({
              eventId: events[index].id,
              articleId: stored.id,
              ...provenance(evidence),
            })),
          ),
        });
        await groupArticleEvents(tx, [stored.id]);
      }
      return {
        article: stored,
        counts: {
          actors: new Set(actorIds.values()).size,
          mentions: mentions.length,
          claims: extraction.claims.length,
          events: extraction.events.length,
        },
      };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
