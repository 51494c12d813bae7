import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@prisma/client";
import type { DatabaseConfig } from "../config.js";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const migrationsDir = path.join(projectRoot, "prisma", "migrations");

/** Names of the committed migrations, in the order Prisma applies them. */
export function committedMigrations(): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

/** Committed migrations that the database has not finished applying. */
export async function pendingMigrations(prisma: PrismaClient): Promise<string[]> {
  const [{ exists }] = await prisma.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
  const committed = committedMigrations();
  if (!exists) return committed;
  const applied = await prisma.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const done = new Set(applied.map((row) => row.migration_name));
  return committed.filter((name) => !done.has(name));
}

export class MigrationError extends Error {
  constructor(message: string, readonly output: string) {
    super(message);
    this.name = "MigrationError";
  }
}

/**
 * Runs `prisma migrate deploy` (engine "js", through prisma.config.ts) against the configured
 * database. In embedded mode the caller must have closed its own PGlite handle first: a PGlite data
 * directory belongs to one process at a time.
 */
export async function runMigrateDeploy(config: DatabaseConfig): Promise<void> {
  const require = createRequire(import.meta.url);
  const cli = require.resolve("prisma/build/index.js");
  const preload = path.join(projectRoot, "scripts", "prisma-cli-preload.cjs");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEWSGRAPH_DATA_DIR: config.dataDir,
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(preload)}`.trim(),
  };
  if (config.url) env.DATABASE_URL = config.url;
  else delete env.DATABASE_URL;

  const output = await new Promise<{ code: number | null; text: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd: projectRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (chunk) => (text += chunk));
    child.stderr.on("data", (chunk) => (text += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, text }));
  });
  if (output.code !== 0) {
    throw new MigrationError(`prisma migrate deploy failed (exit ${output.code})`, output.text);
  }
}
