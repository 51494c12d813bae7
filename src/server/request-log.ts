import type http from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "./logger.js";
import { currentRequest, type RequestScope } from "./request-id.js";

/** Records the operation name of the current request for its log line, once Apollo has resolved it. */
export const operationNamePlugin: ApolloServerPlugin = {
  async requestDidStart({ request }) {
    const scope = currentRequest();
    if (scope && typeof request.operationName === "string") scope.operationName = request.operationName.slice(0, 100);
    return {
      async didResolveOperation({ operation }) {
        if (scope && operation?.name) scope.operationName = operation.name.value;
      },
    };
  },
};

/** Probes are polled every few seconds; their lines would drown the rest at info level. */
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/**
 * One line per request when its response is finished or the client goes away: request id, method,
 * path (never the query string, which can carry a document or variables), status, duration,
 * operation name and error codes. Headers and bodies are never logged.
 */
export function logRequestWhenDone(logger: Logger, scope: RequestScope, req: http.IncomingMessage, res: http.ServerResponse): void {
  const started = process.hrtime.bigint();
  res.once("close", () => {
    const path = (req.url ?? "/").split("?")[0].slice(0, 200);
    const record = {
      requestId: scope.requestId,
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      operationName: scope.operationName,
      errorCodes: scope.errorCodes,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    if (QUIET_PATHS.has(path)) logger.debug(record, "request");
    else logger.info(record, "request");
  });
}
