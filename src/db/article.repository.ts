import { Prisma, type Article, type PrismaClient } from "@prisma/client";
import { uniqueViolation } from "./errors.js";

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
