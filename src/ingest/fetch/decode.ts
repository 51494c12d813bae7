/**
 * Bytes → text, with the charset a document declares. Order: byte-order mark, then the
 * Content-Type charset, then the document's own declaration (`<?xml … encoding="…"?>`,
 * `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first
 * 1024 bytes, as browsers prescan), then UTF-8. The first of these the bytes are valid in wins,
 * so a wrong "charset=utf-8" header on a Latin-1 document falls through to its XML declaration.
 * Bytes valid in none are decoded leniently (U+FFFD for bad bytes) with the first known declared
 * charset, or windows-1252 when none was declared. Decoding uses Node's TextDecoder (full ICU:
 * every WHATWG encoding label, e.g. "ISO-8859-1" → windows-1252).
 */
import { TextDecoder } from "node:util";
import { FetchError } from "./errors.js";

export interface CharsetHints {
  /** A Content-Type header value, e.g. "text/xml; charset=ISO-8859-1". */
  contentType?: string | null;
  /** A charset already extracted from the header (FetchResult.charset). */
  charset?: string | null;
}

/** Splits a Content-Type value into its lower-cased media type and charset parameter. */
export function parseContentType(value: string | null | undefined): { mediaType?: string; charset?: string } {
  if (!value) return {};
  const [type = "", ...params] = value.split(";");
  const mediaType = type.trim().toLowerCase() || undefined;
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    charset = param.slice(eq + 1).trim().replace(/^["']|["']$/g, "").toLowerCase() || undefined;
  }
  return { mediaType, charset };
}

function bomEncoding(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  return undefined;
}

/** The encoding a document declares in its first 1024 bytes (XML declaration or HTML meta). */
export function declaredCharset(body: Uint8Array): string | undefined {
  const head = Buffer.from(body.subarray(0, 1024)).toString("latin1");
  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml) return xml[1]!.toLowerCase();
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return meta ? meta[1]!.toLowerCase() : undefined;
}

function decoderFor(label: string, fatal: boolean): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return undefined; // not an encoding label TextDecoder knows
  }
}

/** Decodes with the first candidate the bytes are valid in; see the module comment. */
function decodeWithCharset(body: Uint8Array, hints: CharsetHints): { text: string; charset: string } {
  const declared = [
    bomEncoding(body),
    hints.charset ?? parseContentType(hints.contentType).charset,
    declaredCharset(body),
  ].filter((c): c is string => !!c);
  for (const label of [...declared, "utf-8"]) {
    const decoder = decoderFor(label, true);
    if (!decoder) continue;
    try {
      return { text: decoder.decode(body), charset: decoder.encoding }; // also strips a matching BOM
    } catch {
      // invalid bytes for this encoding: try the next candidate
    }
  }
  // Not valid in any declared encoding nor in UTF-8: decode leniently with the first known
  // declared one, or windows-1252 (the web's default for undeclared legacy text).
  const known = declared.map((label) => decoderFor(label, false)).find((d) => d !== undefined);
  if (!known && declared.length > 0) {
    throw new FetchError("DECODE_ERROR", `unknown charset "${declared[0]}", and the body is not UTF-8`);
  }
  const decoder = known ?? new TextDecoder("windows-1252");
  return { text: decoder.decode(body), charset: decoder.encoding };
}

/** The charset (a WHATWG encoding name) that {@link decodeBody} uses for these bytes. */
export function detectCharset(body: Uint8Array, hints: CharsetHints = {}): string {
  return decodeWithCharset(body, hints).charset;
}

/**
 * Decodes a response body to a string, with the charset chosen as the module comment says.
 * Throws FetchError DECODE_ERROR when the body is not UTF-8 and names only unknown charsets.
 */
export function decodeBody(body: Uint8Array, hints: CharsetHints = {}): string {
  return decodeWithCharset(body, hints).text;
}
