// Prisma CLI configuration. `engine: "js"` runs migrations through the same driver adapters as the
// app (PGlite or node-postgres), so no native schema-engine binary is ever downloaded.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { loadDatabaseConfig } from "./src/config.js";
import { openMigrationAdapter } from "./src/db/adapter.js";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: () => openMigrationAdapter(loadDatabaseConfig()),
});
