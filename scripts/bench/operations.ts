/**
 * The four benchmarked operations, as GraphQL documents for Newsgraph (the baseline server answers
 * the same operationName and variables with hand-written SQL), and how their variables are chosen
 * from the seeded data so that every size of database asks the same question.
 */
import pg from "pg";

const CLAIM_FIELDS = `id kind content quote speaker { id name } targets { id name } article { id title publishedAt }`;

const DOCUMENTS = {
  BenchActorGraph: `query BenchActorGraph($since: DateTimeISO!, $until: DateTimeISO!) {
  actorGraph(kinds: [ACCUSE], since: $since, until: $until, first: 50) {
    nodes { id name kind }
    edges {
      from { id name } to { id name } kind count firstSeen lastSeen
      claims(first: 3) { nodes { id kind content quote article { id title publishedAt } } }
    }
  }
}`,
  BenchActorProfile: `query BenchActorProfile($id: ID!) {
  actor(id: $id) {
    id name kind countryCode aliases
    claimsMade(first: 20) { totalCount nodes { ${CLAIM_FIELDS} } }
  }
}`,
  BenchSearch: `query BenchSearch($query: String!) {
  search(query: $query, types: [ARTICLE], first: 20) {
    edges { score snippet node { ... on Article { id title publishedAt } } }
  }
}`,
  BenchClaimsPage: `query BenchClaimsPage($after: String) {
  claims(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { ${CLAIM_FIELDS} }
  }
}`,
} as const;

export type OperationName = keyof typeof DOCUMENTS;

export const OPERATIONS: { name: OperationName; label: string }[] = [
  { name: "BenchActorGraph", label: "actorGraph, ACCUSE, one month, 50 edges × 3 claims" },
  { name: "BenchActorProfile", label: "actor profile: 20 claims with speaker, targets, article + totalCount" },
  { name: "BenchSearch", label: "full-text search: 20 articles with snippets" },
  { name: "BenchClaimsPage", label: "claims connection: 100 items after a mid-list cursor" },
];

export function documentOf(name: OperationName): string {
  return DOCUMENTS[name];
}

export function requestBody(name: OperationName, variables: Record<string, unknown>): string {
  return JSON.stringify({ operationName: name, query: DOCUMENTS[name], variables });
}

export interface BenchVariables {
  month: { since: string; until: string; label: string };
  actorId: string;
  actorName: string;
  searchQuery: string;
  claimsAfter: string;
}

/**
 * Picked once on the seed (before it is replicated), then kept for every size: the month with most
 * ACCUSE claims, the actor who made most claims, a search term, and the cursor in the middle of the
 * seed's claims. Replicas are shifted into the past, so the month, the actor and the cursor ask the
 * same question at 1k, 10k and 50k; the actor's claims and the search matches grow with the copies.
 */
export async function pickVariables(url: string): Promise<BenchVariables> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const month = await client.query<{ month: Date }>(
      `SELECT date_trunc('month', coalesce(a."publishedAt", a."fetchedAt")) AS month
       FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" WHERE c.kind = 'ACCUSE' AND NOT c.negated
       GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1`,
    );
    const start = month.rows[0]?.month ?? new Date("2024-01-01T00:00:00Z");
    const since = new Date(Date.UTC(start.getFullYear(), start.getMonth(), 1));
    const until = new Date(Date.UTC(start.getFullYear(), start.getMonth() + 1, 1));
    const actor = await client.query<{ id: number; name: string }>(
      `SELECT a.id, a.name FROM "Claim" c JOIN "Actor" a ON a.id = c."speakerId" GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1`,
    );
    const middle = await client.query<{ id: number }>(`SELECT id FROM "Claim" ORDER BY id OFFSET (SELECT count(*) / 2 FROM "Claim") LIMIT 1`);
    return {
      month: { since: since.toISOString(), until: until.toISOString(), label: since.toISOString().slice(0, 7) },
      actorId: Buffer.from(`Actor:${actor.rows[0]!.id}`, "utf8").toString("base64url"),
      actorName: actor.rows[0]!.name,
      searchQuery: "sanctions",
      claimsAfter: Buffer.from(`cursor:${middle.rows[0]!.id}`, "utf8").toString("base64url"),
    };
  } finally {
    await client.end();
  }
}

export function variablesFor(name: OperationName, chosen: BenchVariables): Record<string, unknown> {
  switch (name) {
    case "BenchActorGraph":
      return { since: chosen.month.since, until: chosen.month.until };
    case "BenchActorProfile":
      return { id: chosen.actorId };
    case "BenchSearch":
      return { query: chosen.searchQuery };
    case "BenchClaimsPage":
      return { after: chosen.claimsAfter };
  }
}
