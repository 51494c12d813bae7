import { PrismaClient } from "@prisma/client";
import type { DatabaseConfig } from "../config.js";
import { openAdapter, type OpenedAdapter } from "./adapter.js";
import { pendingMigrations, runMigrateDeploy } from "./migrate.js";

/** Counts SQL statements sent to the database; the API's N+1 tests and benchmarks read it. */
export class StatementCounter {
  total = 0;
  readonly recent: string[] = [];
  record(sql: string): void {
    this.total += 1;
    this.recent.push(sql);
    if (this.recent.length > 200) this.recent.shift();
  }
}

export interface Database {
  prisma: PrismaClient;
  mode: "embedded" | "postgres";
  /** The PostgreSQL URL (PostgreSQL mode only), for connections outside Prisma's pool such as LISTEN. */
  url?: string;
  /** Migrations that this open applied (empty when the schema was already current). */
  migrationsApplied: string[];
  statements: StatementCounter;
  close(): Promise<void>;
}

function connect(opened: OpenedAdapter, statements: StatementCounter): PrismaClient {
  const prisma = new PrismaClient({ adapter: opened.factory, log: [{ emit: "event", level: "query" }] });
  prisma.$on("query", (event) => statements.record(event.query));
  return prisma;
}

/**
 * Opens the configured database and brings its schema up to date with `prisma migrate deploy`.
 * The cheap in-process check comes first so that a normal start does not pay for the CLI.
 */
export async function openDatabase(config: DatabaseConfig, options: { migrate?: boolean } = {}): Promise<Database> {
  const statements = new StatementCounter();
  let opened = await openAdapter(config);
  let prisma = connect(opened, statements);
  let applied: string[] = [];
  if (options.migrate !== false) {
    const pending = await pendingMigrations(prisma);
    if (pending.length > 0) {
      await prisma.$disconnect();
      await opened.close();
      await runMigrateDeploy(config);
      opened = await openAdapter(config);
      prisma = connect(opened, statements);
      const still = await pendingMigrations(prisma);
      if (still.length > 0) throw new Error(`migrations still pending after migrate deploy: ${still.join(", ")}`);
      applied = pending;
    }
  }
  statements.total = 0;
  statements.recent.length = 0;
  const finalPrisma = prisma;
  const finalOpened = opened;
  return {
    prisma: finalPrisma,
    mode: finalOpened.mode,
    url: config.url,
    migrationsApplied: applied,
    statements,
    async close() {
      await finalPrisma.$disconnect();
      await finalOpened.close();
    },
  };
}
