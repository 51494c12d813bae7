/**
 * The benchmark's PostgreSQL database: real corpus articles ingested once through importSource
 * (extraction, deduplication, storage, as `newsgraph import` does), then replicated in SQL to reach
 * 10k and 50k articles, because ingesting 50k articles would take longer than the whole benchmark.
 *
 * A replica k of the seed is every seed row copied with shifted ids, its article and event dates
 * moved k × (seed span + 1 day) into the past, a new URL and content hash, and its mentions, claims,
 * claim targets, events, participants and event reports copied with it (MinHash bands are not:
 * they only serve deduplication at ingest). Actors are shared, so an actor's claims grow with the
 * copies while a given month holds the same articles at every size, as in an archive that grows
 * over time. Column lists are read from information_schema, so columns added later are copied too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/client.js";
import { importSource } from "../../src/ingest/import/index.js";

interface CorpusLine {
  id: string;
  title: string;
  body: string;
  publishedAt: string;
  source: string;
  url: string;
}

export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** The `count` most recent corpus articles: one dense stretch of news, like a live site's recent archive. */
function writeSeedInput(file: string, count: number): void {
  const shared = new URL("../../../shared/corpus/", import.meta.url);
  const corpus = ["wikinews-en-2019-2020.jsonl", "whitehouse-2021-2026.jsonl"].flatMap((name) =>
    fs
      .readFileSync(new URL(name, shared), "utf8")
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => JSON.parse(line) as CorpusLine),
  );
  corpus.sort((x, y) => y.publishedAt.localeCompare(x.publishedAt) || x.id.localeCompare(y.id));
  fs.writeFileSync(file, corpus.slice(0, count).map((line) => JSON.stringify(line)).join("\n") + "\n");
}

export interface SeedResult {
  imported: number;
  elapsedMs: number;
  rate: number;
}

