export { parseFeed } from "./parse-feed.js";
export { FeedParseError } from "./errors.js";
export { parseFeedDate, type FeedDate } from "./dates.js";
export { htmlToText } from "./text.js";
export type { FeedFormat, FeedItem, ParsedFeed, ParseFeedOptions } from "./types.js";
