/**
 * Turns an import input (path or URL) into a list of sources, each a stream of records. Reading
 * never touches the database: what is read is checked here only as far as the input format goes
 * (JSON syntax, field presence and types, feed items without text); the article itself is checked
 * by validateSubmission when it is ingested.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { parseFeed, FeedParseError, type ParsedFeed } from "../feeds/index.js";
import { decodeBody, FEED_CONTENT_TYPES, fetchUrl, FetchError, type FetchOptions } from "../fetch/index.js";
import { cleanArticle } from "../normalize.js";
import type { ArticleSubmission } from "../validate.js";
import type { ImportInput, RecordLocation, SourceRecord } from "./types.js";

/** The input cannot be read at all (missing file, fetch failure, not a feed): the run stops. */
export class ImportInputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportInputError";
  }
}

/** One file or fetched document, read as a stream of records. */
export interface ImportSource {
  name: string;
  format: "jsonl" | "text" | "feed";
  /** Number of records it holds, counted before the run. */
  total: number;
  records(): AsyncIterable<SourceRecord>;
}

export interface ImportPlan {
  sources: ImportSource[];
  ignoredFiles: string[];
  /** Feed parser warnings. */
  warnings: string[];
}

export interface PlanOptions {
  fetch?: FetchOptions;
  defaultSourceName?: string;
}

/** Media types under which a URL is read as JSONL rather than as a feed. */
export const JSONL_CONTENT_TYPES: readonly string[] = [
  "application/x-ndjson",
  "application/ndjson",
  "application/jsonl",
  "application/x-jsonlines",
  "application/jsonlines",
  "application/json-seq",
];

const JSONL_EXTENSION = /\.(jsonl|ndjson)$/i;
const TEXT_EXTENSION = /\.txt$/i;

export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/** Resolves an input to its sources. Throws ImportInputError when it cannot be read. */
export async function planImport(input: ImportInput, options: PlanOptions = {}): Promise<ImportPlan> {
  if (isUrl(input)) return planUrl(input, options);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(input);
  } catch (error) {
    throw new ImportInputError(`cannot read ${input}: ${describeIoError(error)}`, { cause: error });
  }
  if (stat.isDirectory()) return planDirectory(input, options);
  if (!stat.isFile()) throw new ImportInputError(`${input} is neither a file nor a directory`);
  const warnings: string[] = [];
  const source = await fileSource(input, options, warnings);
  return { sources: [source], ignoredFiles: [], warnings };
}

function describeIoError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return error instanceof Error ? error.message : String(error);
}

async function planDirectory(dir: string, options: PlanOptions): Promise<ImportPlan> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new ImportInputError(`cannot read directory ${dir}: ${describeIoError(error)}`, { cause: error });
  }
  const sources: ImportSource[] = [];
  const ignoredFiles: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(dir, entry.name);
    const isFile = entry.isFile() || (entry.isSymbolicLink() && fs.statSync(file, { throwIfNoEntry: false })?.isFile());
    if (isFile && JSONL_EXTENSION.test(entry.name)) sources.push(await jsonlFileSource(file, options));
    else if (isFile && TEXT_EXTENSION.test(entry.name)) sources.push(textFileSource(file, options));
    else ignoredFiles.push(file);
  }
  return { sources, ignoredFiles, warnings: [] };
}

/** A file given by itself: .jsonl and .txt by name, anything else by its content. */
async function fileSource(file: string, options: PlanOptions, warnings: string[]): Promise<ImportSource> {
  if (JSONL_EXTENSION.test(file)) return jsonlFileSource(file, options);
  if (TEXT_EXTENSION.test(file)) return textFileSource(file, options);
  let bytes: Buffer;
  try {
    if (sniff(await readHead(file, 64 * 1024)) === "jsonl") return await jsonlFileSource(file, options);
    bytes = await fs.promises.readFile(file);
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    throw new ImportInputError(`cannot read ${file}: ${describeIoError(error)}`, { cause: error });
  }
  return feedSource(file, readFeed(file, bytes, {}), options, warnings);
}

