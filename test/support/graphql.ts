import { graphql, type ExecutionResult } from "graphql";
import { createContext } from "../../src/graphql/context.js";
import { getSchema } from "../../src/graphql/schema.js";
import type { Database } from "../../src/db/client.js";

export const TEST_SETTINGS = { maxBodyBytes: 1_000_000 };

/** Runs an operation in-process, as graphql-js's own tests do; assert on data and errors together. */
export async function run<TData = any>(
  db: Database,
  source: string,
  variableValues?: Record<string, unknown>,
  settings = TEST_SETTINGS,
): Promise<ExecutionResult<TData>> {
  return (await graphql({
    schema: getSchema(),
    source,
    variableValues,
    contextValue: createContext(db, settings),
  })) as ExecutionResult<TData>;
}

export function errorCodes(result: ExecutionResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}
