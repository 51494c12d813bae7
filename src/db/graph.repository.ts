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
 * Claims made in [since, until) by CLAIM_TIME, written as a range on "publishedAt" or, when that is
 * null, on "fetchedAt": unlike a range on the coalesce() expression, PostgreSQL can answer it from
 * the index on "Article"("publishedAt"), so a one-month graph reads that month's articles instead
 * of every claim (EXPLAIN ANALYZE on 50k articles: a sequential scan of "Claim" became index scans).
 */
export function claimTimeRange(since?: Date, until?: Date): Prisma.Sql | null {
  if (!since && !until) return null;
  const range = (column: Prisma.Sql) =>
    Prisma.join([...(since ? [Prisma.sql`${column} >= ${since}`] : []), ...(until ? [Prisma.sql`${column} < ${until}`] : [])], " AND ");
  return Prisma.sql`((${range(Prisma.sql`a."publishedAt"`)}) OR (a."publishedAt" IS NULL AND ${range(Prisma.sql`a."fetchedAt"`)}))`;
}

/** Claim kinds compared as the enum, not as text, so that the index on "Claim"(kind, id) applies. */
export function claimKindIn(kinds: string[]): Prisma.Sql {
  return Prisma.sql`c.kind IN (${Prisma.join(kinds.map((kind) => Prisma.sql`${kind}::"ClaimKind"`))})`;
}

/**
 * Who-did-what-to-whom as aggregated edges: one per (speaker, target, claim kind), with how
 * often and when first and last. Negated claims ("did not accuse") are not edges. One statement.
 */
export async function actorGraphEdges(prisma: PrismaClient, query: GraphQuery): Promise<GraphEdgeRow[]> {
  const conditions: Prisma.Sql[] = [
    claimKindIn(query.kinds),
    Prisma.sql`c."speakerId" IS NOT NULL`,
    Prisma.sql`c."speakerId" <> t."actorId"`,
    Prisma.sql`NOT c.negated`,
  ];
  const range = claimTimeRange(query.since, query.until);
  if (range) conditions.push(range);
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

export interface EdgeClaimsQuery {
  kind: string;
  since?: Date;
  until?: Date;
  /** Only claims with a smaller id (the keyset cursor of the edges' `claims` connections). */
  beforeId?: number;
  /** Claims per edge, newest first. */
  perEdge: number;
  edges: { fromId: number; toId: number }[];
}

/**
 * The newest claims behind many edges of one kind and time window in one statement (a window
 * function per speaker and target), instead of one statement per edge: a 50-edge graph cost 51.
 */
export async function edgeClaimIds(prisma: PrismaClient, query: EdgeClaimsQuery): Promise<{ fromId: number; toId: number; id: number }[]> {
  if (query.edges.length === 0 || query.perEdge <= 0) return [];
  const conditions: Prisma.Sql[] = [
    Prisma.sql`c.kind = ${query.kind}::"ClaimKind"`,
    Prisma.sql`NOT c.negated`,
    Prisma.sql`(c."speakerId", t."actorId") IN (${Prisma.join(query.edges.map((edge) => Prisma.sql`(${edge.fromId}::int, ${edge.toId}::int)`))})`,
  ];
  const range = claimTimeRange(query.since, query.until);
  if (range) conditions.push(range);
  if (query.beforeId !== undefined) conditions.push(Prisma.sql`c.id < ${query.beforeId}`);
  return prisma.$queryRaw<{ fromId: number; toId: number; id: number }[]>`
    SELECT "fromId", "toId", id FROM (
      SELECT c."speakerId" AS "fromId", t."actorId" AS "toId", c.id,
             row_number() OVER (PARTITION BY c."speakerId", t."actorId" ORDER BY c.id DESC) AS rank
      FROM "Claim" c
      JOIN "ClaimTarget" t ON t."claimId" = c.id
      JOIN "Article" a ON a.id = c."articleId"
      WHERE ${Prisma.join(conditions, " AND ")}
    ) ranked
    WHERE rank <= ${query.perEdge}
    ORDER BY id DESC`;
}
