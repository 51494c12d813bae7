// Migrates one template database per mode with the real `prisma migrate deploy`; each test file
// then gets its own copy, so files run in parallel without seeing each other's rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    embeddedTemplateDir: string;
    postgresTemplateDb: string | null;
    runId: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.href;
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const embeddedTemplateDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-template-"));
  const embedded = await openDatabase({ dataDir: embeddedTemplateDir });
  await embedded.close();

  let postgresTemplateDb: string | null = null;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    postgresTemplateDb = `newsgraph_test_${runId}_template`;
    await adminQuery(serverUrl, `CREATE DATABASE "${postgresTemplateDb}"`);
    const postgres = await openDatabase({ url: withDatabase(serverUrl, postgresTemplateDb), dataDir: embeddedTemplateDir });
    await postgres.close();
  }

  project.provide("embeddedTemplateDir", embeddedTemplateDir);
  project.provide("postgresTemplateDb", postgresTemplateDb);
  project.provide("runId", runId);

  return async () => {
    fs.rmSync(embeddedTemplateDir, { recursive: true, force: true });
    if (serverUrl) {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ datname: string }>(
          `SELECT datname FROM pg_database WHERE datname LIKE $1`,
          [`newsgraph_test_${runId}_%`],
        );
        for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    }
  };
}
