import { Prisma } from "@prisma/client";

/**
 * Whether a write failed on a unique constraint, and which. @prisma/adapter-pg reports it as
 * Prisma's P2002; pglite-prisma-adapter passes PostgreSQL's own error (SQLSTATE 23505) through.
 * Returns the constraint's columns or name, or null for any other error.
 */
export function uniqueViolation(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const meta = error.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: unknown } } } | undefined;
    // @prisma/adapter-pg describes the constraint as { fields: ['"feedUrl"'] } or { index: "…" }.
    const constraint = meta?.driverAdapterError?.cause?.constraint as { fields?: unknown; index?: unknown } | string | undefined;
    const described =
      typeof constraint === "object" && constraint !== null
        ? Array.isArray(constraint.fields)
          ? constraint.fields.map((field) => String(field).replace(/"/g, "")).join(",")
          : constraint.index !== undefined
            ? String(constraint.index)
            : undefined
        : constraint;
    return String(meta?.target ?? described ?? "unique");
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (error instanceof Error && error.name === "DriverAdapterError" && cause?.code === "23505") {
    return /constraint "([^"]+)"/.exec(String(cause.message))?.[1] ?? "unique";
  }
  return null;
}
