import { Prisma, type PrismaClient } from "@prisma/client";
import { CLAIM_TIME } from "./graph.repository.js";
import type { TimelineInterval, TimelineRow } from "./timeline.repository.js";

// Actor-profile aggregates for many actors at once: each function is one statement however many
// actors a request shows, so that a list of profiles costs what one profile costs.

export async function mentionCounts(prisma: PrismaClient, actorIds: number[]): Promise<{ actorId: number; count: number }[]> {
  return prisma.$queryRaw`
    SELECT "actorId", count(*)::int AS count FROM "Mention" WHERE "actorId" IN (${Prisma.join(actorIds)}) GROUP BY "actorId"`;
}

export interface ClaimCountRow {
  actorId: number;
  kind: string;
  made: number;
  received: number;
}

/** Claims each actor made and received, per kind (negated claims included, as in claimsMade). */
export async function claimCounts(prisma: PrismaClient, actorIds: number[]): Promise<ClaimCountRow[]> {
  const ids = Prisma.join(actorIds);
  return prisma.$queryRaw`
    SELECT "actorId", kind, sum(made)::int AS made, sum(received)::int AS received FROM (
      SELECT c."speakerId" AS "actorId", c.kind::text AS kind, 1 AS made, 0 AS received FROM "Claim" c WHERE c."speakerId" IN (${ids})
      UNION ALL
      SELECT t."actorId", c.kind::text, 0, 1 FROM "ClaimTarget" t JOIN "Claim" c ON c.id = t."claimId" WHERE t."actorId" IN (${ids})
    ) counted
    GROUP BY "actorId", kind ORDER BY "actorId", kind`;
}

export interface CounterpartRow {
  actorId: number;
  counterpartId: number;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/**
 * For each actor, the actors it made claims of one kind against most often (OUTGOING) or that
 * made them against it (INCOMING), with counts and dates: the actor graph's edges seen from one
 * end. Negated claims and claims against oneself do not count. The top `first` per actor.
 */
export async function topCounterparts(
  prisma: PrismaClient,
  actorIds: number[],
  options: { kind: string; direction: "OUTGOING" | "INCOMING"; first: number },
): Promise<CounterpartRow[]> {
  const [self, other] = options.direction === "OUTGOING" ? [Prisma.sql`c."speakerId"`, Prisma.sql`t."actorId"`] : [Prisma.sql`t."actorId"`, Prisma.sql`c."speakerId"`];
  return prisma.$queryRaw`
    SELECT "actorId", "counterpartId", count, "firstSeen", "lastSeen" FROM (
      SELECT ${self} AS "actorId", ${other} AS "counterpartId", count(*)::int AS count,
             min(${CLAIM_TIME}) AS "firstSeen", max(${CLAIM_TIME}) AS "lastSeen",
             row_number() OVER (PARTITION BY ${self} ORDER BY count(*) DESC, max(${CLAIM_TIME}) DESC, ${other}) AS rank
      FROM "Claim" c
      JOIN "ClaimTarget" t ON t."claimId" = c.id
      JOIN "Article" a ON a.id = c."articleId"
      WHERE ${self} IN (${Prisma.join(actorIds)}) AND c.kind::text = ${options.kind} AND NOT c.negated
        AND c."speakerId" IS NOT NULL AND c."speakerId" <> t."actorId"
      GROUP BY 1, 2
    ) ranked
    WHERE rank <= ${options.first}
    ORDER BY "actorId", rank`;
}

/**
 * timeline() (timeline.repository.ts) for each of many actors at once: claims the actor made or
 * received, counted once each per actor, per interval and kind, negated ones excluded.
 */
export async function actorTimelines(
  prisma: PrismaClient,
  actorIds: number[],
  options: { interval: TimelineInterval; kinds?: string[] },
): Promise<(TimelineRow & { actorId: number })[]> {
  const ids = Prisma.join(actorIds);
  const unit = Prisma.raw(`'${options.interval}'`);
  const kinds = options.kinds?.length ? Prisma.sql`AND c.kind::text IN (${Prisma.join(options.kinds)})` : Prisma.empty;
  return prisma.$queryRaw`
    SELECT involved."actorId", date_trunc(${unit}, ${CLAIM_TIME}) AS bucket, c.kind::text AS kind, count(*)::int AS count
    FROM (
      SELECT id AS "claimId", "speakerId" AS "actorId" FROM "Claim" WHERE "speakerId" IN (${ids})
      UNION
      SELECT "claimId", "actorId" FROM "ClaimTarget" WHERE "actorId" IN (${ids})
    ) involved
    JOIN "Claim" c ON c.id = involved."claimId"
    JOIN "Article" a ON a.id = c."articleId"
    WHERE NOT c.negated ${kinds}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
}
