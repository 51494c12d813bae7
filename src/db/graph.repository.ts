import { Prisma, type PrismaClient } from "@prisma/client";

export interface GraphQuery {
  kinds: string[];
  since?: Date;
  until?: Date;
  /** Only edges touching one of these actors. */
  actorIds?: number[];
  minCount: number;
  limit: number;
}

export interface GraphEdgeRow {
  fromId: number;
  toId: number;
  kind: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** When a claim was made: the article's publication time, or when it was stored if unknown. */
export const CLAIM_TIME = Prisma.sql`coalesce(a."publishedAt", a."fetchedAt")`;

/**
 * Who-did-what-to-whom as aggregated edges: one per (speaker, target, claim kind), with how
 * often and when first and last. Negated claims ("did not accuse") are not edges. One statement.
 */
export async function actorGraphEdges(prisma: PrismaClient, query: GraphQuery): Promise<GraphEdgeRow[]> {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`c.kind::text IN (${Prisma.join(query.kinds)})`,
    Prisma.sql`c."speakerId" IS NOT NULL`,
    Prisma.sql`c."speakerId" <> t."actorId"`,
    Prisma.sql`NOT c.negated`,
  ];
  if (query.since) conditions.push(Prisma.sql`${CLAIM_TIME} >= ${query.since}`);
  if (query.until) conditions.push(Prisma.sql`${CLAIM_TIME} < ${query.until}`);
  if (query.actorIds?.length) {
    const ids = Prisma.join(query.actorIds);
    conditions.push(Prisma.sql`(c."speakerId" IN (${ids}) OR t."actorId" IN (${ids}))`);
  }
  return prisma.$queryRaw<GraphEdgeRow[]>`
    SELECT c."speakerId" AS "fromId", t."actorId" AS "toId", c.kind::text AS kind, count(*)::int AS count,
           min(${CLAIM_TIME}) AS "firstSeen", max(${CLAIM_TIME}) AS "lastSeen"
    FROM "Claim" c
    JOIN "ClaimTarget" t ON t."claimId" = c.id
    JOIN "Article" a ON a.id = c."articleId"
    WHERE ${Prisma.join(conditions, " AND ")}
    GROUP BY c."speakerId", t."actorId", c.kind
    HAVING count(*) >= ${query.minCount}
    ORDER BY count DESC, "lastSeen" DESC, "fromId", "toId", kind
    LIMIT ${query.limit}`;
}
