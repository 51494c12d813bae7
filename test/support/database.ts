import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import type { DatabaseConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { adminQuery, withDatabase } from "./global-setup.js";

export type TestDatabaseMode = "embedded" | "postgres";

export function testDatabaseMode(): TestDatabaseMode {
  return process.env.NEWSGRAPH_TEST_DB === "postgres" ? "postgres" : "embedded";
}

export interface TestDatabase extends Database {
  config: DatabaseConfig;
  /** Closes the database and deletes its copy. */
  destroy(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated database of the mode this test project runs in (copied from the template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = await createTestDatabaseConfig();
  const db = await openDatabase(config.config);
  return {
    ...db,
    config: config.config,
    async destroy() {
      await db.close();
      await config.drop();
    },
  };
}

/**
 * A fresh database, not yet opened (for tests that start their own server process): a copy of the
 * migrated template, or with `empty` a database no migration has touched.
 */
export async function createTestDatabaseConfig(
  options: { empty?: boolean } = {},
): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  counter += 1;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-test-"));
  if (testDatabaseMode() === "embedded") {
    if (!options.empty) fs.cpSync(inject("embeddedTemplateDir"), dataDir, { recursive: true });
    return { config: { dataDir }, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `newsgraph_test_${inject("runId")}_${process.pid}_${counter}`;
  const template = options.empty ? "" : ` TEMPLATE "${inject("postgresTemplateDb")}"`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"${template}`);
  return {
    config: { url: withDatabase(serverUrl, name), dataDir },
    drop: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
