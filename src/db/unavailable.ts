/** SQLSTATE classes and codes that mean "the server is not there", not "the query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// Prisma's own codes for "can't reach", "timed out", "connection closed", "pool timeout".
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1017", "P2024"]);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|Connection terminated|connection (?:is )?(?:closed|terminated|refused)|terminating connection|the database system is (?:shutting down|starting up)|Can't reach database server|Client has encountered a connection error|server closed the connection|DatabaseNotReachable|ConnectionClosed|SocketTimeout/i;

/**
 * Whether an error (from Prisma, a driver adapter or pg, however deeply wrapped) means the
 * database cannot be reached right now, so the client should hear "database unavailable" and
 * retry, not "internal error".
 */
export function databaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    const code = typeof record.code === "string" ? record.code : undefined;
    const kind = typeof record.kind === "string" ? record.kind : undefined;
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || UNAVAILABLE_PRISMA.has(code) || code.startsWith("08"))) return true;
    if (kind && /DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections/.test(kind)) return true;
    if (typeof record.message === "string" && UNAVAILABLE_MESSAGE.test(record.message)) return true;
    queue.push(record.cause, record.originalError, (record.meta as Record<string, unknown> | undefined)?.driverAdapterError);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
  return false;
}
