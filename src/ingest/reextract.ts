import type { Database } from "../db/client.js";
import { inCurationTransaction, replaceExtraction } from "../db/curation.repository.js";
import { EXTRACTOR, extract } from "../extract/index.js";

export interface ReextractTotals {
  /** Articles whose facts were replaced. */
  articles: number;
  /** Near-duplicates left alone: their facts are the original's and are never extracted. */
  skipped: number;
  mentions: number;
  claims: number;
  claimsKept: number;
  events: number;
  extractor: string;
}

/** Articles read per round by reextractAll: only this many bodies are in memory at once. */
export const REEXTRACT_BATCH = 50;

function emptyTotals(): ReextractTotals {
  return { articles: 0, skipped: 0, mentions: 0, claims: 0, claimsKept: 0, events: 0, extractor: `${EXTRACTOR.name}@${EXTRACTOR.version}` };
}

async function reextractRows(
  db: Database,
  rows: { id: number; title: string; body: string; publishedAt: Date | null; duplicateOfId: number | null }[],
  totals: ReextractTotals,
): Promise<void> {
  for (const row of rows) {
    if (row.duplicateOfId !== null) {
      totals.skipped += 1;
      continue;
    }
    const extraction = extract({ title: row.title, body: row.body, publishedAt: row.publishedAt });
    // One transaction per article: a reader never sees an article half replaced, and a failure
    // part-way through a long run keeps every article done before it.
    const counts = await inCurationTransaction(db.prisma, (tx) => replaceExtraction(tx, row.id, extraction));
    totals.articles += 1;
    totals.mentions += counts.mentions;
    totals.claims += counts.claims;
    totals.claimsKept += counts.claimsKept;
    totals.events += counts.events;
  }
}

const ARTICLE_TEXT = { id: true, title: true, body: true, publishedAt: true, duplicateOfId: true } as const;

/** Reruns the current extractor on the given articles; when any id is unknown (`missing`), changes nothing. */
export async function reextractArticles(db: Database, ids: number[]): Promise<{ totals: ReextractTotals; missing: number[] }> {
  const unique = [...new Set(ids)];
  const rows = await db.prisma.article.findMany({ where: { id: { in: unique } }, select: ARTICLE_TEXT, orderBy: { id: "asc" } });
  const missing = unique.filter((id) => !rows.some((row) => row.id === id));
  const totals = emptyTotals();
  if (missing.length === 0) await reextractRows(db, rows, totals);
  return { totals, missing };
}

/** Reruns the current extractor on every stored article, a batch at a time, oldest first. */
export async function reextractAll(db: Database, batchSize = REEXTRACT_BATCH): Promise<ReextractTotals> {
  const totals = emptyTotals();
  let after = 0;
  for (;;) {
    const rows = await db.prisma.article.findMany({ where: { id: { gt: after } }, select: ARTICLE_TEXT, orderBy: { id: "asc" }, take: batchSize });
    if (rows.length === 0) return totals;
    await reextractRows(db, rows, totals);
    after = rows[rows.length - 1].id;
  }
}
