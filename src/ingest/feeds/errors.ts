/** The document is not a feed that can be read: malformed or truncated XML/JSON, unknown format. */
export class FeedParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FeedParseError";
  }
}
