import type { Source } from "@prisma/client";
import type { Database } from "../../db/client.js";
import { findExistingArticle } from "../../db/article.repository.js";
import { FeedParseError, parseFeed, type FeedItem } from "../feeds/index.js";
import { FEED_CONTENT_TYPES, FetchError, PAGE_CONTENT_TYPES, decodeBody, fetchUrl } from "../fetch/index.js";
import { ingestArticle, type IngestSettings } from "../ingest-article.js";
import { reportPoll } from "../observe.js";
import { readPage } from "../pages/read-page.js";
import { InvalidArticleError, canonicalizeUrl } from "../validate.js";

export interface PollSettings extends IngestSettings {
  /** Hosts the fetcher may reach although they resolve to private addresses (tests, intranets). */
  fetchAllowHosts?: readonly string[];
  fetchTimeoutMs?: number;
  /** Fetch the linked page when a feed item carries only a summary. Default true. */
  fetchPages?: boolean;
  /** Longest wait between polls of a failing source. */
  maxBackoffSeconds?: number;
}

export interface PollOutcome {
  status: "ok" | "not-modified" | "failed";
  httpStatus: number | null;
  items: number;
  imported: number;
  duplicates: number;
  nearDuplicates: number;
  skipped: number;
  error: string | null;
}

/** Feed items shorter than this are teasers: the article itself is on the linked page. */
const TEASER_CHARS = 400;
const DEFAULT_MAX_BACKOFF_SECONDS = 24 * 3600;

function describeError(error: unknown): { message: string; status: number | null } {
  if (error instanceof FetchError) return { message: `${error.code}: ${error.message}`, status: error.status ?? null };
  if (error instanceof FeedParseError) return { message: `FEED_PARSE_ERROR: ${error.message}`, status: null };
  return { message: `INTERNAL_ERROR: ${error instanceof Error ? error.message : String(error)}`, status: null };
}

export function backoffSeconds(source: Pick<Source, "pollIntervalSeconds">, failures: number, max = DEFAULT_MAX_BACKOFF_SECONDS): number {
  return Math.min(max, source.pollIntervalSeconds * 2 ** Math.min(failures, 20));
}

async function itemText(item: FeedItem, settings: PollSettings): Promise<{ title: string; body: string; url?: string; publishedAt?: Date; note?: string }> {
  const fromFeed = item.contentText?.trim() || item.summary?.trim() || "";
  const base = { title: item.title, body: fromFeed, url: item.url, publishedAt: item.publishedAt };
  if (fromFeed.length >= TEASER_CHARS || !item.url || settings.fetchPages === false) return base;
  try {
    const page = await fetchUrl(item.url, {
      accept: PAGE_CONTENT_TYPES,
      allowHosts: settings.fetchAllowHosts,
      timeoutMs: settings.fetchTimeoutMs ?? 15_000,
      maxBytes: 5_000_000,
    });
    if (page.notModified) return base;
    const article = readPage(decodeBody(page.body, { contentType: page.contentType, charset: page.charset }), page.url);
    if (!article || article.text.length <= fromFeed.length) return base;
    return {
      title: item.title || article.title,
      body: article.text,
      url: article.canonicalUrl ?? page.url,
      publishedAt: item.publishedAt ?? article.publishedAt,
    };
  } catch (error) {
    // The summary is still worth keeping; the page failure is the item's note, not the source's.
    return { ...base, note: describeError(error).message };
  }
}

/**
 * Polls one feed source: conditional GET, parse, fetch teaser pages, ingest every new item, and
 * record the outcome on the source (status, error, counts, next poll with exponential backoff on
 * failure). Never throws for a bad feed or network problem: that is the source's recorded error.
 */
export async function pollSource(db: Database, sourceId: number, settings: PollSettings): Promise<PollOutcome> {
  const source = await db.prisma.source.findUnique({ where: { id: sourceId } });
  if (!source) throw new Error(`no source with id ${sourceId}`);
  const outcome: PollOutcome = { status: "ok", httpStatus: null, items: 0, imported: 0, duplicates: 0, nearDuplicates: 0, skipped: 0, error: null };
  const now = new Date();
  try {
    if (!source.feedUrl) throw new FeedParseError("the source has no feed URL");
    const response = await fetchUrl(source.feedUrl, {
      etag: source.etag ?? undefined,
      lastModified: source.lastModified ?? undefined,
      accept: FEED_CONTENT_TYPES,
      allowHosts: settings.fetchAllowHosts,
      timeoutMs: settings.fetchTimeoutMs ?? 15_000,
    });
    outcome.httpStatus = response.status;
    if (response.notModified) {
      outcome.status = "not-modified";
    } else {
      const feed = parseFeed(response.body, { contentType: response.contentType, url: response.url });
      outcome.items = feed.items.length;
      for (const item of feed.items) {
        if (item.url) {
          // Already stored: skip before spending a page fetch on it.
          let canonicalUrl: string | null = null;
          try {
            canonicalUrl = canonicalizeUrl(new URL(item.url));
          } catch {
            canonicalUrl = null;
          }
          if (await findExistingArticle(db.prisma, { contentHash: "", url: item.url, canonicalUrl })) {
            outcome.duplicates += 1;
            continue;
          }
        }
        const text = await itemText(item, settings);
        try {
          const stored = await ingestArticle(
            db,
            { title: text.title, body: text.body, url: text.url, publishedAt: text.publishedAt ?? null, sourceName: source.name },
            settings,
          );
          if (stored.duplicate) outcome.duplicates += 1;
          else if (stored.nearDuplicateOf !== null) outcome.nearDuplicates += 1;
          else outcome.imported += 1;
        } catch (error) {
          if (!(error instanceof InvalidArticleError)) throw error;
          outcome.skipped += 1;
        }
      }
    }
    await db.prisma.source.update({
      where: { id: source.id },
      data: {
        lastFetchedAt: now,
        lastStatus: response.status,
        lastError: null,
        consecutiveFailures: 0,
        nextPollAt: new Date(now.getTime() + source.pollIntervalSeconds * 1000),
        ...(response.etag !== undefined ? { etag: response.etag } : {}),
        ...(response.lastModified !== undefined ? { lastModified: response.lastModified } : {}),
        itemsSeen: { increment: outcome.items },
        itemsImported: { increment: outcome.imported + outcome.nearDuplicates },
      },
    });
  } catch (error) {
    const { message, status } = describeError(error);
    outcome.status = "failed";
    outcome.error = message;
    outcome.httpStatus = status;
    const failures = source.consecutiveFailures + 1;
    await db.prisma.source.update({
      where: { id: source.id },
      data: {
        lastFetchedAt: now,
        lastStatus: status,
        lastError: message.slice(0, 1000),
        consecutiveFailures: failures,
        nextPollAt: new Date(now.getTime() + backoffSeconds(source, failures, settings.maxBackoffSeconds) * 1000),
        itemsSeen: { increment: outcome.items },
        itemsImported: { increment: outcome.imported + outcome.nearDuplicates },
      },
    });
  }
  reportPoll(outcome.status);
  return outcome;
}
