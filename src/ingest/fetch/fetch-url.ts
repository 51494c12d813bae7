/**
 * A fetcher for URLs that come from outside (feed subscriptions, article links users submit).
 *
 * Safe by default: only http(s); every hop (first URL and each redirect) has its host name
 * resolved here, every resolved address checked against the blocked ranges of ./address.ts, and
 * the socket connected to exactly the checked address (a pinned `lookup`), so a DNS rebind between
 * check and connect cannot swap it. Bounded: one deadline for the whole fetch, a connect timeout,
 * a size limit counted on the wire and again after decompression (a gzip bomb stops at the limit),
 * a redirect limit. Every failure is a FetchError with a code from a closed set.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { bareAddress, isBlockedAddress, normalizeHost } from "./address.js";
import { parseContentType } from "./decode.js";
import { FetchError } from "./errors.js";

export const USER_AGENT = "Newsgraph/0.1 (+https://github.com/newsgraph)";

/** Media types a feed may be served as. */
export const FEED_CONTENT_TYPES: readonly string[] = [
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/rdf+xml",
  "application/xml",
  "text/xml",
  "application/json",
  "text/plain",
];

/** Media types an article page may be served as. */
export const PAGE_CONTENT_TYPES: readonly string[] = ["text/html", "application/xhtml+xml"];

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (default: the system resolver, `dns.lookup`). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  /** Deadline for the whole fetch, redirects and body included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Deadline for each TCP connection to be established. Default 5 000 ms. */
  connectTimeoutMs?: number;
  /** Largest body, in bytes, both as received and after decompression. Default 5 MB. */
  maxBytes?: number;
  /** Most redirects followed. Default 5. */
  maxRedirects?: number;
  /**
   * Media types accepted ("text/html", or "text/*"); anything else is BAD_CONTENT_TYPE, and so is
   * a response without a Content-Type. Also sent as the Accept header. Default: anything.
   * See FEED_CONTENT_TYPES and PAGE_CONTENT_TYPES.
   */
  accept?: readonly string[];
  /** ETag from an earlier fetch: sent as If-None-Match. */
  etag?: string;
  /** Last-Modified from an earlier fetch: sent as If-Modified-Since. */
  lastModified?: string;
  /**
   * Host names or IP addresses (as written in URLs: "localhost", "127.0.0.1", "::1") whose
   * addresses are not checked, for tests and intranets. Compared with the URL's host, not with
   * what it resolves to.
   */
  allowHosts?: readonly string[];
  /** Replaces the system resolver (tests, custom DNS). */
  resolve?: Resolver;
}

interface ResultBase {
  /** Final URL, after redirects. */
  url: string;
  etag?: string;
  lastModified?: string;
}

/** A response with a body (any 2xx status). */
export interface FetchedBody extends ResultBase {
  notModified: false;
  status: number;
  /** Lower-cased media type without parameters ("application/rss+xml"), if the server sent one. */
  contentType?: string;
  /** Lower-cased charset parameter of the Content-Type header, if any. See decodeBody. */
  charset?: string;
  /** The body, decompressed, not decoded to text. */
  body: Buffer;
}

/** 304 Not Modified, after a conditional request. etag/lastModified fall back to the ones sent. */
export interface NotModified extends ResultBase {
  notModified: true;
  status: 304;
}

export type FetchResult = FetchedBody | NotModified;

