/**
 * XML → plain objects with fast-xml-parser, configured for untrusted input:
 * - well-formedness is checked first with the library's validator (the parser alone accepts many
 *   truncated documents);
 * - external entities (`<!ENTITY x SYSTEM "file:///…">`) are refused by the library, which never
 *   does I/O; internal DTD entities that refer to other entities are not registered, so nested
 *   "billion laughs" expansion cannot happen, and the total text added by entity expansion is
 *   capped (quadratic blow-up);
 * - numeric character references and common HTML named entities are decoded (`htmlEntities`).
 * Elements are objects: attributes under "@_name", text under "#text" (a bare string when the
 * element has neither attributes nor children), repeated elements as arrays, namespace prefixes
 * kept as written ("dc:creator"). Atom xhtml content is kept as its raw markup.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { FeedParseError } from "./errors.js";

export type XmlElement = Record<string, unknown>;

const ENTITY_LIMITS = {
  enabled: true,
  maxEntitySize: 10_000,
  maxEntityCount: 100,
  maxExpandedLength: 100_000,
} as const;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: ENTITY_LIMITS,
  stopNodes: ["..content[type=xhtml]", "..summary[type=xhtml]", "..title[type=xhtml]", "..subtitle[type=xhtml]"],
});

/** Parses a whole XML document; throws FeedParseError for anything not well-formed. */
export function parseXml(xml: string): XmlElement {
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    throw new FeedParseError(`malformed XML at line ${line}${col === undefined ? "" : `, column ${col}`}: ${msg}`);
  }
  try {
    return parser.parse(xml) as XmlElement;
  } catch (error) {
    throw new FeedParseError(`unreadable XML: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Children named exactly `name` ("link" does not match "atom:link"). */
export function children(node: unknown, name: string): unknown[] {
  return isElement(node) ? asArray(node[name]) : [];
}

/** Children with local name `local` under any namespace prefix ("origLink" → "feedburner:origLink"). */
export function prefixedChildren(node: unknown, local: string): unknown[] {
  if (!isElement(node)) return [];
  return Object.keys(node)
    .filter((key) => key.endsWith(`:${local}`))
    .flatMap((key) => asArray(node[key]));
}

/** The text content of an element (its own text, CDATA included), untrimmed; undefined if none. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (isElement(node)) {
    const text = node["#text"];
    if (typeof text === "string" || typeof text === "number") return String(text);
  }
  return undefined;
}

/** The first non-blank text among `nodes`. */
export function firstText(nodes: unknown[]): string | undefined {
  for (const node of nodes) {
    const text = textOf(node);
    if (text !== undefined && text.trim() !== "") return text;
  }
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!isElement(node)) return undefined;
  const value = node[`@_${name}`];
  return typeof value === "string" ? value : undefined;
}
