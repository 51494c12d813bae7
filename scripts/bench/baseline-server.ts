/**
 * The benchmark's baseline: the four benchmarked questions answered by a minimal node:http server
 * with hand-written SQL through `pg` (no GraphQL, no ORM, no validation beyond what the SQL needs).
 * It accepts the same POST body as Newsgraph ({ operationName, variables }) and returns the same
 * JSON ({ data: … }), so one autocannon request definition drives both and the bench can check
 * that the answers are equal. It is what a careful hand-written service would cost; Newsgraph's
 * requests/s are reported as a ratio of it.
 *
 *   DATABASE_URL=postgres://… PORT=0 npx tsx scripts/bench/baseline-server.ts
 *
 * Prints `baseline ready: http://127.0.0.1:PORT/graphql` once listening. GET /stats returns how
 * many SQL statements it has sent, for the statements-per-operation column.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";

// Prisma stores DateTime as `timestamp(3)` without time zone, holding UTC; pg would read it as local time.
pg.types.setTypeParser(1114, (text) => new Date(`${text.replace(" ", "T")}Z`));

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BASELINE_POOL ?? 10) });
let statements = 0;
async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  statements += 1;
  return (await pool.query<T>(sql, params)).rows;
}

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
const cursor = (id: number) => Buffer.from(`cursor:${id}`, "utf8").toString("base64url");
function fromGlobalId(value: string): number {
  const match = /^[A-Za-z]+:(\d+)$/.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match) throw new Error("bad id");
  return Number(match[1]);
}
function fromCursor(value: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(value, "base64url").toString("utf8"));
  if (!match) throw new Error("bad cursor");
  return Number(match[1]);
}
const iso = (date: Date | null) => (date ? date.toISOString() : null);

interface ClaimRow {
  id: number;
  kind: string;
  content: string;
  quote: string | null;
  speakerId: number | null;
  articleId: number;
  title: string;
  publishedAt: Date | null;
}

/** Targets of some claims, ordered by actor id as Newsgraph's loader orders them. */
async function targetsOf(claimIds: number[]): Promise<Map<number, { id: string; name: string }[]>> {
  const rows = await query<{ claimId: number; actorId: number; name: string }>(
    `SELECT t."claimId", t."actorId", a.name FROM "ClaimTarget" t JOIN "Actor" a ON a.id = t."actorId"
     WHERE t."claimId" = ANY($1) ORDER BY t."claimId", t."actorId"`,
    [claimIds],
  );
  const byClaim = new Map<number, { id: string; name: string }[]>();
  for (const row of rows) {
    const list = byClaim.get(row.claimId) ?? [];
    list.push({ id: globalId("Actor", row.actorId), name: row.name });
    byClaim.set(row.claimId, list);
  }
  return byClaim;
}

