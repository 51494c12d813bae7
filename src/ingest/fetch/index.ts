export { FetchError, FETCH_ERROR_CODES, type FetchErrorCode, type FetchErrorDetails } from "./errors.js";
export { isBlockedAddress } from "./address.js";
export { decodeBody, detectCharset, declaredCharset, parseContentType, type CharsetHints } from "./decode.js";
export {
  fetchUrl,
  FEED_CONTENT_TYPES,
  PAGE_CONTENT_TYPES,
  USER_AGENT,
  type FetchOptions,
  type FetchResult,
  type FetchedBody,
  type NotModified,
  type ResolvedAddress,
  type Resolver,
} from "./fetch-url.js";
