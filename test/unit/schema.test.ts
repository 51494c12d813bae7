// schema.graphql is what integrators generate clients from: it must match the code, and
// codegen must turn the example operations into typed documents from it, offline.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { printSchemaSDL } from "../../src/graphql/schema.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const committed = fs.readFileSync(path.join(root, "schema.graphql"), "utf8");

describe("schema.graphql", () => {
  it("is up to date with the code (run `npm run schema` after changing types)", () => {
    expect(committed).toBe(printSchemaSDL());
  });

  it("describes every type, field and argument", () => {
    const schema = buildSchema(committed);
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("validates every example operation", () => {
    const schema = buildSchema(committed);
    const dir = path.join(root, "operations");
    const files = fs.readdirSync(dir).filter((file) => file.endsWith(".graphql"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      expect(validate(schema, parse(fs.readFileSync(path.join(dir, file), "utf8"))), file).toEqual([]);
    }
  });

  it("generates typed documents for the example operations with codegen.yml's settings", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-codegen-"));
    try {
      const files = await generate(
        {
          cwd: root,
          schema: path.join(root, "schema.graphql"),
          documents: path.join(root, "operations/*.graphql"),
          generates: { [`${out}/`]: { preset: "client", config: { useTypeImports: true, enumsAsTypes: true } } },
          silent: true,
        },
        true,
      );
      const graphqlTs = fs.readFileSync(path.join(out, "graphql.ts"), "utf8");
      expect(graphqlTs).toContain("export type WhoAccusedWhomQuery");
      expect(graphqlTs).toContain("export const WhoAccusedWhomDocument");
      expect(graphqlTs).toMatch(/ClaimKind =\s*\n?\s*\| 'Accuse'|ClaimKind =[^;]*'ACCUSE'/);
      expect(files.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
