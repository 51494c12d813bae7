import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** What the request log line says about one HTTP request; filled in as the request goes along. */
export interface RequestScope {
  requestId: string;
  operationName: string | null;
  /** `extensions.code` of every error the response carries, in order. */
  errorCodes: string[];
}

/** The current request, for code Apollo calls without a context (formatError). */
export const requestScope = new AsyncLocalStorage<RequestScope>();

/**
 * An incoming `x-request-id` is kept when it is short and made of safe characters (it ends up in
 * logs and headers); anything else is replaced by a fresh UUID.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

export function currentRequest(): RequestScope | undefined {
  return requestScope.getStore();
}
