// Actors resolve across articles through the alias table: one actor, one row; what a later
// article adds (a role) fills in; people who only share a surname stay apart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run } from "../support/graphql.js";

let db: TestDatabase;

const ARTICLES = [
  { title: "Border warning", body: "Amina Odhiambo warned Tanzania that Kenya would close the border." },
  { title: "Trade talks", body: "Kenyan Foreign Minister Amina Odhiambo accused Tanzania of blocking trade talks on Monday." },
  { title: "Corruption row", body: "Kenyan opposition leader Peter Odhiambo accused the government of corruption." },
];

beforeAll(async () => {
  db = await createTestDatabase();
  for (const input of ARTICLES) {
    const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { claimCount } }`, { input });
    expect(result.errors).toBeUndefined();
  }
});

afterAll(async () => {
  await db?.destroy();
});

const PROFILE = `query ($name: String!) {
  actor(name: $name) { id name kind role countryCode aliases claimsMade { totalCount } mentions { totalCount } }
}`;

describe("actor resolution across articles", () => {
  it("gives a person mentioned in two articles one row, with the role a later article supplied", async () => {
    const result = await run(db, PROFILE, { name: "Amina Odhiambo" });
    expect(result.errors).toBeUndefined();
    const amina = result.data.actor;
    expect(amina).toMatchObject({ name: "Amina Odhiambo", kind: "PERSON", role: "Foreign Minister of Kenya", countryCode: "KEN" });
    expect(amina.claimsMade.totalCount).toBe(2);
    expect(amina.mentions.totalCount).toBeGreaterThanOrEqual(2);
    expect(amina.aliases).toContain("Kenyan Foreign Minister Amina Odhiambo");

    const titled = await run(db, PROFILE, { name: "Kenyan Foreign Minister Amina Odhiambo" });
    expect(titled.data.actor.id).toBe(amina.id);
  });

  it("keeps people who share only a surname apart", async () => {
    const peter = await run(db, PROFILE, { name: "Peter Odhiambo" });
    const amina = await run(db, PROFILE, { name: "Amina Odhiambo" });
    expect(peter.data.actor.name).toBe("Peter Odhiambo");
    expect(peter.data.actor.id).not.toBe(amina.data.actor.id);
  });

  it("stores each country once, however it was named", async () => {
    const result = await run(db, `{ actors(kind: COUNTRY, first: 100) { totalCount nodes { name countryCode } } }`);
    expect(result.errors).toBeUndefined();
    const codes = result.data.actors.nodes.map((actor: any) => actor.countryCode);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual(expect.arrayContaining(["KEN", "TZA"]));
    const tanzania = await run(db, `{ actor(name: "Tanzania") { claimsReceived { totalCount } } }`);
    expect(tanzania.data.actor.claimsReceived.totalCount).toBe(2);
  });
});
