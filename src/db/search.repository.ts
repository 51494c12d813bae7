import { Prisma, type PrismaClient } from "@prisma/client";

export type SearchKind = "ARTICLE" | "ACTOR" | "CLAIM" | "EVENT";

export interface SearchFilters {
  sourceIds?: number[];
  language?: string;
  since?: Date;
  until?: Date;
  /** Only articles that mention, claims that involve, or events in which one of these actors takes part. */
  actorIds?: number[];
  claimKind?: string;
  eventKind?: string;
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
  /** 0..1; full-text ranks are normalised as rank / (rank + 1), names score by trigram similarity. */
  score: number;
  /** Matching text with the matched words between « and ». */
  snippet: string | null;
}

const HEADLINE = 'StartSel=«, StopSel=», MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** Conditions on the article a hit comes from (alias "a"). */
function articleConditions(filters: SearchFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.sourceIds?.length) conditions.push(Prisma.sql`a."sourceId" IN (${Prisma.join(filters.sourceIds)})`);
  if (filters.language) conditions.push(Prisma.sql`a."language" = ${filters.language}`);
  if (filters.since) conditions.push(Prisma.sql`a."publishedAt" >= ${filters.since}`);
  if (filters.until) conditions.push(Prisma.sql`a."publishedAt" < ${filters.until}`);
  return conditions;
}

interface KindQuery {
  /** FROM ... WHERE ... shared by the hit query and the count. */
  from: Prisma.Sql;
  /** The hit query, best first, limited. */
  hits: (limit: number) => Prisma.Sql;
  /** Expression counting distinct hits over `from`. */
  countDistinct: Prisma.Sql;
}

function kindQuery(kind: SearchKind, query: string, filters: SearchFilters): KindQuery {
  const q = Prisma.sql`websearch_to_tsquery('english', ${query})`;
  switch (kind) {
    case "ARTICLE": {
      const conditions = articleConditions(filters);
      if (filters.actorIds?.length) {
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."actorId" IN (${Prisma.join(filters.actorIds)}))`);
      }
      const from = Prisma.sql`FROM "Article" a WHERE a.search @@ ${q} AND a."duplicateOfId" IS NULL ${and(conditions)}`;
      return {
        from,
        countDistinct: Prisma.sql`a.id`,
        hits: (limit) => Prisma.sql`
          SELECT id, score, ts_headline('english', title || E'\n' || body, ${q}, ${HEADLINE}) AS snippet FROM (
            SELECT a.id, a.title, a.body, ts_rank_cd(a.search, ${q}, 32)::float8 AS score ${from}
            ORDER BY score DESC, a.id DESC LIMIT ${limit}
          ) best ORDER BY score DESC, id DESC`,
      };
    }
    case "CLAIM": {
      const conditions = articleConditions(filters);
      if (filters.claimKind) conditions.push(Prisma.sql`c.kind::text = ${filters.claimKind}`);
      if (filters.actorIds?.length) {
        const ids = Prisma.join(filters.actorIds);
        conditions.push(Prisma.sql`(c."speakerId" IN (${ids}) OR EXISTS (SELECT 1 FROM "ClaimTarget" t WHERE t."claimId" = c.id AND t."actorId" IN (${ids})))`);
      }
      const from = Prisma.sql`FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" WHERE c.search @@ ${q} ${and(conditions)}`;
      return {
        from,
        countDistinct: Prisma.sql`c.id`,
        hits: (limit) => Prisma.sql`
          SELECT id, score, ts_headline('english', sentence, ${q}, ${HEADLINE}) AS snippet FROM (
            SELECT c.id, c.sentence, ts_rank_cd(c.search, ${q}, 32)::float8 AS score ${from}
            ORDER BY score DESC, c.id DESC LIMIT ${limit}
          ) best ORDER BY score DESC, id DESC`,
      };
    }
    case "EVENT": {
      const conditions = articleConditions(filters);
      if (filters.eventKind) conditions.push(Prisma.sql`e.kind::text = ${filters.eventKind}`);
      if (filters.actorIds?.length) {
        conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "EventParticipant" p WHERE p."eventId" = e.id AND p."actorId" IN (${Prisma.join(filters.actorIds)}))`);
      }
      const from = Prisma.sql`FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId" JOIN "Article" a ON a.id = r."articleId"
        WHERE r.search @@ ${q} ${and(conditions)}`;
      return {
        from,
        countDistinct: Prisma.sql`e.id`,
        // The best report of each event, then the best events.
        hits: (limit) => Prisma.sql`
          SELECT id, score, ts_headline('english', sentence, ${q}, ${HEADLINE}) AS snippet FROM (
            SELECT DISTINCT ON (e.id) e.id, r.sentence, ts_rank_cd(r.search, ${q}, 32)::float8 AS score ${from}
            ORDER BY e.id, score DESC
          ) best ORDER BY score DESC, id DESC LIMIT ${limit}`,
      };
    }
    case "ACTOR": {
      const needle = query.toLowerCase().trim();
      const like = `%${needle.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      const from = Prisma.sql`FROM "ActorAlias" al WHERE al.alias % ${needle} OR ${needle} <% al.alias OR al.alias LIKE ${like}`;
      return {
        from,
        countDistinct: Prisma.sql`al."actorId"`,
        // The best-matching alias of each actor, then the best actors.
        hits: (limit) => Prisma.sql`
          SELECT id, score, snippet FROM (
            SELECT DISTINCT ON (al."actorId") al."actorId" AS id, al.display AS snippet,
                   GREATEST(similarity(al.alias, ${needle}), word_similarity(${needle}, al.alias))::float8 AS score ${from}
            ORDER BY al."actorId", score DESC
          ) best ORDER BY score DESC, id ASC LIMIT ${limit}`,
      };
    }
  }
}

/**
 * Ranked full-text search (PostgreSQL tsvector, websearch syntax: quotes, OR, -word) over
 * articles, claims and event reports, plus fuzzy actor names with pg_trgm. Each kind returns its
 * best `limit` hits, merged by score; snippets are computed for those rows only.
 */
export async function search(prisma: PrismaClient, query: string, kinds: SearchKind[], filters: SearchFilters, limit: number): Promise<SearchHit[]> {
  const perKind = await Promise.all(
    kinds.map(async (kind) => {
      const rows = await prisma.$queryRaw<{ id: number; score: number; snippet: string | null }[]>(kindQuery(kind, query, filters).hits(limit));
      return rows.map((row) => ({ kind, id: row.id, score: row.score, snippet: row.snippet }));
    }),
  );
  return perKind.flat().sort((x, y) => y.score - x.score || x.kind.localeCompare(y.kind) || y.id - x.id);
}

/** How many hits a search has, counting each kind up to `cap`. */
export async function countSearch(prisma: PrismaClient, query: string, kinds: SearchKind[], filters: SearchFilters, cap: number): Promise<number> {
  const counts = await Promise.all(
    kinds.map(async (kind) => {
      const { from, countDistinct } = kindQuery(kind, query, filters);
      const [row] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (SELECT DISTINCT ${countDistinct} ${from} LIMIT ${cap}) hits`;
      return row.n;
    }),
  );
  return Math.min(cap, counts.reduce((sum, n) => sum + n, 0));
}
