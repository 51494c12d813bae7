import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { Database } from "../db/client.js";
import { findApiKey, touchApiKey } from "../db/api-key.repository.js";
import { pendingMigrations } from "../db/migrate.js";
import { createContext, type ApiSettings, type Context, type Viewer } from "../graphql/context.js";
import { ErrorCode } from "../graphql/errors.js";
import { DEFAULT_LIMITS, enforceOperationLimits, type OperationLimits } from "../graphql/limits.js";
import { getSchema } from "../graphql/schema.js";
import { errorFormatter, INTERNAL_ERROR_MESSAGE } from "./error-format.js";
import { createLogger, type Logger } from "./logger.js";
import {
  NO_PERSISTED_DOCUMENTS,
  PersistedDocumentError,
  resolvePersistedDocument,
  resolvePersistedDocumentInSearch,
  type PersistedDocuments,
} from "./persisted-documents.js";
import { PLAYGROUND_ASSETS, playgroundHtml } from "./playground.js";
import { logRequestWhenDone, operationNamePlugin } from "./request-log.js";
import { currentRequest, requestIdFor, requestScope, type RequestScope } from "./request-id.js";
import { databaseUnavailable } from "../db/unavailable.js";
import { applyCors, playgroundCsp, setSecureHeaders } from "./headers.js";
import { queueDepth } from "../ingest/queue/queue-depth.js";
import { createMetrics, registerQueueDepth, type Route, type ServerMetrics } from "./metrics.js";
import { RateLimiter, rateLimitHeaders, type RateLimitSettings } from "./rate-limit.js";
import { attachSubscriptionServer, type SubscriptionServer } from "./websocket.js";

export interface HttpServerOptions {
  db: Database;
  settings: ApiSettings;
  /** Largest request body accepted on /graphql, in bytes. */
  maxRequestBytes?: number;
  /** Depth, complexity, alias and token limits for operations. */
  limits?: OperationLimits;
  /** Refuse operations without an API key (by default anyone may read; mutations always need a key). */
  readsRequireKey?: boolean;
  /** Per-IP and per-key request limits on /graphql; unlimited when absent. */
  rateLimit?: RateLimitSettings;
  /** Origins allowed cross-origin (`*` for any); none when absent. */
  corsOrigins?: readonly string[];
  /** Answer introspection (default true). */
  introspection?: boolean;
  /** Serve the playground to browsers (default true). */
  playground?: boolean;
  /** /metrics: open (default), only with an ADMIN key, or off. */
  metrics?: "open" | "key" | "off";
  /** Process-level metrics (CPU, memory, event loop) on /metrics; the server process turns them on. */
  defaultMetrics?: boolean;
  log?: (line: string) => void;
  /** Structured log (a request line per request, internal errors); by default warnings and errors to stdout. */
  logger?: Logger;
  /** Most operations in one batched (JSON array) request; 1 refuses batches. */
  maxBatch?: number;
  /** Persisted-document manifest and mode (allow-list for production clients). */
  persistedDocuments?: PersistedDocuments;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /** GraphQL subscriptions over WebSocket on the same port and path. */
  subscriptions: SubscriptionServer;
  metrics: ServerMetrics;
  /** Requests being served now. */
  inFlight(): number;
  /**
   * Stops accepting connections and refuses new requests on open ones (503), lets in-flight
   * requests finish, then stops Apollo.
   */
  close(): Promise<void>;
}

const GRAPHQL_PATH = "/graphql";
const ASSET_PATH = "/graphql/assets";

function jsonError(
  res: http.ServerResponse,
  status: number,
  message: string,
  code: string,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): void {
  currentRequest()?.errorCodes.push(code);
  const body = JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] });
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

function routeOf(pathname: string, method: string | undefined, accept: string): Route {
  if (pathname === "/healthz") return "healthz";
  if (pathname === "/readyz") return "readyz";
  if (pathname === "/metrics") return "metrics";
  if (pathname.startsWith(`${ASSET_PATH}/`)) return "assets";
  if (pathname === GRAPHQL_PATH) return method === "GET" && accept.includes("text/html") ? "playground" : "graphql";
  return "other";
}

class BodyTooLargeError extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop reading but keep the socket: the client still gets its 413 (then the connection closes).
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A POST body (one request or a batch) with persisted-document ids resolved. */
function withPersistedDocuments(body: unknown, persisted: PersistedDocuments): unknown {
  const resolve = (item: unknown) =>
    item !== null && typeof item === "object" && !Array.isArray(item) ? resolvePersistedDocument(item as Record<string, unknown>, persisted) : item;
  return Array.isArray(body) ? body.map(resolve) : resolve(body);
}

/** The API key a request carries: `Authorization: Bearer <key>` or `X-Api-Key: <key>`. */
function presentedKey(req: http.IncomingMessage): string | null {
  const authorization = req.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    return match ? match[1] : authorization.trim();
  }
  const header = req.headers["x-api-key"];
  return typeof header === "string" && header.trim() ? header.trim() : null;
}

