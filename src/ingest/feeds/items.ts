/** What RSS, Atom and JSON Feed items have in common once read: checks, warnings, defaults. */
import { parseFeedDate } from "./dates.js";
import { collapse, htmlToText, httpUrl } from "./text.js";
import type { FeedItem } from "./types.js";

/** Per-feed state shared by the item mappers. */
export class FeedContext {
  readonly warnings: string[] = [];
  /** Offset for dates written without a zone: the feed's own, once known (see setDefaultZone). */
  private offsetMinutes = 0;
  private zoneless = 0;

  constructor(
    /** Base for relative links: the feed URL, else its home page. */
    public base: string | undefined,
  ) {}

  warn(message: string): void {
    this.warnings.push(message);
  }

  /** Reads dates without a zone in the zone of this feed-level date, when it names one. */
  setDefaultZone(feedDate: string | undefined): void {
    const parsed = parseFeedDate(feedDate);
    if (parsed?.offsetMinutes !== undefined) this.offsetMinutes = parsed.offsetMinutes;
  }

  date(raw: string | undefined, where: string): Date | undefined {
    if (raw === undefined || raw.trim() === "") return undefined;
    const parsed = parseFeedDate(raw, this.offsetMinutes);
    if (!parsed) {
      this.warn(`${where}: unreadable date ${JSON.stringify(collapse(raw).slice(0, 80))}`);
      return undefined;
    }
    if (parsed.offsetMinutes === undefined) this.zoneless++;
    return parsed.date;
  }

  url(raw: string | undefined, where: string): string | undefined {
    if (raw === undefined || raw.trim() === "") return undefined;
    const url = httpUrl(raw, this.base);
    if (!url) this.warn(`${where}: not an http(s) link: ${JSON.stringify(collapse(raw).slice(0, 200))}`);
    return url;
  }

  /** Warnings that concern the whole feed, added once all items are read. */
  finish(): void {
    if (this.zoneless > 0) {
      const sign = this.offsetMinutes < 0 ? "-" : "+";
      const abs = Math.abs(this.offsetMinutes);
      const zone = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
      this.warn(`${this.zoneless} date(s) without a time zone were read as ${zone}${this.offsetMinutes === 0 ? "" : ", the feed's own offset"}`);
    }
  }
}

/** An item's fields before they are checked and cleaned. */
export interface RawItem {
  guid?: string;
  /** Candidate links, best first (e.g. feedburner:origLink, then link, then a permalink guid). */
  links: Array<string | undefined>;
  title?: string;
  /** Whether `title` may contain HTML (RSS titles and Atom type="html"/"xhtml" titles do). */
  titleIsHtml: boolean;
  summary?: string;
  summaryIsHtml: boolean;
  contentHtml?: string;
  contentText?: string;
  authors: Array<string | undefined>;
  date?: string;
  categories: Array<string | undefined>;
}

function cleanOptional(text: string | undefined): string | undefined {
  const cleaned = text === undefined ? undefined : collapse(text);
  return cleaned ? cleaned : undefined;
}

/**
 * Checks and cleans one item. Returns undefined (with a warning) for an item with nothing to
 * identify or show: no title, link, id, summary or content.
 */
export function finishItem(raw: RawItem, index: number, context: FeedContext): FeedItem | undefined {
  const where = `item ${index + 1}`;
  const title = raw.title === undefined ? "" : raw.titleIsHtml ? htmlToText(raw.title, " ") : collapse(raw.title);
  let url: string | undefined;
  for (const link of raw.links) {
    url = context.url(link, where);
    if (url) break;
  }
  const summary = raw.summary === undefined ? undefined : cleanOptional(raw.summaryIsHtml ? htmlToText(raw.summary, " ") : raw.summary);
  const contentHtml = raw.contentHtml?.trim() ? raw.contentHtml.trim() : undefined;
  const contentText =
    (raw.contentText !== undefined ? cleanOptional(raw.contentText) : undefined) ??
    (contentHtml ? htmlToText(contentHtml) || undefined : undefined);
  const guid = cleanOptional(raw.guid);
  if (!title && !url && !guid && !summary && !contentHtml && !contentText) {
    context.warn(`${where}: no title, link, id or content; skipped`);
    return undefined;
  }
  const authors = [...new Set(raw.authors.map(cleanOptional).filter((a): a is string => !!a))];
  const categories = [...new Set(raw.categories.map(cleanOptional).filter((c): c is string => !!c))];
  const item: FeedItem = { title, categories };
  if (guid) item.guid = guid;
  if (url) item.url = url;
  if (summary) item.summary = summary;
  if (contentHtml) item.contentHtml = contentHtml;
  if (contentText) item.contentText = contentText;
  if (authors.length) item.author = authors.join(", ");
  const publishedAt = context.date(raw.date, where);
  if (publishedAt) item.publishedAt = publishedAt;
  return item;
}
