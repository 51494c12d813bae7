/**
 * parseFeed: bytes or text of an RSS 2.0, RSS 1.0/RDF, Atom 1.0 or JSON Feed 1.x document →
 * ParsedFeed. Bytes are decoded with the charset of the Content-Type or the XML declaration
 * (see ../fetch/decode.ts) before parsing. A document that cannot be read as a feed throws
 * FeedParseError, and nothing else; items that cannot be read are skipped with a warning.
 */
import { decodeBody } from "../fetch/decode.js";
import { readAtom } from "./atom.js";
import { FeedParseError } from "./errors.js";
import { FeedContext } from "./items.js";
import { readJsonFeed } from "./jsonfeed.js";
import { readRss1, readRss2 } from "./rss.js";
import type { ParsedFeed, ParseFeedOptions } from "./types.js";
import { isElement, parseXml } from "./xml.js";

function decode(body: Buffer | string, contentType: string | undefined): string {
  if (typeof body === "string") return body.startsWith("\uFEFF") ? body.slice(1) : body;
  try {
    return decodeBody(body, { contentType });
  } catch (error) {
    throw new FeedParseError(`cannot decode the feed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** By the first character; the Content-Type only decides for documents that start with neither. */
function looksLikeJson(text: string, contentType: string | undefined): boolean {
  const first = text.trimStart()[0];
  if (first === "{") return true;
  if (first === "<") return false;
  return /[/+]json\b/i.test(contentType ?? "");
}

function readXmlFeed(text: string, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  const document = parseXml(text);
  const rootName = Object.keys(document).find((key) => !key.startsWith("?") && !key.startsWith("#"));
  const root = rootName === undefined ? undefined : document[rootName];
  const local = rootName?.slice(rootName.indexOf(":") + 1);
  if (rootName === undefined) throw new FeedParseError("empty document: no root element");
  if (local === "html") throw new FeedParseError("an HTML page, not a feed");
  if (!isElement(root)) return emptyFeed(rootName, context);
  if (rootName === "rss") return readRss2(root, context);
  if (local === "RDF") return readRss1(root, context);
  if (rootName === "feed") return readAtom(root, context);
  throw new FeedParseError(`not a feed: root element <${rootName}>`);
}

/** `<rss/>` or `<feed/>` with nothing inside. */
function emptyFeed(rootName: string, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  const format = rootName === "rss" ? "rss2" : rootName === "feed" ? "atom" : rootName.endsWith("RDF") ? "rss1" : undefined;
  if (!format) throw new FeedParseError(`not a feed: root element <${rootName}>`);
  context.warn(`<${rootName}> is empty`);
  return { format, title: "", items: [] };
}

export function parseFeed(body: Buffer | string, options: ParseFeedOptions = {}): ParsedFeed {
  try {
    const text = decode(body, options.contentType);
    if (text.trim() === "") throw new FeedParseError("empty document");
    if (/^\s*(?:<!doctype html|<html[\s>])/i.test(text)) throw new FeedParseError("an HTML page, not a feed");
    const context = new FeedContext(options.url);
    const feed = looksLikeJson(text, options.contentType) ? readJsonFeed(text, context) : readXmlFeed(text, context);
    context.finish();
    return { ...feed, warnings: context.warnings };
  } catch (error) {
    if (error instanceof FeedParseError) throw error;
    throw new FeedParseError(`cannot read the feed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
