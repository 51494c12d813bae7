import { createHash } from "node:crypto";

/**
 * Clean text as stored: Unicode NFC, LF line ends, no trailing spaces, runs of spaces collapsed,
 * paragraphs separated by exactly one blank line.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/[ \t\u00A0]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The comparison key of a line or title: case-folded, punctuation-insensitive, single-spaced. */
function lineKey(line: string): string {
  return line.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export interface CleanArticle {
  title: string;
  body: string;
}

/**
 * Normalises title and body and keeps the headline once: pages and feeds often repeat the title
 * inside the body (above the lede, between sections), which would otherwise double every fact
 * extracted from it and defeat duplicate detection.
 */
export function cleanArticle(input: { title: string; body: string }): CleanArticle {
  const title = normalizeText(input.title).replace(/\s*\n\s*/g, " ");
  const titleKey = lineKey(title);
  const paragraphs = normalizeText(input.body)
    .split(/\n{2,}/)
    .filter((paragraph) => titleKey === "" || lineKey(paragraph) !== titleKey);
  return { title, body: paragraphs.join("\n\n") };
}

/** SHA-256 of the normalised text: equal for texts that differ only in case, spacing or punctuation runs. */
export function contentHash(article: CleanArticle): string {
  const key = `${lineKey(article.title)}\n${lineKey(article.body)}`;
  return createHash("sha256").update(key).digest("hex");
}
