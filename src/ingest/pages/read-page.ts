import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { htmlToText, httpUrl } from "../feeds/text.js";

/** The article inside a web page: main text without navigation, scripts, comments or ads. */
export interface PageArticle {
  title: string;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  canonicalUrl?: string;
  author?: string;
  publishedAt?: Date;
  /** From `<html lang>`, e.g. "en". */
  language?: string;
}

type PageDocument = ReturnType<typeof parseHTML>["document"];

function meta(document: PageDocument, selectors: string[]): string | undefined {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute("content")?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * Reads a page with Mozilla's Readability (the Firefox reader view) on a server-side DOM
 * (linkedom; nothing is executed). The page's own metadata is read before Readability rewrites
 * the document. Returns null when the page has no article text.
 */
export function readPage(html: string, pageUrl: string): PageArticle | null {
  const { document } = parseHTML(html);
  const canonicalUrl = httpUrl(document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? undefined, pageUrl);
  const author = meta(document, ['meta[name="author"]', 'meta[property="article:author"]']);
  const published = meta(document, ['meta[property="article:published_time"]', 'meta[name="date"]', 'meta[itemprop="datePublished"]']);
  const publishedAt = published && !Number.isNaN(Date.parse(published)) ? new Date(published) : undefined;
  const language = document.documentElement?.getAttribute("lang")?.trim().toLowerCase().split("-")[0] || undefined;
  const pageTitle = meta(document, ['meta[property="og:title"]']) ?? document.querySelector("title")?.textContent?.trim();

  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const text = parsed?.content ? htmlToText(parsed.content).replace(/\n{3,}/g, "\n\n").trim() : "";
  if (!text) return null;
  return {
    title: parsed?.title?.trim() || pageTitle || "",
    text,
    canonicalUrl,
    author: author ?? parsed?.byline ?? undefined,
    publishedAt,
    language,
  };
}