async function readHead(file: string, size: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * JSONL or a feed, from the first bytes: XML starts with "<"; a JSON document whose first line is
 * a whole object without `items` is JSONL, anything else starting with "{" is a JSON Feed.
 */
export function sniff(bytes: Buffer): "jsonl" | "feed" {
  const head = bytes.subarray(0, 64 * 1024).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (!head.startsWith("{")) return "feed";
  const firstLine = head.split("\n", 1)[0]!;
  try {
    const value = JSON.parse(firstLine) as unknown;
    const isFeed = typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items);
    return isFeed ? "feed" : "jsonl";
  } catch {
    return "feed"; // a pretty-printed JSON document: only a JSON Feed can be one
  }
}

function readFeed(name: string, bytes: Buffer, hints: { contentType?: string; url?: string }): ParsedFeed {
  try {
    return parseFeed(bytes, hints);
  } catch (error) {
    if (error instanceof FeedParseError) throw new ImportInputError(`${name} is not JSONL or a feed: ${error.message}`, { cause: error });
    throw error;
  }
}

async function planUrl(url: string, options: PlanOptions): Promise<ImportPlan> {
  let fetched;
  try {
    fetched = await fetchUrl(url, { accept: [...FEED_CONTENT_TYPES, ...JSONL_CONTENT_TYPES], ...options.fetch });
  } catch (error) {
    if (error instanceof FetchError) throw new ImportInputError(`cannot fetch ${url}: ${error.code}: ${error.message}`, { cause: error });
    throw error;
  }
  if (fetched.notModified) throw new ImportInputError(`cannot fetch ${url}: 304 Not Modified`);
  const contentType = fetched.contentType ? `${fetched.contentType}${fetched.charset ? `; charset=${fetched.charset}` : ""}` : undefined;
  const jsonl =
    (fetched.contentType !== undefined && JSONL_CONTENT_TYPES.includes(fetched.contentType)) ||
    ((fetched.contentType === undefined || ["text/plain", "application/json", "application/octet-stream"].includes(fetched.contentType)) &&
      (JSONL_EXTENSION.test(new URL(fetched.url).pathname) || sniff(fetched.body) === "jsonl"));
  if (jsonl) {
    let text: string;
    try {
      text = decodeBody(fetched.body, { contentType });
    } catch (error) {
      throw new ImportInputError(`cannot decode ${url}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { sources: [jsonlTextSource(url, text, options)], ignoredFiles: [], warnings: [] };
  }
  const warnings: string[] = [];
  const feed = readFeed(url, fetched.body, { contentType, url: fetched.url });
  return { sources: [feedSource(url, feed, options, warnings)], ignoredFiles: [], warnings };
}

// ---------------------------------------------------------------------------------------------
// JSONL

const OPTIONAL_STRING_FIELDS = ["url", "publishedAt", "source", "sourceName", "summary"] as const;

/** One JSONL line → an article submission, or a bad record saying what is wrong with it. */
export function parseJsonlLine(line: string, at: RecordLocation, defaultSourceName?: string): SourceRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "bad", at, reason: `invalid JSON: ${message}`, category: "invalid JSON" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "bad", at, reason: "not a JSON object", category: "not a JSON object" };
  }
  const record = value as Record<string, unknown>;
  for (const field of ["title", "body"] as const) {
    if (record[field] === undefined || record[field] === null) {
      return { kind: "bad", at, reason: `missing field "${field}"`, category: `missing field "${field}"` };
    }
    if (typeof record[field] !== "string") {
      return { kind: "bad", at, reason: `field "${field}" is a ${typeof record[field]}, not a string`, category: `field "${field}" not a string` };
    }
  }
  for (const field of OPTIONAL_STRING_FIELDS) {
    const fieldValue = record[field];
    if (fieldValue !== undefined && fieldValue !== null && typeof fieldValue !== "string") {
      return { kind: "bad", at, reason: `field "${field}" is a ${typeof fieldValue}, not a string`, category: `field "${field}" not a string` };
    }
  }
  const text = (field: string) => (record[field] as string | null | undefined) ?? null;
  const submission: ArticleSubmission = {
    title: record.title as string,
    body: record.body as string,
    url: text("url"),
    publishedAt: text("publishedAt"),
    sourceName: text("source") ?? text("sourceName") ?? defaultSourceName ?? null,
    summary: text("summary"),
  };
  return { kind: "article", at, submission };
}

async function countLines(file: string): Promise<number> {
  let count = 0;
  let lineHasText = false;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        if (lineHasText) count += 1;
        lineHasText = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        lineHasText = true;
      }
    }
  }
  return lineHasText ? count + 1 : count;
}

async function jsonlFileSource(file: string, options: PlanOptions): Promise<ImportSource> {
  let total: number;
  try {
    total = await countLines(file);
  } catch (error) {
    throw new ImportInputError(`cannot read ${file}: ${describeIoError(error)}`, { cause: error });
  }
  return {
    name: file,
    format: "jsonl",
    total,
    async *records() {
      const stream = fs.createReadStream(file, { encoding: "utf8" });
      const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
      let lineNumber = 0;
      try {
        for await (const raw of lines) {
          lineNumber += 1;
          const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
          if (line.trim() === "") continue;
          yield parseJsonlLine(line, { source: file, line: lineNumber }, options.defaultSourceName);
        }
      } catch (error) {
        throw new ImportInputError(`cannot read ${file}: ${describeIoError(error)}`, { cause: error });
      } finally {
        lines.close();
        stream.destroy();
      }
    },
  };
}

function jsonlTextSource(name: string, text: string, options: PlanOptions): ImportSource {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  return {
    name,
    format: "jsonl",
    total: lines.filter((line) => line.trim() !== "").length,
    async *records() {
      for (const [index, line] of lines.entries()) {
        if (line.trim() === "") continue;
        yield parseJsonlLine(line, { source: name, line: index + 1 }, options.defaultSourceName);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Plain-text articles

/** A .txt file: its first non-blank line is the title, the rest the body. */
export function textArticle(text: string, at: RecordLocation, defaultSourceName?: string): SourceRecord {
  const lines = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) return { kind: "skipped", at, reason: "empty file", category: "empty file" };
  const title = lines[first]!.trim();
  const body = lines.slice(first + 1).join("\n").trim();
  if (body === "") return { kind: "skipped", at, reason: "no body after the title line", category: "no text" };
  return { kind: "article", at, submission: { title, body, sourceName: defaultSourceName ?? null } };
}

function textFileSource(file: string, options: PlanOptions): ImportSource {
  return {
    name: file,
    format: "text",
    total: 1,
    async *records() {
      let bytes: Buffer;
      try {
        bytes = await fs.promises.readFile(file);
      } catch (error) {
        throw new ImportInputError(`cannot read ${file}: ${describeIoError(error)}`, { cause: error });
      }
      let text: string;
      try {
        text = decodeBody(bytes, {});
      } catch (error) {
        yield { kind: "bad", at: { source: file }, reason: `cannot decode: ${(error as Error).message}`, category: "undecodable text" };
        return;
      }
      yield textArticle(text, { source: file }, options.defaultSourceName);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Feeds

/** Feed items → articles: title; full text, else the summary, as body; the feed's title as source. */
export function feedRecords(name: string, feed: ParsedFeed, defaultSourceName?: string): SourceRecord[] {
  const sourceName = feed.title || defaultSourceName || hostOf(feed.homepageUrl) || hostOf(name) || null;
  return feed.items.map((item, index): SourceRecord => {
    const at: RecordLocation = { source: name, item: index + 1, ref: item.url ?? item.guid };
    const title = item.title.trim();
    const body = (item.contentText?.trim() || item.summary?.trim()) ?? "";
    if (title === "" && body === "") return { kind: "skipped", at, reason: "no title and no text", category: "no text" };
    if (body === "") return { kind: "skipped", at, reason: "no text (neither content nor summary)", category: "no text" };
    if (title === "") return { kind: "skipped", at, reason: "no title", category: "no title" };
    if (cleanArticle({ title, body }).body === "") {
      return { kind: "skipped", at, reason: "no text beyond the title", category: "no text" };
    }
    const submission: ArticleSubmission = {
      title,
      body,
      url: item.url ?? null,
      publishedAt: item.publishedAt ?? null,
      sourceName,
      summary: item.contentText?.trim() ? item.summary ?? null : null,
    };
    return { kind: "article", at, submission };
  });
}

function hostOf(url: string | undefined): string | undefined {
  if (!url || !isUrl(url)) return undefined;
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

function feedSource(name: string, feed: ParsedFeed, options: PlanOptions, warnings: string[]): ImportSource {
  warnings.push(...feed.warnings.map((warning) => `${name}: ${warning}`));
  const records = feedRecords(name, feed, options.defaultSourceName);
  return {
    name,
    format: "feed",
    total: records.length,
    async *records() {
      yield* records;
    },
  };
}
