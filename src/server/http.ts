import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Database } from "../db/client.js";
import { findApiKey, touchApiKey } from "../db/api-key.repository.js";
import { pendingMigrations } from "../db/migrate.js";
import { createContext, type ApiSettings, type Context, type Viewer } from "../graphql/context.js";
import { ErrorCode } from "../graphql/errors.js";
import { DEFAULT_LIMITS, enforceOperationLimits, type OperationLimits } from "../graphql/limits.js";
import { getSchema } from "../graphql/schema.js";
import { PLAYGROUND_ASSETS, playgroundHtml } from "./playground.js";
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
  log?: (line: string) => void;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
  /** GraphQL subscriptions over WebSocket on the same port and path. */
  subscriptions: SubscriptionServer;
  /** Stops accepting connections, lets in-flight requests finish, then stops Apollo. */
  close(): Promise<void>;
}

const GRAPHQL_PATH = "/graphql";
const ASSET_PATH = "/graphql/assets";

function jsonError(res: http.ServerResponse, status: number, message: string, code: string): void {
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
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
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * Errors keep their codes; anything unexpected is masked so that no internals (SQL, stack traces,
 * file paths) reach a client.
 */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  const original = unwrapResolverError(error);
  console.error("internal error:", original);
  return { message: "Internal server error", locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
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
  const schema = getSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        // After validation, before execution: an over-limit operation costs no database work.
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operation, request }) {
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
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
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
      if (url.pathname.startsWith(`${ASSET_PATH}/`) && req.method === "GET") {
        const asset = PLAYGROUND_ASSETS[url.pathname.slice(ASSET_PATH.length + 1)];
        if (!asset) return jsonError(res, 404, "no such asset", "NOT_FOUND");
        res.writeHead(200, { "content-type": asset.type, "cache-control": "public, max-age=86400" });
        fs.createReadStream(asset.file).pipe(res);
        return;
      }
      if (url.pathname !== GRAPHQL_PATH) return jsonError(res, 404, `nothing at ${url.pathname}; the API is at ${GRAPHQL_PATH}`, "NOT_FOUND");

      const accept = req.headers.accept ?? "";
      if (req.method === "GET" && !url.searchParams.has("query") && accept.includes("text/html")) {
        const html = playgroundHtml(GRAPHQL_PATH, ASSET_PATH);
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(html) });
        res.end(html);
        return;
      }
      if (req.method !== "GET" && req.method !== "POST") {
        res.setHeader("allow", "GET, POST");
        return jsonError(res, 405, `${req.method} is not supported; use GET or POST`, "METHOD_NOT_ALLOWED");
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
        } else {
          body = text;
        }
      }
      // Authentication happens before GraphQL: a wrong key is refused whatever the operation.
      let viewer: Viewer | null = null;
      const token = presentedKey(req);
      if (token) {
        const key = await findApiKey(db.prisma, token);
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

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!, headers, search: url.search, body },
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
        if (!res.headersSent) jsonError(res, 413, `request body is larger than ${maxRequestBytes} bytes`, "PAYLOAD_TOO_LARGE");
        return;
      }
      console.error("request failed:", error);
      if (!res.headersSent) jsonError(res, 500, "Internal server error", ErrorCode.INTERNAL_SERVER_ERROR);
      else res.end();
    }
  });

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
    async close() {
      await subscriptions.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await apollo.stop();
    },
  };
}