const DEFAULTS = {
  timeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

interface Settings extends Required<Pick<FetchOptions, keyof typeof DEFAULTS>> {
  accept: readonly string[] | undefined;
  etag: string | undefined;
  lastModified: string | undefined;
  allowHosts: ReadonlySet<string>;
  resolve: Resolver;
  signal: AbortSignal;
}

const systemResolver: Resolver = async (hostname) => {
  const addresses = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return addresses.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/**
 * GETs `url` and returns its body, or `notModified` for a 304. Throws FetchError only.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new FetchError("TIMEOUT", `no complete response within ${timeoutMs} ms`, { url })),
    timeoutMs,
  );
  const settings: Settings = {
    timeoutMs,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    maxBytes: options.maxBytes ?? DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    accept: options.accept,
    etag: options.etag,
    lastModified: options.lastModified,
    allowHosts: new Set((options.allowHosts ?? []).map(canonicalHost)),
    resolve: options.resolve ?? systemResolver,
    signal: deadline.signal,
  };
  let current: URL | undefined;
  try {
    current = parseHttpUrl(url);
    for (let redirects = 0; ; redirects++) {
      const addresses = await checkedAddresses(current, settings);
      const outcome = await exchange(current, addresses, settings);
      if (outcome.kind === "done") return outcome.result;
      if (redirects >= settings.maxRedirects) {
        throw new FetchError("TOO_MANY_REDIRECTS", `more than ${settings.maxRedirects} redirects`, { url: current.href });
      }
      current = parseHttpUrl(outcome.location, current);
    }
  } catch (error) {
    throw asFetchError(error, settings.signal, current?.href ?? url);
  } finally {
    clearTimeout(timer);
  }
}

function parseHttpUrl(input: string, base?: URL): URL {
  let parsed: URL;
  try {
    parsed = new URL(input, base);
  } catch {
    throw new FetchError("BAD_URL", `not a valid URL: ${JSON.stringify(String(input).slice(0, 200))}`, { url: String(input) });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new FetchError("BAD_URL", `only http: and https: URLs can be fetched, not ${parsed.protocol}`, { url: parsed.href });
  }
  if (!parsed.hostname) throw new FetchError("BAD_URL", "URL has no host", { url: parsed.href });
  return parsed;
}

/** allowHosts entries written like URL hosts are ("::1" and "[::1]", "127.1" → "127.0.0.1"). */
function canonicalHost(entry: string): string {
  const host = normalizeHost(entry);
  try {
    return normalizeHost(new URL(`http://${net.isIPv6(host) ? `[${host}]` : host}/`).hostname);
  } catch {
    return host;
  }
}

/** Resolves the URL's host and returns the addresses that may be connected to, or throws BLOCKED_ADDRESS. */
async function checkedAddresses(url: URL, settings: Settings): Promise<ResolvedAddress[]> {
  const host = normalizeHost(url.hostname);
  const allowed = settings.allowHosts.has(host);
  const literal = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await untilAborted(settings.resolve(host), settings.signal);
    } catch (error) {
      if (error instanceof FetchError || settings.signal.aborted) throw error;
      throw new FetchError("NETWORK_ERROR", `cannot resolve ${host}`, { url: url.href, cause: error });
    }
    if (addresses.length === 0) throw new FetchError("NETWORK_ERROR", `${host} has no address`, { url: url.href });
  }
  if (!allowed) {
    // Every address must be public: refusing when any is not leaves nothing to pick or rebind.
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked) {
      throw new FetchError("BLOCKED_ADDRESS", `${host} resolves to ${blocked.address}, a non-public address`, { url: url.href });
    }
  }
  return addresses;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * A `lookup` for http.request that answers with the already checked addresses, never asking DNS
 * again. Node asks for all of them (`all: true`) to try IPv6 and IPv4 in turn ("happy eyeballs").
 */
function pinnedLookup(checked: ResolvedAddress[]): net.LookupFunction {
  return ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, checked.map(({ address, family }) => ({ address, family })));
    else callback(null, checked[0]!.address, checked[0]!.family);
  }) as net.LookupFunction;
}

type Outcome = { kind: "done"; result: FetchResult } | { kind: "redirect"; location: string };

function requestHeaders(settings: Settings): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    "user-agent": USER_AGENT,
    accept: settings.accept?.length ? settings.accept.join(", ") : "*/*",
    "accept-encoding": "gzip, deflate, br",
  };
  if (settings.etag) headers["if-none-match"] = settings.etag;
  if (settings.lastModified) headers["if-modified-since"] = settings.lastModified;
  return headers;
}

