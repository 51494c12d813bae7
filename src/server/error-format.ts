import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { databaseUnavailable } from "../db/unavailable.js";
import { ErrorCode } from "../graphql/errors.js";
import type { Logger } from "./logger.js";
import { currentRequest } from "./request-id.js";

export const INTERNAL_ERROR_MESSAGE = "Internal server error";

/**
 * Apollo's formatError. Typed errors keep their code and message (never a stack trace); anything
 * unexpected is masked as INTERNAL_SERVER_ERROR with the request id, and the real error goes to
 * the log under the same id, so that a client's report can be matched with its cause.
 */
export function errorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const scope = currentRequest();
    const code = formatted.extensions?.code;
    if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      scope?.errorCodes.push(code);
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    const original = unwrapResolverError(error);
    if (databaseUnavailable(original)) {
      scope?.errorCodes.push("DATABASE_UNAVAILABLE");
      return {
        message: "The database is unavailable; try again shortly",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: "DATABASE_UNAVAILABLE", ...(scope ? { requestId: scope.requestId } : {}) },
      };
    }
    scope?.errorCodes.push(ErrorCode.INTERNAL_SERVER_ERROR);
    logger.error({ requestId: scope?.requestId, path: formatted.path, err: original }, "internal error");
    return {
      message: INTERNAL_ERROR_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(scope ? { requestId: scope.requestId } : {}) },
    };
  };
}
