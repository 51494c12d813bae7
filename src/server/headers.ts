import crypto from "node:crypto";
import type http from "node:http";

/** Headers every response carries: no MIME sniffing, no referrer leaks, never framed. */
const BASE_HEADERS: Record<string, string> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  // JSON and assets need nothing from a browser; the playground page gets its own policy below.
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
};

export function setSecureHeaders(res: http.ServerResponse): void {
  for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
}

/**
 * The playground's policy: scripts only from this server plus the page's own inline scripts
 * (allowed by hash, so no injected script runs), workers from this server, requests only back to
 * it. Monaco sets inline styles and GraphiQL's CSS embeds its fonts and icons as data: URLs.
 */
export function playgroundCsp(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${crypto.createHash("sha256").update(match[1], "utf8").digest("base64")}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

const CORS_ALLOWED_HEADERS = "content-type, authorization, x-api-key, apollo-require-preflight, x-apollo-operation-name";

/**
 * CORS by configuration: only listed origins (or `*`) get Access-Control-Allow-Origin. Keys travel
 * in headers, never cookies, so credentials are never allowed. Returns true when the request was a
 * preflight and has been answered.
 */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  const preflight = req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined;
  if (allowedOrigins.length > 0) res.setHeader("vary", "Origin");
  const allowed = origin !== undefined && (allowedOrigins.includes("*") || allowedOrigins.includes(origin));
  if (allowed) {
    res.setHeader("access-control-allow-origin", allowedOrigins.includes("*") ? "*" : origin);
    res.setHeader("access-control-expose-headers", "retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset");
  }
  if (!preflight) return false;
  if (!allowed) {
    res.writeHead(403, { "content-type": "text/plain; charset=utf-8" });
    res.end("origin not allowed");
    return true;
  }
  res.writeHead(204, {
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": CORS_ALLOWED_HEADERS,
    "access-control-max-age": "600",
  });
  res.end();
  return true;
}
