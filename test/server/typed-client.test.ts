// A typed client as an integrator would write one: codegen.yml's client preset generates
// TypedDocumentNodes for operations/, a small program using them compiles cleanly with
// `tsc --noEmit` (and its deliberate type errors are caught), then runs three typed operations
// against a real server over HTTP.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { generateClient } from "../support/codegen.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const CLIENT_PROGRAM = `
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { ActorProfileDocument, IngestArticleDocument, WhoAccusedWhomDocument, type ClaimKind } from "./graphql";

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The whole client: a typed document in, its typed result out. */
export async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const json = (await response.json()) as GraphQLResponse<TResult>;
  if (json.errors?.length || !json.data) throw new Error(\`\${response.status}: \${json.errors?.map((error) => error.message).join("; ")}\`);
  return json.data;
}

export interface Findings {
  claimCount: number;
  duplicate: boolean;
  accusations: { speaker: string | null; targets: string[]; title: string }[];
  profile: { name: string; kinds: ClaimKind[]; received: number } | null;
}

export async function runTypedOperations(url: string, apiKey: string, title: string, body: string): Promise<Findings> {
  const ingested = await execute(url, IngestArticleDocument, { input: { title, body } }, { authorization: \`Bearer \${apiKey}\` });
  const claimCount: number = ingested.ingestArticle.claimCount;

  const page = await execute(url, WhoAccusedWhomDocument, { first: 10 });
  const accusations = page.claims.nodes.map((claim) => ({
    speaker: claim.speaker?.name ?? null,
    targets: claim.targets.map((target) => target.name),
    title: claim.article.title,
  }));
  // @ts-expect-error WhoAccusedWhom does not select the article's publishedAt
  void page.claims.nodes[0]?.article.publishedAt;

  const actor = (await execute(url, ActorProfileDocument, { name: "Japan" })).actor;
  // @ts-expect-error variables are typed too: name is a string
  void (() => execute(url, ActorProfileDocument, { name: 42 }));
  const profile = actor ? { name: actor.name, kinds: actor.claimsMade.nodes.map((claim) => claim.kind), received: actor.claimsReceived.totalCount } : null;

  return { claimCount, duplicate: ingested.ingestArticle.duplicate, accusations, profile };
}
`;

let db: TestDatabase;
let server: RunningServer;
let clientDir: string;

beforeAll(async () => {
  clientDir = await generateClient();
  fs.writeFileSync(path.join(clientDir, "client.ts"), CLIENT_PROGRAM);
  fs.writeFileSync(
    path.join(clientDir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        lib: ["ES2023"],
        types: ["node"],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        isolatedModules: true,
        noUnusedLocals: true,
      },
      include: ["*.ts"],
    }),
  );
  db = await createTestDatabase();
  server = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
});

afterAll(async () => {
  await server?.close();
  await db?.destroy();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

describe("the generated typed client", () => {
  it("compiles cleanly with tsc --noEmit, and tsc catches what the documents do not allow", () => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const clean = spawnSync(process.execPath, [tsc, "-p", path.join(clientDir, "tsconfig.json")], { encoding: "utf8" });
    expect(clean.stdout + clean.stderr).toBe("");
    expect(clean.status).toBe(0);

    // The same program without its @ts-expect-error lines does not compile: the types are real.
    const broken = path.join(clientDir, "broken.ts");
    fs.writeFileSync(broken, CLIENT_PROGRAM.replace(/^\s*\/\/ @ts-expect-error.*$/gm, ""));
    try {
      const failing = spawnSync(process.execPath, [tsc, "-p", path.join(clientDir, "tsconfig.json")], { encoding: "utf8" });
      expect(failing.status).not.toBe(0);
      expect(failing.stdout).toContain("broken.ts");
      expect(failing.stdout).toMatch(/Property 'publishedAt' does not exist/);
      expect(failing.stdout).toMatch(/Type 'number' is not assignable to type 'string'/);
    } finally {
      fs.rmSync(broken);
    }
  });

  it("runs three typed operations against the server over HTTP", async () => {
    const editorKey = (await createApiKey(db.prisma, "EDITOR", "typed client")).token;
    const client = (await import(path.join(clientDir, "client.ts"))) as {
      runTypedOperations(url: string, apiKey: string, title: string, body: string): Promise<unknown>;
    };
    const findings = await client.runTypedOperations(server.url, editorKey, "Japan accuses China over fishing boats", "Japan accused China of harassing its fishing boats near the islands.");
    expect(findings).toEqual({
      claimCount: 1,
      duplicate: false,
      accusations: [{ speaker: "Japan", targets: ["China"], title: "Japan accuses China over fishing boats" }],
      profile: { name: "Japan", kinds: ["ACCUSE"], received: 0 },
    });
  });
});