async function actorNames(ids: number[]): Promise<Map<number, string>> {
  const rows = await query<{ id: number; name: string }>(`SELECT id, name FROM "Actor" WHERE id = ANY($1)`, [ids]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Claims with speaker, targets and article, the selection the actor profile and the claims page use. */
async function claimNodes(rows: ClaimRow[]) {
  const ids = rows.map((row) => row.id);
  const [targets, speakers] = await Promise.all([
    targetsOf(ids),
    actorNames([...new Set(rows.flatMap((row) => (row.speakerId == null ? [] : [row.speakerId])))]),
  ]);
  return rows.map((row) => ({
    id: globalId("Claim", row.id),
    kind: row.kind,
    content: row.content,
    quote: row.quote,
    speaker: row.speakerId == null ? null : { id: globalId("Actor", row.speakerId), name: speakers.get(row.speakerId)! },
    targets: targets.get(row.id) ?? [],
    article: { id: globalId("Article", row.articleId), title: row.title, publishedAt: iso(row.publishedAt) },
  }));
}

const CLAIM_COLUMNS = `c.id, c.kind::text AS kind, c.content, c.quote, c."speakerId", c."articleId", a.title, a."publishedAt"`;

async function actorGraph(variables: { since: string; until: string; first?: number }) {
  const since = new Date(variables.since);
  const until = new Date(variables.until);
  const edges = await query<{ fromId: number; toId: number; kind: string; count: number; firstSeen: Date; lastSeen: Date }>(
    `SELECT c."speakerId" AS "fromId", t."actorId" AS "toId", c.kind::text AS kind, count(*)::int AS count,
            min(coalesce(a."publishedAt", a."fetchedAt")) AS "firstSeen", max(coalesce(a."publishedAt", a."fetchedAt")) AS "lastSeen"
     FROM "Claim" c JOIN "ClaimTarget" t ON t."claimId" = c.id JOIN "Article" a ON a.id = c."articleId"
     WHERE c.kind = 'ACCUSE' AND c."speakerId" IS NOT NULL AND c."speakerId" <> t."actorId" AND NOT c.negated
       AND ((a."publishedAt" >= $1 AND a."publishedAt" < $2) OR (a."publishedAt" IS NULL AND a."fetchedAt" >= $1 AND a."fetchedAt" < $2))
     GROUP BY c."speakerId", t."actorId", c.kind
     ORDER BY count DESC, "lastSeen" DESC, "fromId", "toId", kind
     LIMIT $3`,
    [since, until, variables.first ?? 50],
  );
  const actorIds = [...new Set(edges.flatMap((edge) => [edge.fromId, edge.toId]))];
  const [actors, claims] = await Promise.all([
    query<{ id: number; name: string; kind: string }>(`SELECT id, name, kind::text AS kind FROM "Actor" WHERE id = ANY($1)`, [actorIds]),
    edges.length === 0
      ? Promise.resolve([] as (ClaimRow & { targetId: number; rank: number })[])
      : query<ClaimRow & { targetId: number; rank: number }>(
          `SELECT * FROM (
             SELECT ${CLAIM_COLUMNS}, t."actorId" AS "targetId",
                    row_number() OVER (PARTITION BY c."speakerId", t."actorId" ORDER BY c.id DESC) AS rank
             FROM "Claim" c JOIN "ClaimTarget" t ON t."claimId" = c.id JOIN "Article" a ON a.id = c."articleId"
             WHERE c.kind = 'ACCUSE' AND NOT c.negated
               AND (c."speakerId", t."actorId") IN (SELECT * FROM unnest($1::int[], $2::int[]))
               AND ((a."publishedAt" >= $3 AND a."publishedAt" < $4) OR (a."publishedAt" IS NULL AND a."fetchedAt" >= $3 AND a."fetchedAt" < $4))
           ) ranked WHERE rank <= 3 ORDER BY id DESC`,
          [edges.map((edge) => edge.fromId), edges.map((edge) => edge.toId), since, until],
        ),
  ]);
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  return {
    actorGraph: {
      nodes: actorIds.map((id) => ({ id: globalId("Actor", id), name: actorById.get(id)!.name, kind: actorById.get(id)!.kind })),
      edges: edges.map((edge) => ({
        from: { id: globalId("Actor", edge.fromId), name: actorById.get(edge.fromId)!.name },
        to: { id: globalId("Actor", edge.toId), name: actorById.get(edge.toId)!.name },
        kind: edge.kind,
        count: edge.count,
        firstSeen: iso(edge.firstSeen),
        lastSeen: iso(edge.lastSeen),
        claims: {
          nodes: claims
            .filter((claim) => claim.speakerId === edge.fromId && claim.targetId === edge.toId)
            .map((claim) => ({
              id: globalId("Claim", claim.id),
              kind: claim.kind,
              content: claim.content,
              quote: claim.quote,
              article: { id: globalId("Article", claim.articleId), title: claim.title, publishedAt: iso(claim.publishedAt) },
            })),
        },
      })),
    },
  };
}

async function actorProfile(variables: { id: string }) {
  const id = fromGlobalId(variables.id);
  const [actors, aliases, claims, counts] = await Promise.all([
    query<{ id: number; name: string; kind: string; countryCode: string | null }>(
      `SELECT id, name, kind::text AS kind, "countryCode" FROM "Actor" WHERE id = $1`,
      [id],
    ),
    query<{ display: string }>(`SELECT display FROM "ActorAlias" WHERE "actorId" = $1 ORDER BY id`, [id]),
    query<ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" WHERE c."speakerId" = $1 ORDER BY c.id DESC LIMIT 20`,
      [id],
    ),
    query<{ n: number }>(`SELECT count(*)::int AS n FROM "Claim" WHERE "speakerId" = $1`, [id]),
  ]);
  const actor = actors[0];
  if (!actor) return { actor: null };
  return {
    actor: {
      id: globalId("Actor", actor.id),
      name: actor.name,
      kind: actor.kind,
      countryCode: actor.countryCode,
      aliases: aliases.map((alias) => alias.display),
      claimsMade: { totalCount: counts[0]!.n, nodes: await claimNodes(claims) },
    },
  };
}

const HEADLINE = 'StartSel=«, StopSel=», MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';

async function searchArticles(variables: { query: string }) {
  const rows = await query<{ id: number; title: string; publishedAt: Date | null; score: number; snippet: string }>(
    `SELECT id, title, "publishedAt", score, ts_headline('english', title || E'\\n' || body, websearch_to_tsquery('english', $1), '${HEADLINE}') AS snippet
     FROM (
       SELECT a.id, a.title, a.body, a."publishedAt", ts_rank_cd(a.search, websearch_to_tsquery('english', $1), 32)::float8 AS score
       FROM "Article" a WHERE a.search @@ websearch_to_tsquery('english', $1) AND a."duplicateOfId" IS NULL
       ORDER BY score DESC, a.id DESC LIMIT 20
     ) best ORDER BY score DESC, id DESC`,
    [variables.query],
  );
  return {
    search: {
      edges: rows.map((row) => ({
        score: row.score,
        snippet: row.snippet,
        node: { id: globalId("Article", row.id), title: row.title, publishedAt: iso(row.publishedAt) },
      })),
    },
  };
}

async function claimsPage(variables: { after?: string | null }) {
  const after = variables.after ? fromCursor(variables.after) : 2_147_483_647;
  const rows = await query<ClaimRow>(
    `SELECT ${CLAIM_COLUMNS} FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" WHERE c.id < $1 ORDER BY c.id DESC LIMIT 101`,
    [after],
  );
  const page = rows.slice(0, 100);
  return {
    claims: {
      pageInfo: { hasNextPage: rows.length > 100, endCursor: page.length ? cursor(page.at(-1)!.id) : null },
      nodes: await claimNodes(page),
    },
  };
}

const HANDLERS: Record<string, (variables: any) => Promise<unknown>> = {
  BenchActorGraph: actorGraph,
  BenchActorProfile: actorProfile,
  BenchSearch: searchArticles,
  BenchClaimsPage: claimsPage,
};

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/stats") return send(res, 200, { statements });
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", async () => {
    try {
      const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const handler = HANDLERS[operationName];
      if (!handler) return send(res, 400, { errors: [{ message: `unknown operation ${operationName}` }] });
      send(res, 200, { data: await handler(variables ?? {}) });
    } catch (error) {
      send(res, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
    }
  });
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`baseline ready: http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
});
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