/** "user:password" for Basic auth from the URL's userinfo, if any. */
function credentials(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  try {
    return `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    throw new FetchError("BAD_URL", "malformed user name or password in the URL", { url: url.href });
  }
}

/** One request/response on one connection to one of the checked `addresses`. */
function exchange(url: URL, addresses: ResolvedAddress[], settings: Settings): Promise<Outcome> {
  return new Promise<Outcome>((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const auth = credentials(url);
    const request = transport.request({
      protocol: url.protocol,
      hostname: bareAddress(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: requestHeaders(settings),
      auth,
      agent: false,
      lookup: pinnedLookup(addresses),
    });
    const fail = (error: unknown) => {
      request.destroy();
      reject(error);
    };
    const onAbort = () => fail(settings.signal.reason);
    if (settings.signal.aborted) return onAbort();
    settings.signal.addEventListener("abort", onAbort, { once: true });
    request.once("close", () => settings.signal.removeEventListener("abort", onAbort));
    request.on("error", fail);

    request.on("socket", (socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(
        () => fail(new FetchError("TIMEOUT", `no connection within ${settings.connectTimeoutMs} ms`, { url: url.href })),
        settings.connectTimeoutMs,
      );
      socket.once("connect", () => clearTimeout(connectTimer));
      socket.once("close", () => clearTimeout(connectTimer));
    });

    request.on("response", (response) => {
      handleResponse(url, response, settings).then((outcome) => {
        if (outcome.kind === "redirect") request.destroy();
        resolve(outcome);
      }, fail);
    });
    request.end();
  });
}

function header(response: http.IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function handleResponse(url: URL, response: http.IncomingMessage, settings: Settings): Promise<Outcome> {
  const status = response.statusCode ?? 0;
  const location = header(response, "location");
  const etag = header(response, "etag");
  const lastModified = header(response, "last-modified");
  if (REDIRECT_STATUSES.has(status) && location) return { kind: "redirect", location };
  if (status === 304) {
    response.resume();
    const result: NotModified = {
      notModified: true,
      status: 304,
      url: url.href,
      etag: etag ?? settings.etag,
      lastModified: lastModified ?? settings.lastModified,
    };
    return { kind: "done", result };
  }
  if (status < 200 || status >= 300) {
    throw new FetchError("HTTP_ERROR", `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}`, { url: url.href, status });
  }
  const { mediaType, charset } = parseContentType(header(response, "content-type"));
  if (settings.accept && !(mediaType && settings.accept.some((accepted) => mediaTypeMatches(mediaType, accepted)))) {
    throw new FetchError("BAD_CONTENT_TYPE", `unexpected content type ${mediaType ?? "(none)"}`, { url: url.href });
  }
  const declaredLength = Number(header(response, "content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > settings.maxBytes) {
    throw new FetchError("TOO_LARGE", `Content-Length ${declaredLength} exceeds ${settings.maxBytes} bytes`, { url: url.href });
  }
  const body = await readBody(url, response, settings.maxBytes);
  const result: FetchedBody = { notModified: false, status, url: url.href, contentType: mediaType, charset, etag, lastModified, body };
  return { kind: "done", result };
}

function mediaTypeMatches(mediaType: string, accepted: string): boolean {
  const pattern = accepted.toLowerCase();
  if (pattern === "*/*") return true;
  if (pattern.endsWith("/*")) return mediaType.startsWith(pattern.slice(0, -1));
  return mediaType === pattern;
}

function decompressorFor(url: URL, encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  // Lenient with a truncated stream's end, as browsers are; invalid data is still an error.
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch ((encoding ?? "identity").trim().toLowerCase()) {
    case "identity":
    case "":
      return undefined;
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip(flush);
    case "deflate":
      return zlib.createInflate(flush);
    case "br":
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      throw new FetchError("DECODE_ERROR", `unsupported Content-Encoding ${encoding}`, { url: url.href });
  }
}

/** Reads the body, decompressing it, and stops as soon as either count passes `maxBytes`. */
async function readBody(url: URL, response: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new FetchError("TOO_LARGE", `body exceeds ${maxBytes} bytes`, { url: url.href });
  const decompressor = decompressorFor(url, header(response, "content-encoding"));
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  };
  if (!decompressor) {
    await pipeline(response, collect);
    return Buffer.concat(chunks, size);
  }
  let wireBytes = 0;
  const limitWire = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) throw tooLarge();
      yield chunk;
    }
  };
  let corrupt: unknown;
  decompressor.once("error", (error) => (corrupt = error));
  try {
    await pipeline(response, limitWire, decompressor, collect);
  } catch (error) {
    if (corrupt !== undefined && !(error instanceof FetchError)) {
      throw new FetchError("DECODE_ERROR", `cannot decompress the body: ${(corrupt as Error).message}`, { url: url.href, cause: corrupt });
    }
    throw error;
  }
  return Buffer.concat(chunks, size);
}

const TLS_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_REVOKED",
  "CERT_UNTRUSTED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "HOSTNAME_MISMATCH",
  "EPROTO",
]);

/** Maps anything thrown during a fetch to a FetchError. */
function asFetchError(error: unknown, signal: AbortSignal, url: string): FetchError {
  if (error instanceof FetchError) return error;
  if (signal.aborted && signal.reason instanceof FetchError) return signal.reason;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.has(code) || code.startsWith("ERR_TLS_") || code.startsWith("ERR_SSL_") || /\bSSL\b|certificate/i.test(message)) {
    return new FetchError("TLS_ERROR", `TLS failed: ${message}`, { url, cause: error });
  }
  if (code === "ETIMEDOUT") return new FetchError("TIMEOUT", `timed out: ${message}`, { url, cause: error });
  return new FetchError("NETWORK_ERROR", `network error: ${message}${code && !message.includes(code) ? ` (${code})` : ""}`, { url, cause: error });
}