/** Serves /graphql (POST and GET, plus the offline playground for browsers), /healthz and /readyz. */
export async function startHttpServer(options: HttpServerOptions, port: number, host = "127.0.0.1"): Promise<RunningServer> {
  const { db, settings } = options;
  const maxRequestBytes = options.maxRequestBytes ?? settings.maxBodyBytes * 2 + 64 * 1024;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const logger = options.logger ?? createLogger({ level: "warn" });
  const maxBatch = options.maxBatch ?? 1;
  const persisted = options.persistedDocuments ?? NO_PERSISTED_DOCUMENTS;
  const playgroundOn = options.playground ?? true;
  const metricsMode = options.metrics ?? "open";
  const corsOrigins = options.corsOrigins ?? [];
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics });
  // Workers run the jobs, but any API process can count what waits: the queue lives in the database.
  if (db.mode === "postgres") registerQueueDepth(async () => (await queueDepth(db))?.reduce((sum, queue) => sum + queue.pending, 0) ?? 0);
  const rateLimiter = options.rateLimit ? new RateLimiter(options.rateLimit) : null;
  const schema = getSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: options.introspection ?? true,
    csrfPrevention: true,
    // Explicit, whatever NODE_ENV says: stack traces stay in the log.
    includeStacktraceInErrorResponses: false,
    formatError: errorFormatter(logger),
    allowBatchedHttpRequests: maxBatch > 1,
    // With a manifest, ids resolve against it (persisted-documents.ts), never against documents clients registered.
    ...(persisted.mode === "off" ? {} : { persistedQueries: false as const }),
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      operationNamePlugin,
      metrics.plugin,
      {
        // After validation, before execution: an over-limit operation costs no database work.
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operation, request }) {
              // Over HTTP a subscription would run its resolver once, with no event to deliver.
              if (operation?.operation === "subscription") {
                throw new GraphQLError(`subscriptions are served over WebSocket (graphql-ws) at ${GRAPHQL_PATH}, not over HTTP`, {
                  extensions: { code: "SUBSCRIPTION_OVER_HTTP", http: { status: 400 } },
                });
              }
              if (operation) enforceOperationLimits(schema, document, operation, request.variables, limits);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // lastUsedAt is written at most once a minute per key, not on every request.
  const lastTouched = new Map<number, number>();
  let draining = false;
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    const scope: RequestScope = { requestId: requestIdFor(req.headers["x-request-id"]), operationName: null, errorCodes: [] };
    res.setHeader("x-request-id", scope.requestId);
    logRequestWhenDone(logger, scope, req, res);
    inFlight += 1;
    const routed: { route: Route } = { route: "other" };
    res.on("close", () => {
      inFlight -= 1;
      metrics.httpResponse(routed.route, res.statusCode);
    });
    void requestScope.run(scope, () => handle(req, res, routed));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, routed: { route: Route }): Promise<void> {
    try {
      setSecureHeaders(res);
      const url = new URL(req.url ?? "/", "http://localhost");
      const accept = req.headers.accept ?? "";
      routed.route = routeOf(url.pathname, req.method, accept);
      if (draining) {
        // Shutting down: requests already running finish, new ones go elsewhere.
        res.setHeader("connection", "close");
        return jsonError(res, 503, "the server is shutting down", "SHUTTING_DOWN", { "retry-after": "1" });
      }
      if (applyCors(req, res, corsOrigins)) return;
      if (url.pathname === "/metrics" && metricsMode !== "off") {
        if (metricsMode === "key") {
          const token = presentedKey(req);
          const key = token ? await findApiKey(db.prisma, token) : null;
          if (!key || key.role !== "ADMIN") return jsonError(res, 401, "/metrics needs an ADMIN API key", "UNAUTHENTICATED");
        }
        const text = await metrics.render();
        res.writeHead(200, { "content-type": metrics.contentType, "content-length": Buffer.byteLength(text) });
        res.end(text);
        return;
      }
      if (url.pathname === "/healthz") {
        const body = JSON.stringify({ status: "ok" });
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      if (url.pathname === "/readyz") {
        // Ready means the database answers and every committed migration is applied.
        let status = 200;
        let payload: Record<string, unknown>;
        try {
          const pending = await pendingMigrations(db.prisma);
          payload = pending.length ? { status: "migrations pending", pending } : { status: "ready" };
          if (pending.length) status = 503;
        } catch {
          status = 503;
          payload = { status: "database unavailable" };
        }
        const body = JSON.stringify(payload);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      if (url.pathname.startsWith(`${ASSET_PATH}/`) && req.method === "GET" && playgroundOn) {
        const asset = PLAYGROUND_ASSETS[url.pathname.slice(ASSET_PATH.length + 1)];
        if (!asset) return jsonError(res, 404, "no such asset", "NOT_FOUND");
        res.writeHead(200, { "content-type": asset.type, "cache-control": "public, max-age=86400" });
        fs.createReadStream(asset.file).pipe(res);
        return;
      }
      if (url.pathname !== GRAPHQL_PATH) return jsonError(res, 404, `nothing at ${url.pathname}; the API is at ${GRAPHQL_PATH}`, "NOT_FOUND");

      if (req.method === "GET" && !url.searchParams.has("query") && accept.includes("text/html")) {
        if (!playgroundOn) return jsonError(res, 404, "the playground is turned off on this server (NEWSGRAPH_PLAYGROUND=0)", "NOT_FOUND");
        const html = playgroundHtml(GRAPHQL_PATH, ASSET_PATH);
        res.setHeader("content-security-policy", playgroundCsp(html));
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      if (req.method !== "GET" && req.method !== "POST") {
        res.setHeader("allow", "GET, POST");
        return jsonError(res, 405, `${req.method} is not supported; use GET or POST`, "METHOD_NOT_ALLOWED");
      }

      // Authentication happens before GraphQL: a wrong key is refused whatever the operation.
      let viewer: Viewer | null = null;
      const token = presentedKey(req);
      const key = token ? await findApiKey(db.prisma, token) : null;
      // Before the body is read: a refused client costs no parsing. Wrong keys spend the IP's budget.
      const decision = rateLimiter ? await rateLimiter.consume(req, key?.id ?? null) : null;
      if (decision) {
        for (const [name, value] of Object.entries(rateLimitHeaders(decision))) res.setHeader(name, value);
        if (!decision.allowed) {
          metrics.rateLimited(key ? "key" : "ip");
          return jsonError(res, 429, `too many requests; try again in ${decision.retryAfterSeconds} s`, "RATE_LIMITED");
        }
      }
      if (token) {
        if (!key) return jsonError(res, 401, "the API key is not valid or has been revoked", "UNAUTHENTICATED");
        viewer = { keyId: key.id, role: key.role };
        const last = lastTouched.get(key.id) ?? 0;
        if (Date.now() - last > 60_000) {
          lastTouched.set(key.id, Date.now());
          void touchApiKey(db.prisma, key.id).catch(() => {});
        }
      } else if (options.readsRequireKey) {
        return jsonError(res, 401, "this server needs an API key for every request: send Authorization: Bearer <key>", "UNAUTHENTICATED");
      }

      let body: unknown = undefined;
      if (req.method === "POST") {
        const text = await readBody(req, maxRequestBytes);
        const contentType = req.headers["content-type"] ?? "";
        if (contentType.includes("application/json") || contentType.includes("application/graphql-response+json")) {
          try {
            body = text === "" ? undefined : JSON.parse(text);
          } catch {
            return jsonError(res, 400, "request body is not valid JSON", "BAD_REQUEST");
          }
          if (Array.isArray(body) && maxBatch > 1 && body.length > maxBatch) {
            return jsonError(res, 400, `a batch of ${body.length} operations exceeds the limit of ${maxBatch}`, "BATCH_TOO_LARGE", {}, { limit: maxBatch, actual: body.length });
          }
          body = withPersistedDocuments(body, persisted);
        } else {
          body = text;
        }
      }

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const search = req.method === "GET" && persisted.mode !== "off" ? `?${resolvePersistedDocumentInSearch(url.searchParams, persisted)}` : url.search;
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search, body },
        context: async () => createContext(db, settings, viewer),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        if (!res.headersSent) {
          jsonError(res, 413, `request body is larger than ${maxRequestBytes} bytes`, "PAYLOAD_TOO_LARGE", { connection: "close" });
          res.once("finish", () => req.destroy());
        }
        return;
      }
      if (databaseUnavailable(error)) {
        if (!res.headersSent) jsonError(res, 503, "the database is unavailable; try again shortly", "DATABASE_UNAVAILABLE", { "retry-after": "5" });
        else res.end();
        return;
      }
      if (error instanceof PersistedDocumentError) {
        if (!res.headersSent) jsonError(res, 400, error.message, error.code);
        return;
      }
      const requestId = currentRequest()?.requestId;
      logger.error({ requestId, err: error }, "request failed");
      if (!res.headersSent) jsonError(res, 500, INTERNAL_ERROR_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR, {}, { requestId });
      else res.end();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  let subscriptions: SubscriptionServer;
  try {
    subscriptions = await attachSubscriptionServer(server, { db, settings, limits, readsRequireKey: options.readsRequireKey, path: GRAPHQL_PATH, log: options.log });
  } catch (error) {
    // No LISTEN connection (PostgreSQL unreachable): do not leave a half-started server listening.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await apollo.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return {
    server,
    port: address.port,
    url: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`,
    subscriptions,
    metrics,
    inFlight: () => inFlight,
    async close() {
      draining = true;
      metrics.close();
      await subscriptions.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
