/**
 * RSS 2.0 (and 0.9x) and RSS 1.0 / RDF. Both share the item vocabulary (title, link,
 * description) and the usual modules: content:encoded, dc:creator/date/subject,
 * feedburner:origLink. Namespaced elements are matched by local name under any prefix; plain
 * ones only without a prefix, so an `atom:link` self link is never taken for the item link.
 */
import { FeedContext, finishItem, type RawItem } from "./items.js";
import { htmlToText } from "./text.js";
import type { FeedItem, ParsedFeed } from "./types.js";
import { attr, children, firstText, isElement, prefixedChildren, textOf, type XmlElement } from "./xml.js";

/** "jane@example.com (Jane Doe)" → "Jane Doe"; anything else unchanged. */
function authorName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const match = /^\s*\S+@\S+\s*\((.+)\)\s*$/.exec(raw);
  return match ? match[1] : raw;
}

function rssItem(node: unknown): RawItem {
  const guidNode = children(node, "guid")[0];
  const guid = textOf(guidNode);
  const guidIsLink = guid !== undefined && attr(guidNode, "isPermaLink") !== "false" && /^\s*https?:\/\//i.test(guid);
  return {
    guid: guid ?? attr(node, "rdf:about"),
    links: [
      firstText(prefixedChildren(node, "origLink")),
      firstText(children(node, "link")),
      guidIsLink ? guid : undefined,
      attr(node, "rdf:about"),
    ],
    title: firstText(children(node, "title")),
    titleIsHtml: true,
    summary: firstText(children(node, "description")),
    summaryIsHtml: true,
    contentHtml: firstText(prefixedChildren(node, "encoded")),
    authors: [
      ...prefixedChildren(node, "creator").map(textOf),
      ...children(node, "author").map((a) => authorName(textOf(a))),
    ],
    date: firstText(children(node, "pubDate")) ?? firstText(prefixedChildren(node, "date")),
    categories: [...children(node, "category").map(textOf), ...prefixedChildren(node, "subject").map(textOf)],
  };
}

function readItems(nodes: unknown[], context: FeedContext): FeedItem[] {
  const items: FeedItem[] = [];
  nodes.forEach((node, index) => {
    if (!isElement(node)) {
      context.warn(`item ${index + 1}: empty or not an element; skipped`);
      return;
    }
    const item = finishItem(rssItem(node), index, context);
    if (item) items.push(item);
  });
  return items;
}

function channelHeader(channel: unknown, context: FeedContext): { title: string; homepageUrl?: string } {
  const rawTitle = firstText(children(channel, "title"));
  const title = rawTitle === undefined ? "" : htmlToText(rawTitle, " ");
  const homepageUrl = context.url(firstText(children(channel, "link")), "channel link");
  context.base ??= homepageUrl;
  context.setDefaultZone(
    firstText(children(channel, "pubDate")) ??
      firstText(children(channel, "lastBuildDate")) ??
      firstText(prefixedChildren(channel, "date")),
  );
  return homepageUrl ? { title, homepageUrl } : { title };
}

/** `<rss>`: items in the channel (a few old feeds put them beside it). */
export function readRss2(rss: XmlElement, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  const channel = children(rss, "channel")[0];
  if (!isElement(channel)) context.warn("no <channel> element");
  const header = channelHeader(channel, context);
  const items = readItems([...children(channel, "item"), ...children(rss, "item")], context);
  return { format: "rss2", ...header, items };
}

/** `<rdf:RDF>`: the channel and its items are siblings. */
export function readRss1(rdf: XmlElement, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  const channel = children(rdf, "channel")[0];
  if (!isElement(channel)) context.warn("no <channel> element");
  const header = channelHeader(channel, context);
  const items = readItems(children(rdf, "item"), context);
  return { format: "rss1", ...header, items };
}
