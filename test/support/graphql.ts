import { graphql, type ExecutionResult } from "graphql";
import { createContext, type Viewer } from "../../src/graphql/context.js";
import { getSchema } from "../../src/graphql/schema.js";
import type { Database } from "../../src/db/client.js";

export const TEST_SETTINGS = { maxBodyBytes: 1_000_000 };

/** In-process operations run as an admin unless a test says otherwise; auth has its own tests over HTTP. */
export const ADMIN: Viewer = { keyId: 0, role: "ADMIN" };

/** Runs an operation in-process, as graphql-js's own tests do; assert on data and errors together. */
export async function run<TData = any>(
  db: Database,
  source: string,
  variableValues?: Record<string, unknown>,
  settings = TEST_SETTINGS,
  viewer: Viewer | null = ADMIN,
): Promise<ExecutionResult<TData>> {
  return (await graphql({
    schema: getSchema(),
    source,
    variableValues,
    contextValue: createContext(db, settings, viewer),
  })) as ExecutionResult<TData>;
}

export function errorCodes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