/** Creates the database, migrates it and ingests `count` corpus articles through importSource. */
export async function seedDatabase(serverUrl: string, name: string, count: number): Promise<SeedResult> {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-seed-"));
  try {
    const input = path.join(dir, "seed.jsonl");
    writeSeedInput(input, count);
    const db = await openDatabase({ url: databaseUrl(serverUrl, name), dataDir: dir });
    try {
      const summary = await importSource(db, input, { settings: { maxBodyBytes: 1_000_000 } }, () => {});
      return { imported: summary.imported + summary.nearDuplicates, elapsedMs: summary.elapsedMs, rate: summary.rate };
    } finally {
      await db.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a replica changes in each copied table; every other column is copied as it is. */
type Overrides = Record<string, string>;

const TABLES: { table: string; overrides: (shift: ShiftSql) => Overrides }[] = [
  {
    table: "Article",
    overrides: (s) => ({
      id: `id + k * ${s.maxIds.Article}`,
      url: `url || '#bench-copy-' || k`,
      canonicalUrl: `"canonicalUrl" || '#bench-copy-' || k`,
      contentHash: `"contentHash" || '-bench-copy-' || k`,
      publishedAt: `"publishedAt" - k * ${s.interval}`,
      fetchedAt: `"fetchedAt" - k * ${s.interval}`,
      duplicateOfId: `"duplicateOfId" + k * ${s.maxIds.Article}`,
    }),
  },
  { table: "Mention", overrides: (s) => ({ id: `id + k * ${s.maxIds.Mention}`, articleId: `"articleId" + k * ${s.maxIds.Article}` }) },
  {
    table: "Claim",
    overrides: (s) => ({
      id: `id + k * ${s.maxIds.Claim}`,
      articleId: `"articleId" + k * ${s.maxIds.Article}`,
      respondsToId: `"respondsToId" + k * ${s.maxIds.Claim}`,
      createdAt: `"createdAt" - k * ${s.interval}`,
    }),
  },
  { table: "ClaimTarget", overrides: (s) => ({ claimId: `"claimId" + k * ${s.maxIds.Claim}` }) },
  {
    table: "Event",
    overrides: (s) => ({ id: `id + k * ${s.maxIds.Event}`, date: `date - k * ${s.interval}`, createdAt: `"createdAt" - k * ${s.interval}` }),
  },
  { table: "EventParticipant", overrides: (s) => ({ eventId: `"eventId" + k * ${s.maxIds.Event}` }) },
  {
    table: "EventReport",
    overrides: (s) => ({
      id: `id + k * ${s.maxIds.EventReport}`,
      eventId: `"eventId" + k * ${s.maxIds.Event}`,
      articleId: `"articleId" + k * ${s.maxIds.Article}`,
    }),
  },
];

/** Rows of these tables are keyed by the seed's id range: copies never collide with the seed. */
const ID_TABLES = ["Article", "Mention", "Claim", "Event", "EventReport"] as const;

interface ShiftSql {
  maxIds: Record<(typeof ID_TABLES)[number], number>;
  interval: string;
}

export interface ReplicaState {
  seedArticles: number;
  maxIds: ShiftSql["maxIds"];
  spanDays: number;
}

export async function readSeed(url: string): Promise<ReplicaState> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const maxIds = {} as ShiftSql["maxIds"];
    for (const table of ID_TABLES) {
      const { rows } = await client.query<{ max: number | null }>(`SELECT max(id) AS max FROM "${table}"`);
      maxIds[table] = rows[0]!.max ?? 0;
    }
    const span = await client.query<{ days: number; n: number }>(
      `SELECT (ceil(extract(epoch FROM max(coalesce("publishedAt", "fetchedAt")) - min(coalesce("publishedAt", "fetchedAt"))) / 86400) + 1)::int AS days,
              count(*)::int AS n FROM "Article"`,
    );
    return { seedArticles: span.rows[0]!.n, maxIds, spanDays: span.rows[0]!.days };
  } finally {
    await client.end();
  }
}

/** Adds replicas `fromCopy`..`toCopy` (inclusive) of the seed, then refreshes sequences and statistics. */
export async function addReplicas(url: string, seed: ReplicaState, fromCopy: number, toCopy: number, log?: (line: string) => void): Promise<number> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const shift: ShiftSql = { maxIds: seed.maxIds, interval: `interval '${seed.spanDays} days'` };
    await client.query("BEGIN");
    for (const { table, overrides } of TABLES) {
      const { rows } = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        [table],
      );
      const byColumn = overrides(shift);
      const columns = rows.map((row) => row.column_name);
      const expressions = columns.map((column) => byColumn[column] ?? `"${column}"`);
      // Seed rows only: for tables keyed by id, rows up to the seed's max id; for link tables, rows of seed claims/events.
      const seedOnly =
        table === "ClaimTarget" ? `"claimId" <= ${seed.maxIds.Claim}` : table === "EventParticipant" ? `"eventId" <= ${seed.maxIds.Event}` : `id <= ${seed.maxIds[table as (typeof ID_TABLES)[number]]}`;
      const tableStarted = Date.now();
      await client.query(
        `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")})
         SELECT ${expressions.join(", ")} FROM "${table}" CROSS JOIN generate_series(${fromCopy}, ${toCopy}) AS k WHERE ${seedOnly}`,
      );
      log?.(`  ${table}: ${Date.now() - tableStarted} ms`);
    }
    for (const table of ID_TABLES) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    await client.query("COMMIT");
    await client.query("VACUUM ANALYZE");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  return Date.now() - started;
}

export async function articleCount(url: string): Promise<{ articles: number; claims: number; mentions: number; events: number; sizeBytes: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Article")::int AS articles, (SELECT count(*) FROM "Claim")::int AS claims,
              (SELECT count(*) FROM "Mention")::int AS mentions, (SELECT count(*) FROM "Event")::int AS events,
              pg_database_size(current_database())::float8 AS "sizeBytes"`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
