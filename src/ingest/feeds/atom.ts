/** Atom 1.0 (RFC 4287). */
import { FeedContext, finishItem, type RawItem } from "./items.js";
import { htmlToText } from "./text.js";
import type { FeedItem, ParsedFeed } from "./types.js";
import { attr, children, firstText, isElement, prefixedChildren, textOf, type XmlElement } from "./xml.js";

/** An Atom text construct: its text, and whether it is markup (type="html" or "xhtml"). */
function textConstruct(node: unknown): { text?: string; isHtml: boolean } {
  const type = (attr(node, "type") ?? "text").toLowerCase();
  return { text: textOf(node), isHtml: type === "html" || type === "xhtml" };
}

/** The href of the rel="alternate" link (rel may be omitted), preferring HTML ones. */
function alternateLink(node: unknown): string | undefined {
  const alternates = children(node, "link").filter((link) => (attr(link, "rel") ?? "alternate") === "alternate");
  const html = alternates.find((link) => /html/i.test(attr(link, "type") ?? "text/html"));
  return attr(html ?? alternates[0], "href");
}

function personNames(node: unknown): Array<string | undefined> {
  return children(node, "author").map((author) => firstText(children(author, "name")) ?? textOf(author));
}

function atomEntry(entry: unknown, feedAuthors: Array<string | undefined>): RawItem {
  const title = textConstruct(children(entry, "title")[0]);
  const summary = textConstruct(children(entry, "summary")[0]);
  const contentNode = children(entry, "content")[0];
  const contentType = (attr(contentNode, "type") ?? "text").toLowerCase();
  const content = attr(contentNode, "src") === undefined ? textOf(contentNode) : undefined;
  const authors = personNames(entry);
  return {
    guid: firstText(children(entry, "id")),
    links: [firstText(prefixedChildren(entry, "origLink")), alternateLink(entry)],
    title: title.text,
    titleIsHtml: title.isHtml,
    summary: summary.text,
    summaryIsHtml: summary.isHtml,
    contentHtml: contentType === "html" || contentType === "xhtml" ? content : undefined,
    contentText: contentType === "text" ? content : undefined,
    authors: authors.length ? authors : feedAuthors,
    date: firstText(children(entry, "published")) ?? firstText(children(entry, "updated")),
    categories: children(entry, "category").map((c) => attr(c, "label") ?? attr(c, "term")),
  };
}

export function readAtom(feed: XmlElement, context: FeedContext): Omit<ParsedFeed, "warnings"> {
  const title = textConstruct(children(feed, "title")[0]);
  const homepageUrl = context.url(alternateLink(feed), "feed link");
  context.base ??= homepageUrl;
  context.setDefaultZone(firstText(children(feed, "updated")));
  const feedAuthors = personNames(feed);
  const items: FeedItem[] = [];
  children(feed, "entry").forEach((entry, index) => {
    if (!isElement(entry)) {
      context.warn(`item ${index + 1}: empty or not an element; skipped`);
      return;
    }
    const item = finishItem(atomEntry(entry, feedAuthors), index, context);
    if (item) items.push(item);
  });
  const feedTitle = title.text === undefined ? "" : htmlToText(title.text, " ");
  return homepageUrl ? { format: "atom", title: feedTitle, homepageUrl, items } : { format: "atom", title: feedTitle, items };
}
