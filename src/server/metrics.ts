import type { ApolloServerPlugin } from "@apollo/server";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { observeIngest } from "../ingest/observe.js";

/** Something that knows how many jobs wait in the queue (the job queue registers it). */
export type QueueDepthSource = () => number | Promise<number>;

let queueDepthSource: QueueDepthSource | null = null;

/** Called by whatever runs the job queue; `newsgraph_queue_depth` reads it at every scrape. */
export function registerQueueDepth(source: QueueDepthSource | null): void {
  queueDepthSource = source;
}

/** Operation names come from clients: only this many distinct ones get their own label. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Routes are a fixed set, so a scanner probing random paths cannot grow the label space. */
export type Route = "graphql" | "playground" | "assets" | "healthz" | "readyz" | "metrics" | "other";

export interface ServerMetrics {
  registry: Registry;
  /** Apollo plugin: requests, latency and errors per operation. */
  plugin: ApolloServerPlugin;
  httpResponse(route: Route, status: number): void;
  rateLimited(kind: "ip" | "key"): void;
  contentType: string;
  render(): Promise<string>;
  /** Stops listening to ingestion events. */
  close(): void;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "newsgraph_" });

  const requests = new Counter({
    name: "newsgraph_graphql_requests_total",
    help: "GraphQL operations executed or refused, by operation name and type",
    labelNames: ["operation", "type"] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "newsgraph_graphql_request_duration_seconds",
    help: "GraphQL operation latency from request start to response, by operation name and type",
    labelNames: ["operation", "type"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "newsgraph_graphql_errors_total",
    help: "GraphQL errors sent to clients, by extensions.code",
    labelNames: ["code"] as const,
    registers: [registry],
  });
  const responses = new Counter({
    name: "newsgraph_http_responses_total",
    help: "HTTP responses by route and status code",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const limited = new Counter({
    name: "newsgraph_rate_limited_total",
    help: "Requests refused with 429, by bucket kind (client IP or API key)",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const ingested = new Counter({
    name: "newsgraph_ingest_articles_total",
    help: "Articles submitted to ingestion in this process (API, polling, imports), by result",
    labelNames: ["result"] as const,
    registers: [registry],
  });
  const polls = new Counter({
    name: "newsgraph_source_polls_total",
    help: "Feed source polls in this process, by status (failed: the source recorded an error)",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  for (const result of ["stored", "near_duplicate", "duplicate", "rejected"]) ingested.inc({ result }, 0);
  for (const status of ["ok", "not-modified", "failed"]) polls.inc({ status }, 0);
  new Gauge({
    name: "newsgraph_queue_depth",
    help: "Jobs waiting in the job queue (0 when no queue is registered)",
    registers: [registry],
    async collect() {
      try {
        this.set(queueDepthSource ? await queueDepthSource() : 0);
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  const unsubscribe = observeIngest({
    article: (result) => ingested.inc({ result }),
    poll: (status) => polls.inc({ status }),
  });

  const seenNames = new Set<string>();
  const operationLabel = (name: string | null | undefined): string => {
    if (!name) return "anonymous";
    if (!OPERATION_NAME.test(name)) return "invalid";
    if (seenNames.has(name)) return name;
    if (seenNames.size >= MAX_OPERATION_NAMES) return "other";
    seenNames.add(name);
    return name;
  };

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const stopTimer = duration.startTimer();
      return {
        async willSendResponse({ operation, operationName, errors: requestErrors, response }) {
          // A document that did not parse or validate has no operation: its type is "invalid".
          const labels = { operation: operation ? operationLabel(operation.name?.value ?? operationName) : "invalid", type: operation?.operation ?? "invalid" };
          requests.inc(labels);
          stopTimer(labels);
          const sent = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
          for (const error of sent ?? requestErrors ?? []) {
            const code = (error.extensions?.code as string | undefined) ?? "UNKNOWN";
            errors.inc({ code: /^[A-Z_]{1,64}$/.test(code) ? code : "OTHER" });
          }
        },
      };
    },
  };

  return {
    registry,
    plugin,
    httpResponse: (route, status) => responses.inc({ route, status: String(status) }),
    rateLimited: (kind) => limited.inc({ kind }),
    contentType: registry.contentType,
    render: () => registry.metrics(),
    close: () => {
      unsubscribe();
    },
  };
}
