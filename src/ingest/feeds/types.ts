export type FeedFormat = "rss2" | "rss1" | "atom" | "jsonfeed";

/** One entry of a feed. Text fields are trimmed, with runs of white space collapsed. */
export interface FeedItem {
  /** RSS guid, RSS 1.0 rdf:about, Atom id or JSON Feed id, as given. */
  guid?: string;
  /** Absolute http(s) URL of the article: feedburner:origLink, else the item link, else a permalink guid. */
  url?: string;
  /** Plain text; "" when the item has none. */
  title: string;
  /** Plain text (HTML stripped) of the description / summary. */
  summary?: string;
  /** Full content as HTML (content:encoded, Atom html/xhtml content, JSON content_html), unsanitised. */
  contentHtml?: string;
  /** Full content as plain text: given as text, or derived from contentHtml. */
  contentText?: string;
  author?: string;
  publishedAt?: Date;
  categories: string[];
}

export interface ParsedFeed {
  format: FeedFormat;
  /** Plain text; "" when the feed has none. */
  title: string;
  homepageUrl?: string;
  items: FeedItem[];
  /** Problems that did not stop parsing: skipped items, unreadable dates or links, assumptions made. */
  warnings: string[];
}

export interface ParseFeedOptions {
  /** Content-Type header of the response (its charset is used to decode bytes; JSON is recognised). */
  contentType?: string;
  /** URL the feed was fetched from: base for relative links. */
  url?: string;
}
