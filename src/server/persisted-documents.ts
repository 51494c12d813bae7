import fs from "node:fs";
import type { PersistedDocumentsMode } from "../config.js";

export interface PersistedDocuments {
  mode: PersistedDocumentsMode;
  /** `sha256:<hex>` → document text, as in the client preset's persisted-documents.json. */
  documents: ReadonlyMap<string, string>;
}

export const NO_PERSISTED_DOCUMENTS: PersistedDocuments = { mode: "off", documents: new Map() };

/** A request the persisted-document rules refuse, answered with HTTP 400 and this code. */
export class PersistedDocumentError extends Error {
  constructor(
    message: string,
    readonly code: "PERSISTED_QUERY_NOT_FOUND" | "PERSISTED_DOCUMENT_REQUIRED",
  ) {
    super(message);
  }
}

const SHA256_ID = /^(?:sha256:)?([0-9a-f]{64})$/i;

/**
 * Reads the manifest GraphQL Code Generator's client preset writes with
 * `persistedDocuments: { hashAlgorithm: sha256 }` (`npm run codegen`): a JSON object of
 * `"sha256:<hex>": "<document>"`.
 */
export function loadPersistedDocuments(mode: PersistedDocumentsMode, file: string): PersistedDocuments {
  if (mode === "off") return NO_PERSISTED_DOCUMENTS;
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`persisted documents (${mode}): cannot read the manifest ${file}: ${error instanceof Error ? error.message : error}; run \`npm run codegen\``);
  }
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    throw new Error(`persisted documents: ${file} is not a JSON object of id → document`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(manifest)) {
    const match = SHA256_ID.exec(id);
    if (!match || typeof document !== "string") throw new Error(`persisted documents: ${file} has an entry that is not "sha256:<hex>": "<document>" (${id.slice(0, 80)})`);
    documents.set(`sha256:${match[1].toLowerCase()}`, document);
  }
  return { mode, documents };
}

/** The document id a request names: GraphQL-over-HTTP's `documentId` or Apollo's `extensions.persistedQuery.sha256Hash`. */
function requestedId(params: Record<string, unknown>): string | null {
  if (typeof params.documentId === "string") return params.documentId;
  const extensions = params.extensions;
  if (extensions && typeof extensions === "object") {
    const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery;
    if (persisted && typeof persisted.sha256Hash === "string") return persisted.sha256Hash;
  }
  return null;
}

/**
 * One request's parameters (a POST body object, or the parsed query string of a GET) with the
 * named document filled in as `query`. Throws PersistedDocumentError for an unknown id, and in
 * `only` mode for any request that does not name a document of the manifest.
 */
export function resolvePersistedDocument(params: Record<string, unknown>, store: PersistedDocuments): Record<string, unknown> {
  if (store.mode === "off") return params;
  const id = requestedId(params);
  if (id === null) {
    if (store.mode === "only") {
      throw new PersistedDocumentError(
        "this server runs only persisted documents: send {\"documentId\": \"sha256:…\"} from the client's persisted-documents.json",
        "PERSISTED_DOCUMENT_REQUIRED",
      );
    }
    return params;
  }
  const match = SHA256_ID.exec(id);
  const document = match ? store.documents.get(`sha256:${match[1].toLowerCase()}`) : undefined;
  const { documentId: _id, ...rest } = params;
  const extensions = rest.extensions && typeof rest.extensions === "object" ? { ...(rest.extensions as Record<string, unknown>) } : undefined;
  if (extensions) delete extensions.persistedQuery;
  if (document === undefined && store.mode === "accept" && typeof params.query === "string") {
    // An automatic-persisted-query client sending its text: run it, but never remember the hash.
    return { ...rest, ...(extensions ? { extensions } : {}) };
  }
  if (document === undefined) {
    throw new PersistedDocumentError(`no persisted document has the id ${JSON.stringify(id.slice(0, 80))}`, "PERSISTED_QUERY_NOT_FOUND");
  }
  return { ...rest, query: document, ...(extensions ? { extensions } : {}) };
}

/** The same for a GET: reads and rewrites `documentId`, `extensions` and `query` in the query string. */
export function resolvePersistedDocumentInSearch(search: URLSearchParams, store: PersistedDocuments): URLSearchParams {
  if (store.mode === "off") return search;
  const params: Record<string, unknown> = {};
  for (const name of ["query", "documentId"]) {
    const value = search.get(name);
    if (value !== null) params[name] = value;
  }
  const extensions = search.get("extensions");
  if (extensions !== null) {
    try {
      params.extensions = JSON.parse(extensions);
    } catch {
      return search; // Apollo answers malformed extensions with a 400 of its own
    }
  }
  const resolved = resolvePersistedDocument(params, store);
  if (resolved === params) return search;
  const rewritten = new URLSearchParams(search);
  rewritten.delete("documentId");
  rewritten.set("query", resolved.query as string);
  if (resolved.extensions) rewritten.set("extensions", JSON.stringify(resolved.extensions));
  return rewritten;
}
