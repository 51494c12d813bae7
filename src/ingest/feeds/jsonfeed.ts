/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
import { FeedParseError } from "./errors.js";
import { FeedContext, finishItem } from "./items.js";
import { collapse } from "./text.js";
import type { FeedItem, ParsedFeed } from "./types.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

function authorNames(holder: Json): Array<string | undefined> {
  const list = Array.isArray(holder.authors) ? holder.authors : isObject(holder.author) ? [holder.author] : [];
  return list.map((author) => (isObject(author) ? str(author.name) : undefined));
}

export function readJsonFeed(text: string, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`malformed JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!isObject(data) || typeof data.version !== "string" || !data.version.startsWith("https://jsonfeed.org/version/1")) {
    throw new FeedParseError('not a JSON Feed: no "version" of https://jsonfeed.org/version/1.x');
  }
  if (!Array.isArray(data.items)) throw new FeedParseError('not a JSON Feed: "items" is not an array');
  const homepageUrl = context.url(str(data.home_page_url), "home_page_url");
  context.base ??= homepageUrl;
  const feedAuthors = authorNames(data);
  const items: FeedItem[] = [];
  data.items.forEach((entry: unknown, index: number) => {
    if (!isObject(entry)) {
      context.warn(`item ${index + 1}: not an object; skipped`);
      return;
    }
    const authors = authorNames(entry);
    const item = finishItem(
      {
        guid: str(entry.id),
        links: [str(entry.url), str(entry.external_url)],
        title: str(entry.title),
        titleIsHtml: false,
        summary: str(entry.summary),
        summaryIsHtml: false,
        contentHtml: str(entry.content_html),
        contentText: str(entry.content_text),
        authors: authors.length ? authors : feedAuthors,
        date: str(entry.date_published) ?? str(entry.date_modified),
        categories: Array.isArray(entry.tags) ? entry.tags.map(str) : [],
      },
      index,
      context,
    );
    if (item) items.push(item);
  });
  const title = str(data.title);
  const feed = { format: "jsonfeed" as const, title: title === undefined ? "" : collapse(title), items };
  return homepageUrl ? { ...feed, homepageUrl } : feed;
}
