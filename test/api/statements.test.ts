// Nested relations are batched per request: the who-accused-whom query costs the same number of
// SQL statements for 10 claims as for 100.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run } from "../support/graphql.js";

const COUNTRIES = ["France", "Germany", "Italy", "Spain", "Poland", "Austria", "Greece", "Portugal", "Hungary", "Romania", "Bulgaria", "Croatia"];
const WHO_ACCUSED_WHOM = /* GraphQL */ `
  query ($first: Int!) {
    claims(filter: { kind: ACCUSE }, first: $first) {
      totalCount
      nodes { speaker { name } targets { name } quote content article { title } respondsTo { id } }
    }
  }
`;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  // 24 articles x 5 accusations: every speaker/target pair from a fixed list, no two texts alike.
  let pair = 0;
  for (let a = 0; a < 24; a += 1) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s += 1, pair += 1) {
      const speaker = COUNTRIES[pair % COUNTRIES.length];
      const target = COUNTRIES[(pair * 7 + 3) % COUNTRIES.length === pair % COUNTRIES.length ? (pair + 1) % COUNTRIES.length : (pair * 7 + 3) % COUNTRIES.length];
      sentences.push(`${speaker} accused ${target} of breaking trade rule ${pair}.`);
    }
    const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, {
      input: { title: `Trade dispute digest ${a}`, body: sentences.join(" ") },
    });
    expect(result.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await db?.destroy();
});

async function statementsFor(first: number): Promise<{ statements: number; claims: number }> {
  db.statements.total = 0;
  const result = await run(db, WHO_ACCUSED_WHOM, { first });
  expect(result.errors).toBeUndefined();
  return { statements: db.statements.total, claims: result.data.claims.nodes.length };
}

describe("SQL statements per operation", () => {
  it("do not grow with the number of claims returned", async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten.claims).toBe(10);
    expect(hundred.claims).toBe(100);
    // One statement for the page, one for totalCount, one per relation (speakers and targets
    // share the actor loader, which may need a second round for targets not seen as speakers).
    expect(ten.statements).toBeLessThanOrEqual(6);
    expect(hundred.statements).toBeLessThanOrEqual(ten.statements);
    console.log(`who-accused-whom: ${ten.statements} SQL statements for 10 claims, ${hundred.statements} for 100`);
  });
});
