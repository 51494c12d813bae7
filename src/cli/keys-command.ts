import type { ApiKeyRole } from "@prisma/client";
import { loadDatabaseConfig } from "../config.js";
import { createApiKey, revokeApiKey } from "../db/api-key.repository.js";
import { openDatabase } from "../db/client.js";

const USAGE = `usage:
  newsgraph keys create --role reader|editor|admin [--name NAME]   print a new key (shown once)
  newsgraph keys list                                              list keys (never the tokens)
  newsgraph keys revoke <id>                                       revoke a key

Roles: reader may query; editor may also ingest and curate; admin may also manage sources and keys.
In embedded mode stop the server first: one process at a time owns the PGlite data directory.`;

const ROLES: Record<string, ApiKeyRole> = { reader: "READER", editor: "EDITOR", admin: "ADMIN" };

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** `newsgraph keys …`: API keys are hashed at rest, so a token is printed once, at creation. */
export async function keysCommand(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (!action || action === "--help" || action === "-h") {
    console.log(USAGE);
    return action ? 0 : 2;
  }
  if (action === "create") {
    const role = ROLES[(option(rest, "--role") ?? "").toLowerCase()];
    if (!role) {
      console.error(`keys create needs --role reader, editor or admin\n\n${USAGE}`);
      return 2;
    }
    const db = await openDatabase(loadDatabaseConfig());
    try {
      const { key, token } = await createApiKey(db.prisma, role, option(rest, "--name") ?? `${role.toLowerCase()} key`);
      console.error(`created ${key.role} key ${key.id} (${key.name}); the token below is shown only now:`);
      console.log(token);
      return 0;
    } finally {
      await db.close();
    }
  }
  if (action === "list") {
    const db = await openDatabase(loadDatabaseConfig());
    try {
      const keys = await db.prisma.apiKey.findMany({ orderBy: { id: "asc" } });
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? "never"}`;
        console.log(`${key.id}\t${key.role}\t${key.prefix}…\t${key.name}\t${state}`);
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  if (action === "revoke") {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1) {
      console.error(`keys revoke needs a key id\n\n${USAGE}`);
      return 2;
    }
    const db = await openDatabase(loadDatabaseConfig());
    try {
      if (!(await revokeApiKey(db.prisma, id))) {
        console.error(`no active key has id ${id}`);
        return 1;
      }
      console.log(`revoked key ${id}`);
      return 0;
    } finally {
      await db.close();
    }
  }
  console.error(`unknown keys action "${action}"\n\n${USAGE}`);
  return 2;
}
