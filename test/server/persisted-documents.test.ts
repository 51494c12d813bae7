// Persisted documents over HTTP: the manifest codegen.yml's client preset writes, loaded by the
// server. In `only` mode nothing else runs (typed 400s, nothing stored); in `accept` mode ids
// resolve and ordinary documents still work.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { loadPersistedDocuments } from "../../src/server/persisted-documents.js";
import { generateClient } from "../support/codegen.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let onlyServer: RunningServer;
let acceptServer: RunningServer;
let clientDir: string;
let editorKey: string;
/** Operation name → "sha256:<hex>", from the generated documents' __meta__.hash. */
const ids: Record<string, string> = {};

async function post(server: RunningServer, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const ARTICLE = { title: "Japan accuses China over fishing boats", body: "Japan accused China of harassing its fishing boats near the islands." };

beforeAll(async () => {
  clientDir = await generateClient();
  const generated = await import(path.join(clientDir, "graphql.ts"));
  for (const name of ["WhoAccusedWhom", "IngestArticle", "ActorProfile"]) ids[name] = generated[`${name}Document`].__meta__.hash;
  const manifest = path.join(clientDir, "persisted-documents.json");
  expect(Object.keys(JSON.parse(fs.readFileSync(manifest, "utf8")))).toEqual(expect.arrayContaining(Object.values(ids)));

  db = await createTestDatabase();
  editorKey = (await createApiKey(db.prisma, "EDITOR", "persisted documents")).token;
  onlyServer = await startHttpServer({ db, settings: TEST_SETTINGS, persistedDocuments: loadPersistedDocuments("only", manifest) }, 0);
  acceptServer = await startHttpServer({ db, settings: TEST_SETTINGS, persistedDocuments: loadPersistedDocuments("accept", manifest) }, 0);
});

afterAll(async () => {
  await onlyServer?.close();
  await acceptServer?.close();
  await db?.destroy();
  if (clientDir) fs.rmSync(clientDir, { recursive: true, force: true });
});

describe("persisted documents, allow-list mode (only)", () => {
  it("runs a mutation and a query sent by documentId", async () => {
    expect(ids.IngestArticle).toMatch(/^sha256:[0-9a-f]{64}$/);
    const ingest = await post(onlyServer, { documentId: ids.IngestArticle, variables: { input: ARTICLE } }, { authorization: `Bearer ${editorKey}` });
    expect(ingest.status).toBe(200);
    expect(ingest.json.errors).toBeUndefined();
    expect(ingest.json.data.ingestArticle).toMatchObject({ duplicate: false, claimCount: 1 });

    const page = await post(onlyServer, { documentId: ids.WhoAccusedWhom, variables: { first: 5 } });
    expect(page.status).toBe(200);
    expect(page.json.errors).toBeUndefined();
    expect(page.json.data.claims.nodes.map((claim: any) => [claim.speaker.name, claim.targets[0].name])).toEqual([["Japan", "China"]]);
  });

  it("accepts Apollo's extensions.persistedQuery.sha256Hash, over POST and GET", async () => {
    const hash = ids.ActorProfile.slice("sha256:".length);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const viaPost = await post(onlyServer, { extensions, variables: { name: "Japan" } });
    expect(viaPost.status).toBe(200);
    expect(viaPost.json).toMatchObject({ data: { actor: { name: "Japan", claimsMade: { totalCount: 1 } } } });
    expect(viaPost.json.errors).toBeUndefined();

    const search = new URLSearchParams({ extensions: JSON.stringify(extensions), variables: JSON.stringify({ name: "China" }) });
    const viaGet = await fetch(`${onlyServer.url}?${search}`, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(viaGet.status).toBe(200);
    expect(await viaGet.json()).toMatchObject({ data: { actor: { name: "China", claimsReceived: { totalCount: 1 } } } });

    const byDocumentId = await fetch(
      `${onlyServer.url}?${new URLSearchParams({ documentId: ids.ActorProfile, variables: JSON.stringify({ name: "Japan" }) })}`,
      { headers: { accept: "application/json", "apollo-require-preflight": "1" } },
    );
    expect(byDocumentId.status).toBe(200);
    expect(((await byDocumentId.json()) as any).data.actor.name).toBe("Japan");
  });

  it("refuses any other document with PERSISTED_DOCUMENT_REQUIRED (400) and runs nothing", async () => {
    const before = await db.prisma.article.count();
    const adHoc = await post(
      onlyServer,
      { query: "mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate } }", variables: { input: { title: "Ad hoc", body: "Italy accused France of lying." } } },
      { authorization: `Bearer ${editorKey}` },
    );
    expect(adHoc.status).toBe(400);
    expect(adHoc.json.data).toBeUndefined();
    expect(adHoc.json.errors).toEqual([{ message: expect.stringContaining("only persisted documents"), extensions: { code: "PERSISTED_DOCUMENT_REQUIRED" } }]);
    expect(await db.prisma.article.count()).toBe(before);

    const get = await fetch(`${onlyServer.url}?query=${encodeURIComponent("{ articles { totalCount } }")}`, { headers: { accept: "application/json", "apollo-require-preflight": "1" } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
  });

  it("answers an unknown or malformed id with PERSISTED_QUERY_NOT_FOUND (400)", async () => {
    for (const documentId of [`sha256:${"0".repeat(64)}`, "not-a-hash", "sha1:abc"]) {
      const unknown = await post(onlyServer, { documentId });
      expect(unknown.status).toBe(400);
      expect(unknown.json.data).toBeUndefined();
      expect(unknown.json.errors).toEqual([{ message: expect.stringContaining("no persisted document"), extensions: { code: "PERSISTED_QUERY_NOT_FOUND" } }]);
    }
    const apollo = await post(onlyServer, { extensions: { persistedQuery: { version: 1, sha256Hash: "f".repeat(64) } } });
    expect(apollo.status).toBe(400);
    expect(apollo.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("resolves ids inside a batch too, and refuses the batch when one member is not persisted", async () => {
    const batchServer = await startHttpServer(
      { db, settings: TEST_SETTINGS, maxBatch: 5, persistedDocuments: loadPersistedDocuments("only", path.join(clientDir, "persisted-documents.json")) },
      0,
    );
    try {
      const ok = await post(batchServer, [{ documentId: ids.WhoAccusedWhom }, { documentId: ids.ActorProfile, variables: { name: "Japan" } }]);
      expect(ok.status).toBe(200);
      expect(ok.json.map((result: any) => Object.keys(result.data))).toEqual([["claims"], ["actor"]]);
      const mixed = await post(batchServer, [{ documentId: ids.WhoAccusedWhom }, { query: "{ articles { totalCount } }" }]);
      expect(mixed.status).toBe(400);
      expect(mixed.json.errors[0].extensions.code).toBe("PERSISTED_DOCUMENT_REQUIRED");
    } finally {
      await batchServer.close();
    }
  });
});

describe("persisted documents, accept mode", () => {
  it("resolves ids and still runs other documents", async () => {
    const byId = await post(acceptServer, { documentId: ids.WhoAccusedWhom, variables: { first: 1 } });
    expect(byId.json.errors).toBeUndefined();
    expect(byId.json.data.claims.totalCount).toBe(1);
    const adHoc = await post(acceptServer, { query: "{ articles { totalCount } }" });
    expect(adHoc.json).toEqual({ data: { articles: { totalCount: 1 } } });
    const unknown = await post(acceptServer, { documentId: `sha256:${"1".repeat(64)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });

  it("runs the text of an Apollo automatic persisted query but never registers its hash", async () => {
    const query = "{ articles { totalCount } }";
    const { createHash } = await import("node:crypto");
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") } };
    const withText = await post(acceptServer, { query, extensions });
    expect(withText.json).toEqual({ data: { articles: { totalCount: 1 } } });
    const hashOnly = await post(acceptServer, { extensions });
    expect(hashOnly.status).toBe(400);
    expect(hashOnly.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    // In allow-list mode the text does not help.
    const onlyWithText = await post(onlyServer, { query, extensions });
    expect(onlyWithText.status).toBe(400);
    expect(onlyWithText.json.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
  });
});

describe("the manifest", () => {
  it("refuses to start on a missing or malformed manifest", () => {
    expect(() => loadPersistedDocuments("only", path.join(clientDir, "nowhere.json"))).toThrow(/npm run codegen/);
    const bad = path.join(clientDir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ "md5:1234": "{ articles { totalCount } }" }));
    expect(() => loadPersistedDocuments("only", bad)).toThrow(/sha256/);
  });
});
