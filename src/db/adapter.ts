import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DatabaseConfig } from "../config.js";

/** A driver-adapter factory plus whatever must be closed when we are done with it. */
export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  mode: "embedded" | "postgres";
  /** The embedded database itself, for raw access in embedded mode. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export async function openPGlite(dataDir: string): Promise<PGlite> {
  fs.mkdirSync(dataDir, { recursive: true });
  // pg_trgm ships with PGlite, so fuzzy name search works the same in both modes.
  return PGlite.create(dataDir, { extensions: { pg_trgm } });
}

/**
 * Both modes speak PostgreSQL through a Prisma driver adapter, so Prisma needs no native engine:
 * PGlite (WASM PostgreSQL in this process) when no URL is configured, node-postgres otherwise.
 */
export async function openAdapter(
  config: DatabaseConfig,
  pool: { max?: number; allowExitOnIdle?: boolean } = {},
): Promise<OpenedAdapter> {
  if (config.url) {
    const factory = new PrismaPg({ connectionString: config.url, max: pool.max ?? 10, allowExitOnIdle: pool.allowExitOnIdle });
    return { factory, mode: "postgres", close: async () => {} };
  }
  const pglite = await openPGlite(config.dataDir);
  return {
    // The adapter bundles its own copy of driver-adapter-utils' types; the runtime contract is the same.
    factory: new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory,
    mode: "embedded",
    pglite,
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * The adapter `prisma migrate deploy` uses (through prisma.config.ts). It works around two
 * adapter bugs that only the schema engine hits:
 * - @prisma/adapter-pg 6.19 cannot map PostgreSQL's `name` type (OID 19), which the schema engine's
 *   catalog queries return; we report it as text, which is what it is.
 * - pglite-prisma-adapter 0.6 does not await `executeScript`, so a failing migration would be
 *   recorded as applied; we await it so the error reaches `migrate deploy`.
 */
export async function openMigrationAdapter(config: DatabaseConfig): Promise<SqlMigrationAwareDriverAdapterFactory> {
  // allowExitOnIdle: the CLI never closes the pool, and idle clients would keep it alive for 10 s.
  const opened = await openAdapter(config, { max: 2, allowExitOnIdle: true });
  const fix = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    if (opened.pglite) {
      const pglite = opened.pglite;
      adapter.executeScript = async (script: string) => {
        await pglite.exec(script);
      };
    } else {
      patchPgNameType(adapter);
    }
    return adapter;
  };
  const inner = opened.factory;
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => fix(await inner.connect()),
    connectToShadowDb: async () => fix(await inner.connectToShadowDb()),
  };
}

const PG_NAME_OID = 19;
const PG_TEXT_OID = 25;
let pgNameTypePatched = false;

function patchPgNameType(adapter: SqlDriverAdapter): void {
  if (pgNameTypePatched) return;
  // performIO lives on the shared PgQueryable prototype, used by the adapter and its transactions.
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) return;
  const performIO = proto.performIO;
  proto.performIO = async function patchedPerformIO(this: unknown, ...args: unknown[]) {
    const result = await performIO.apply(this, args);
    for (const field of result.fields ?? []) if (field.dataTypeID === PG_NAME_OID) field.dataTypeID = PG_TEXT_OID;
    return result;
  };
  pgNameTypePatched = true;
}
