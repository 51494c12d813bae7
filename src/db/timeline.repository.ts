import { Prisma, type PrismaClient } from "@prisma/client";
import { CLAIM_TIME } from "./graph.repository.js";

export type TimelineInterval = "day" | "week" | "month";

export interface TimelineQuery {
  interval: TimelineInterval;
  /** Count claims (by claim kind) or events (by event kind). */
  subject: "claims" | "events";
  kinds?: string[];
  /** Only what this actor did or had done to it (speaker/target, or participant). */
  actorIds?: number[];
  /** With actorIds: only between the actor and this counterpart. */
  counterpartIds?: number[];
  since?: Date;
  until?: Date;
}

export interface TimelineRow {
  bucket: Date;
  kind: string;
  count: number;
}

/**
 * Activity over time: counts per day, week or month and kind, by publication time. Claims
 * count once each; events count once per event, dated by their own date when known, else by the
 * first article reporting them. One grouped statement.
 */
export async function timeline(prisma: PrismaClient, query: TimelineQuery): Promise<TimelineRow[]> {
  const unit = Prisma.raw(`'${query.interval}'`);
  if (query.subject === "claims") {
    const conditions: Prisma.Sql[] = [Prisma.sql`NOT c.negated`];
    if (query.kinds?.length) conditions.push(Prisma.sql`c.kind::text IN (${Prisma.join(query.kinds)})`);
    if (query.since) conditions.push(Prisma.sql`${CLAIM_TIME} >= ${query.since}`);
    if (query.until) conditions.push(Prisma.sql`${CLAIM_TIME} < ${query.until}`);
    if (query.actorIds?.length) {
      const ids = Prisma.join(query.actorIds);
      const targets = (list: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "ClaimTarget" t WHERE t."claimId" = c.id AND t."actorId" IN (${list}))`;
      if (query.counterpartIds?.length) {
        const other = Prisma.join(query.counterpartIds);
        conditions.push(Prisma.sql`((c."speakerId" IN (${ids}) AND ${targets(other)}) OR (c."speakerId" IN (${other}) AND ${targets(ids)}))`);
      } else {
        conditions.push(Prisma.sql`(c."speakerId" IN (${ids}) OR ${targets(ids)})`);
      }
    }
    return prisma.$queryRaw<TimelineRow[]>`
      SELECT date_trunc(${unit}, ${CLAIM_TIME}) AS bucket, c.kind::text AS kind, count(*)::int AS count
      FROM "Claim" c JOIN "Article" a ON a.id = c."articleId"
      WHERE ${Prisma.join(conditions, " AND ")}
      GROUP BY 1, 2 ORDER BY 1, 2`;
  }
  const when = Prisma.sql`coalesce(e.date, (SELECT min(coalesce(a."publishedAt", a."fetchedAt")) FROM "EventReport" r JOIN "Article" a ON a.id = r."articleId" WHERE r."eventId" = e.id))`;
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.kinds?.length) conditions.push(Prisma.sql`e.kind::text IN (${Prisma.join(query.kinds)})`);
  if (query.actorIds?.length) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "EventParticipant" p WHERE p."eventId" = e.id AND p."actorId" IN (${Prisma.join(query.actorIds)}))`);
  }
  if (query.counterpartIds?.length) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "EventParticipant" p WHERE p."eventId" = e.id AND p."actorId" IN (${Prisma.join(query.counterpartIds)}))`);
  }
  const window: Prisma.Sql[] = [];
  if (query.since) window.push(Prisma.sql`at >= ${query.since}`);
  if (query.until) window.push(Prisma.sql`at < ${query.until}`);
  return prisma.$queryRaw<TimelineRow[]>`
    SELECT date_trunc(${unit}, at) AS bucket, kind, count(*)::int AS count FROM (
      SELECT e.kind::text AS kind, ${when} AS at FROM "Event" e WHERE ${Prisma.join(conditions, " AND ")}
    ) dated
    WHERE at IS NOT NULL ${window.length ? Prisma.sql`AND ${Prisma.join(window, " AND ")}` : Prisma.empty}
    GROUP BY 1, 2 ORDER BY 1, 2`;
}
