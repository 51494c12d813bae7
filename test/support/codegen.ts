import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, loadCodegenConfig } from "@graphql-codegen/cli";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Runs GraphQL Code Generator with codegen.yml's own settings, but into a fresh directory under
 * generated/ (inside the project, so that the generated code resolves its packages), and returns
 * that directory. The caller removes it.
 */
export async function generateClient(): Promise<string> {
  const { config } = await loadCodegenConfig({ configFilePath: path.join(ROOT, "codegen.yml") });
  const [target] = Object.values(config.generates);
  fs.mkdirSync(path.join(ROOT, "generated"), { recursive: true });
  const out = fs.mkdtempSync(path.join(ROOT, "generated", "test-client-"));
  await generate(
    {
      ...config,
      cwd: ROOT,
      schema: path.join(ROOT, "schema.graphql"),
      documents: path.join(ROOT, "operations/*.graphql"),
      generates: { [`${out}/`]: target },
      silent: true,
    },
    true,
  );
  return out;
}
