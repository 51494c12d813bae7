/** Every way {@link fetchUrl} can fail. The set is closed: nothing else is ever thrown. */
export const FETCH_ERROR_CODES = [
  "BLOCKED_ADDRESS",
  "BAD_URL",
  "TIMEOUT",
  "TOO_LARGE",
  "TOO_MANY_REDIRECTS",
  "BAD_CONTENT_TYPE",
  "HTTP_ERROR",
  "TLS_ERROR",
  "NETWORK_ERROR",
  "DECODE_ERROR",
] as const;

export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/** Errors get logged: never with a password from the URL's userinfo. */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url;
  }
}

export interface FetchErrorDetails {
  /** The URL being fetched when the error happened (the redirect hop, not always the first URL), without credentials. */
  url?: string;
  /** HTTP status, for HTTP_ERROR. */
  status?: number;
  cause?: unknown;
}

/** A fetch failed; `code` says why. */
export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string | undefined;
  readonly status: number | undefined;

  constructor(code: FetchErrorCode, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "FetchError";
    this.code = code;
    this.url = details.url === undefined ? undefined : withoutCredentials(details.url);
    this.status = details.status;
  }
}
