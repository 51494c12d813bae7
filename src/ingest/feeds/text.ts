/** Plain text out of feed values: white space, HTML (parsed with node-html-parser), links. */
import { parse } from "node-html-parser";

/** Trims and collapses every run of white space (newline padding, indentation, nbsp) to one space. */
export function collapse(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/**
 * The text of an HTML fragment, entities decoded, without script/style content. Block elements
 * and <br> end a line; lines are joined with `separator`.
 */
export function htmlToText(html: string, separator = "\n"): string {
  if (!/[<&]/.test(html)) return collapse(html);
  const root = parse(html, { comment: false });
  for (const element of root.querySelectorAll("script, style, noscript, template")) element.remove();
  return root.structuredText
    .split("\n")
    .map(collapse)
    .filter((line) => line.length > 0)
    .join(separator);
}

/** An absolute http(s) URL, or undefined for anything else (relative without base, javascript:, junk). */
export function httpUrl(raw: string | undefined, base?: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
