import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Paths censored wherever they appear in a log record. Nothing logs request bodies, variables or
 * headers on purpose; this is the second line of defence for a record that carries one anyway.
 */
export const REDACTED_PATHS = [
  "authorization",
  "*.authorization",
  "*.*.authorization",
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  "apiKey",
  "*.apiKey",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "password",
  "*.password",
  "body",
  "*.body",
  "variables",
  "*.variables",
  "input",
  "*.input",
];

/** The longest error message a log record keeps: a driver error may quote the values it was sent. */
const MAX_ERROR_MESSAGE = 500;

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, MAX_ERROR_MESSAGE) };
  const message = error.message.length > MAX_ERROR_MESSAGE ? `${error.message.slice(0, MAX_ERROR_MESSAGE)}…` : error.message;
  const stack = error.stack ? error.stack.split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 12).join("\n") : undefined;
  const code = (error as { code?: unknown }).code;
  return { type: error.name, message, ...(typeof code === "string" ? { code } : {}), ...(stack ? { stack } : {}) };
}

export interface LoggerOptions {
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  level?: string;
  /** Where the JSON lines go; standard output by default. */
  destination?: DestinationStream;
}

/** One JSON object per line: time, level, msg and the record's fields. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { service: "newsgraph" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
