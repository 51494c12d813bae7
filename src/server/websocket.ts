import type http from "node:http";
import {
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { Database } from "../db/client.js";
import { findApiKey } from "../db/api-key.repository.js";
import { createContext, type ApiSettings, type Viewer } from "../graphql/context.js";
import { ErrorCode } from "../graphql/errors.js";
import { enforceOperationLimits, type OperationLimits } from "../graphql/limits.js";
import { getSchema } from "../graphql/schema.js";
import { LiveHub } from "../graphql/subscription.hub.js";

export interface SubscriptionServerOptions {
  db: Database;
  settings: ApiSettings;
  limits: OperationLimits;
  /** Refuse subscriptions without an API key (NEWSGRAPH_READS=key). */
  readsRequireKey?: boolean;
  /** URL path of the endpoint; the same as HTTP's. */
  path: string;
  log?: (line: string) => void;
}

export interface SubscriptionServer {
  /** Subscriptions currently open on this server. */
  readonly activeSubscriptions: number;
  /** Closes every socket (1001 Going away) and releases the LISTEN connection. */
  close(): Promise<void>;
}

/** Largest graphql-ws message accepted; a subscription document is small (the token limit applies too). */
const MAX_MESSAGE_BYTES = 256 * 1024;
/** Open subscriptions one connection may hold; each costs a little memory and filter work per update. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/** After asking clients to close, how long to wait for their closing handshake before cutting them off. */
const CLOSE_GRACE_MS = 2_000;

interface ConnectionExtra extends Record<PropertyKey, unknown> {
  viewer?: Viewer | null;
  token?: string | null;
}

function typedError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function bearer(value: unknown): string | null {
  if (typeof value !== "string" || !value.trim()) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match ? match[1] : value.trim();
}

/**
 * The API key of a connection: in the connection_init payload (`{ authorization: "Bearer …" }` or
 * `{ apiKey }`, what browsers can send) or, for other clients, in the upgrade request's headers.
 */
function presentedKey(params: Readonly<Record<string, unknown>> | undefined, request: http.IncomingMessage): string | null {
  if (params) {
    const fromParams = bearer(params.authorization) ?? bearer(params.Authorization) ?? bearer(params.apiKey) ?? bearer(params["x-api-key"]);
    if (fromParams) return fromParams;
  }
  return bearer(request.headers.authorization) ?? bearer(request.headers["x-api-key"]);
}

/** Same rule as over HTTP: codes are kept, anything unexpected is masked and logged. */
function formatError(error: GraphQLError, log: (line: string) => void): GraphQLFormattedError {
  const { stacktrace: _stack, ...extensions } = (error.extensions ?? {}) as Record<string, unknown>;
  const code = extensions.code;
  if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { ...error.toJSON(), extensions };
  const original = error.originalError;
  if (!original || original instanceof GraphQLError) {
    // graphql-js's own errors (variables that do not coerce): the client's input, safe to show.
    return { ...error.toJSON(), extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  log(`internal error in a subscription: ${original.stack ?? original.message}`);
  return { message: "Internal server error", locations: error.locations, path: error.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * GraphQL subscriptions over the graphql-ws protocol on the HTTP server's own port and path. Only
 * subscriptions are served here (queries and mutations go over HTTP, with its auth, limits and
 * error masking); the same API key rules, operation limits and error codes apply.
 */
export async function attachSubscriptionServer(server: http.Server, options: SubscriptionServerOptions): Promise<SubscriptionServer> {
  const { db, settings, limits } = options;
  const log = options.log ?? ((line: string) => console.error(line));
  const schema = getSchema();
  const hub = await LiveHub.start(db, log);
  const wss = new WebSocketServer({ server, path: options.path, maxPayload: MAX_MESSAGE_BYTES });

  const refuse = (message: string, code: string) => [typedError(message, code)];

  const graphqlWs = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      isProd: true,
      async onConnect(ctx) {
        const token = presentedKey(ctx.connectionParams, ctx.extra.request);
        if (!token) {
          ctx.extra.viewer = null;
          return true;
        }
        const key = await findApiKey(db.prisma, token);
        if (!key) {
          // Like HTTP's 401 for a wrong key: refused whatever the operations would have been.
          ctx.extra.socket.close(CloseCode.Forbidden, "Forbidden: the API key is not valid or has been revoked");
          return false;
        }
        ctx.extra.viewer = { keyId: key.id, role: key.role };
        ctx.extra.token = token;
        return true;
      },
      async onSubscribe(ctx, _id, payload) {
        // graphql-ws has already reserved this operation's slot, so it is counted here.
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return refuse(`a connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions`, "TOO_MANY_SUBSCRIPTIONS");
        }
        let viewer = ctx.extra.viewer ?? null;
        if (viewer && ctx.extra.token) {
          // A key revoked after the connection opened no longer starts subscriptions.
          const key = await findApiKey(db.prisma, ctx.extra.token);
          if (!key) return refuse("the API key is not valid or has been revoked", "UNAUTHENTICATED");
          viewer = { keyId: key.id, role: key.role };
        }
        if (!viewer && options.readsRequireKey) {
          return refuse(
            'this server needs an API key for every operation: send it in the connection_init payload as { "authorization": "Bearer <key>" }',
            "UNAUTHENTICATED",
          );
        }
        if (typeof payload.query !== "string") return refuse("the subscribe message has no query", "BAD_REQUEST");
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : "the query could not be parsed";
          return refuse(message, "GRAPHQL_PARSE_FAILED");
        }
        const invalid = validate(schema, document);
        if (invalid.length) {
          return invalid.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
        }
        const operation = getOperationAST(document, payload.operationName ?? undefined);
        if (!operation) return refuse("name the operation to run (operationName) or send exactly one", "BAD_REQUEST");
        if (operation.operation !== "subscription") {
          return refuse(`only subscriptions are served over WebSocket; send ${operation.operation} operations over HTTP`, "BAD_REQUEST");
        }
        try {
          enforceOperationLimits(schema, document, operation, payload.variables ?? undefined, limits);
        } catch (error) {
          if (error instanceof GraphQLError) {
            const { http: _http, ...extensions } = error.extensions as Record<string, unknown>;
            return [new GraphQLError(error.message, { extensions })];
          }
          throw error;
        }
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: { ...createContext(db, settings, viewer), live: hub },
        };
      },
      onNext(_ctx, _id, _payload, _args, result: ExecutionResult): FormattedExecutionResult | void {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((error) => formatError(error, log)) };
      },
    },
    wss,
  );

  let closing: Promise<void> | null = null;
  return {
    get activeSubscriptions() {
      return hub.activeSubscriptions;
    },
    close() {
      closing ??= (async () => {
        // dispose() asks every client to close and waits for them; a client that never answers
        // is cut off rather than holding up the shutdown.
        const cutOff = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
        }, CLOSE_GRACE_MS);
        try {
          await graphqlWs.dispose();
        } finally {
          clearTimeout(cutOff);
          await hub.close();
        }
      })();
      return closing;
    },
  };
}
