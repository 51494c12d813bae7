// Curation over HTTP with real API keys: the key that reviews a claim is recorded as its reviewer,
// and a missing or reader key is refused before anything changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { startHttpServer, type RunningServer } from "../../src/server/http.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run, TEST_SETTINGS } from "../support/graphql.js";

let db: TestDatabase;
let server: RunningServer;
const keys: Record<string, string> = {};

async function post(query: string, variables: Record<string, unknown>, key?: string) {
  const response = await fetch(server.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const REVIEW = `mutation ($input: ReviewClaimInput!) { reviewClaim(input: $input) { claim { review { verdict note reviewer } } } }`;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const role of ["READER", "EDITOR"] as const) keys[role] = (await createApiKey(db.prisma, role, `${role.toLowerCase()} on the desk`)).token;
  const ingested = await run(db, `mutation { ingestArticle(input: { title: "Border", body: "Chile accused Peru of moving the border markers." }) { claimCount } }`);
  expect(ingested.errors).toBeUndefined();
  server = await startHttpServer({ db, settings: TEST_SETTINGS }, 0);
});

afterAll(async () => {
  await server?.close();
  await db?.destroy();
});

describe("curation over HTTP", () => {
  it("records the reviewing key, and refuses anonymous and reader keys without a change", async () => {
    const claim = await db.prisma.claim.findFirstOrThrow();
    const input = { id: Buffer.from(`Claim:${claim.id}`).toString("base64url"), verdict: "CONFIRMED", note: "checked against the wire" };

    const anonymous = await post(REVIEW, { input });
    expect(anonymous.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    const asReader = await post(REVIEW, { input }, keys.READER);
    expect(asReader.json.errors[0].extensions.code).toBe("FORBIDDEN");
    expect(await db.prisma.claimReview.count()).toBe(0);

    const reviewed = await post(REVIEW, { input }, keys.EDITOR);
    expect(reviewed.json).toEqual({
      data: { reviewClaim: { claim: { review: { verdict: "CONFIRMED", note: "checked against the wire", reviewer: "editor on the desk" } } } },
    });
  });

  it("answers an invalid verdict with a typed validation error", async () => {
    const claim = await db.prisma.claim.findFirstOrThrow();
    const refused = await post(REVIEW, { input: { id: Buffer.from(`Claim:${claim.id}`).toString("base64url"), verdict: "MAYBE" } }, keys.EDITOR);
    expect(refused.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect((await db.prisma.claimReview.findFirstOrThrow()).verdict).toBe("CONFIRMED");
  });
});
