import { cleanArticle } from "./normalize.js";

/** A field of an article submission was unusable. Nothing is stored when this is thrown. */
export class InvalidArticleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "InvalidArticleError";
  }
}

export interface ArticleSubmission {
  title: string;
  body: string;
  url?: string | null;
  /** ISO-8601 (or RFC 2822) string, or a Date. */
  publishedAt?: string | Date | null;
  sourceName?: string | null;
  summary?: string | null;
}

export interface ValidArticle {
  title: string;
  body: string;
  url: string | null;
  canonicalUrl: string | null;
  publishedAt: Date | null;
  sourceName: string | null;
  summary: string | null;
}

export interface SubmissionLimits {
  maxBodyBytes: number;
}

const MAX_TITLE_CHARS = 1_000;
const MAX_URL_CHARS = 2_048;
// Query parameters that identify a campaign or click, never the article.
const TRACKING_PARAM = /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|ref_src)$/i;

/** Canonical form of an article URL: no fragment, no tracking parameters, lower-case host. */
export function canonicalizeUrl(url: URL): string {
  const canonical = new URL(url.href);
  canonical.hash = "";
  for (const key of [...canonical.searchParams.keys()]) if (TRACKING_PARAM.test(key)) canonical.searchParams.delete(key);
  canonical.hostname = canonical.hostname.toLowerCase();
  return canonical.href;
}

function parseUrl(raw: string): URL {
  if (raw.length > MAX_URL_CHARS) throw new InvalidArticleError("url", `url is longer than ${MAX_URL_CHARS} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidArticleError("url", `url "${raw.slice(0, 200)}" is not a valid absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArticleError("url", `url must use http or https, not ${url.protocol.replace(":", "")}`);
  }
  return url;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const RFC_2822 = /^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s*(?:[A-Z]{2,4}|[+-]\d{4})?$/;

/** Date.parse rolls 31 February over into March; a calendar date that does not exist is an error. */
function calendarDateExists(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parsePublishedAt(raw: string | Date): Date {
  if (typeof raw === "string" && !calendarDateExists(raw.trim())) {
    throw new InvalidArticleError("publishedAt", `publishedAt "${raw.slice(0, 100)}" is not a calendar date`);
  }
  const date = raw instanceof Date ? raw : ISO_DATE.test(raw.trim()) || RFC_2822.test(raw.trim()) ? new Date(raw.trim()) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new InvalidArticleError("publishedAt", `publishedAt "${String(raw).slice(0, 100)}" is not an ISO-8601 or RFC 2822 date`);
  }
  const year = date.getUTCFullYear();
  if (year < 1800 || year > 2200) throw new InvalidArticleError("publishedAt", `publishedAt year ${year} is out of range`);
  return date;
}

/** Text that is mostly control characters or U+FFFD is a binary payload, not an article. */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.slice(0, 65_536);
  let bad = 0;
  for (const ch of sample) {
    const code = ch.codePointAt(0)!;
    if (code === 0xfffd || (code < 32 && code !== 9 && code !== 10 && code !== 13)) bad += 1;
  }
  return bad / Math.max(1, sample.length) > 0.05;
}

/** Checks and cleans an article submission; throws InvalidArticleError naming the bad field. */
export function validateSubmission(input: ArticleSubmission, limits: SubmissionLimits): ValidArticle {
  if (typeof input.title !== "string" || typeof input.body !== "string") {
    throw new InvalidArticleError("body", "title and body must be strings");
  }
  const bodyBytes = Buffer.byteLength(input.body, "utf8");
  if (bodyBytes > limits.maxBodyBytes) {
    throw new InvalidArticleError("body", `body is ${bodyBytes} bytes; the limit is ${limits.maxBodyBytes}`);
  }
  if (looksBinary(input.body) || looksBinary(input.title)) {
    throw new InvalidArticleError("body", "body or title contains binary data, not text");
  }
  const { title, body } = cleanArticle(input);
  if (title === "") throw new InvalidArticleError("title", "title must not be empty");
  if (title.length > MAX_TITLE_CHARS) throw new InvalidArticleError("title", `title is longer than ${MAX_TITLE_CHARS} characters`);
  if (body === "") throw new InvalidArticleError("body", "body must not be empty");

  const rawUrl = input.url?.trim() || null;
  const url = rawUrl ? parseUrl(rawUrl) : null;
  const publishedAt = input.publishedAt == null || input.publishedAt === "" ? null : parsePublishedAt(input.publishedAt);
  const sourceName = input.sourceName?.trim() || null;
  if (sourceName && sourceName.length > 200) throw new InvalidArticleError("sourceName", "sourceName is longer than 200 characters");

  return {
    title,
    body,
    url: url ? url.href : null,
    canonicalUrl: url ? canonicalizeUrl(url) : null,
    publishedAt,
    sourceName,
    summary: input.summary?.trim() || null,
  };
}
