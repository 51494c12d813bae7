// The reference article through the public surface: ingested with the mutation, then asked who
// accused whom, who rejected what, and which events and actors it holds, against the gold file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeAlias } from "../../src/db/actor.repository.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { referenceArticle, referenceGold } from "../support/fixtures.js";
import { run } from "../support/graphql.js";

const gold = referenceGold();
const goldActor = new Map(gold.actors.map((actor) => [actor.name, actor]));

/** A stored actor name denotes a gold actor when it is its canonical name or one of its aliases. */
function denotes(storedName: string | null | undefined, goldName: string): boolean {
  if (!storedName) return false;
  const forms = [goldName, ...(goldActor.get(goldName)?.aliases ?? [])].map(normalizeAlias);
  return forms.includes(normalizeAlias(storedName));
}

const INGEST = /* GraphQL */ `
  mutation ($input: IngestArticleInput!) {
    ingestArticle(input: $input) { duplicate claimCount eventCount article { id title body } }
  }
`;

const CLAIMS = /* GraphQL */ `
  query ($kind: ClaimKind) {
    claims(filter: { kind: $kind }, first: 100) {
      totalCount
      nodes {
        id kind content quote negated
        speaker { name }
        targets { name }
        respondsTo { id kind speaker { name } }
        article { title }
        evidence { sentence start end rule confidence }
      }
    }
  }
`;

let db: TestDatabase;
let articleId: string;
let body: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const { title, body: rawBody } = referenceArticle();
  const result = await run(db, INGEST, {
    input: { title, body: rawBody, url: "https://example.org/armenia-csto", publishedAt: "2024-02-23T00:00:00Z", sourceName: "Reference" },
  });
  expect(result.errors).toBeUndefined();
  articleId = result.data.ingestArticle.article.id;
  body = result.data.ingestArticle.article.body;
});

afterAll(async () => {
  await db?.destroy();
});

describe("the reference article", () => {
  it("stores the repeated headline once: as the title, not inside the body", async () => {
    const { title } = referenceArticle();
    expect(body.split("\n").filter((line) => line.trim() === title)).toHaveLength(0);
    expect(body.startsWith("Armenian Prime Minister Nikol Pashinyan declares")).toBe(true);
  });

  it("answers who accused whom with every gold pair", async () => {
    const result = await run(db, CLAIMS, { kind: "ACCUSE" });
    expect(result.errors).toBeUndefined();
    const claims = result.data.claims.nodes as any[];
    for (const [speaker, target] of gold.questions.find((q) => q.ask === "Who accused whom?")!.answer) {
      const found = claims.some((claim) => denotes(claim.speaker?.name, speaker) && claim.targets.some((t: any) => denotes(t.name, target)));
      expect(found, `${speaker} accused ${target}`).toBe(true);
    }
  });

  it("answers who rejected which accusation, pointing at the accusation", async () => {
    const result = await run(db, CLAIMS, { kind: "REJECT" });
    expect(result.errors).toBeUndefined();
    const rejections = result.data.claims.nodes as any[];
    const [[speaker, target]] = gold.questions.find((q) => q.ask.startsWith("Who rejected"))!.answer;
    const rejection = rejections.find((claim) => denotes(claim.speaker?.name, speaker));
    expect(rejection, `${speaker} rejected something`).toBeDefined();
    expect(rejection.targets.map((t: any) => t.name).some((name: string) => denotes(name, target))).toBe(true);
    expect(rejection.respondsTo?.kind).toBe("ACCUSE");
    expect(denotes(rejection.respondsTo?.speaker?.name, target)).toBe(true);
  });

  it("finds every required gold claim with speaker, kind, targets and evidence", async () => {
    const result = await run(db, CLAIMS, {});
    expect(result.errors).toBeUndefined();
    const claims = result.data.claims.nodes as any[];
    for (const goldClaim of gold.claims.filter((claim) => claim.required !== false)) {
      const match = claims.find(
        (claim) =>
          claim.kind === goldClaim.kind &&
          denotes(claim.speaker?.name, goldClaim.speaker) &&
          goldClaim.targets.every((target) => claim.targets.some((t: any) => denotes(t.name, target))) &&
          claim.evidence.sentence.includes(goldClaim.evidence),
      );
      expect(match, `gold claim ${goldClaim.id}`).toBeDefined();
      // Offsets are real provenance: they point into the stored body at the evidence span.
      expect(match.evidence.start).toBeGreaterThanOrEqual(0);
      expect(body.slice(match.evidence.start, match.evidence.end).length).toBeGreaterThan(0);
      expect(match.evidence.sentence).toContain(body.slice(match.evidence.start, match.evidence.end));
      if (goldClaim.quote) expect(match.quote).toContain(goldClaim.quote.slice(0, 60));
    }
  });

  it("finds every required gold event with kind, mode, participants, place and date", async () => {
    const result = await run(
      db,
      /* GraphQL */ `
        query ($id: ID!) {
          article(id: $id) {
            events(first: 100) {
              nodes {
                kind mode status date datePrecision locationText
                location { name }
                participants { role actor { name } }
                reports { nodes { evidence { sentence rule } } }
              }
            }
          }
        }
      `,
      { id: articleId },
    );
    expect(result.errors).toBeUndefined();
    const events = result.data.article.events.nodes as any[];
    for (const goldEvent of gold.events.filter((event) => event.required !== false)) {
      const match = events.find(
        (event) =>
          event.kind === goldEvent.kind &&
          event.reports.nodes.some((report: any) => report.evidence.sentence.includes(goldEvent.evidence)) &&
          goldEvent.participants.every((p) => event.participants.some((q: any) => q.role === p.role && denotes(q.actor.name, p.actor))),
      );
      expect(match, `gold event ${goldEvent.id}`).toBeDefined();
      if (goldEvent.mode) expect(match.mode).toBe(goldEvent.mode);
      if (goldEvent.status) expect(match.status).toBe(goldEvent.status);
      if (goldEvent.location) expect(denotes(match.location?.name ?? match.locationText, goldEvent.location)).toBe(true);
      if (goldEvent.date) expect(String(match.date)).toMatch(new RegExp(`^${goldEvent.date}`));
    }
  });

  it("resolves every alias of every required gold actor to one actor with the gold kind and country", async () => {
    for (const actor of gold.actors.filter((a) => a.required !== false)) {
      const ids = new Set<string>();
      for (const alias of actor.aliases) {
        const result = await run(db, `query ($name: String!) { actor(name: $name) { id name kind countryCode role parent { name } } }`, {
          name: alias,
        });
        expect(result.errors).toBeUndefined();
        const found = result.data.actor;
        expect(found, `alias "${alias}" of ${actor.name}`).not.toBeNull();
        expect(found.kind, `kind of ${actor.name}`).toBe(actor.kind);
        if (actor.country) expect(found.countryCode, `country of ${actor.name}`).toBe(actor.country);
        if (actor.role) expect(found.role, `role of ${actor.name}`).toBe(actor.role);
        if (actor.memberOf) expect(denotes(found.parent?.name, actor.memberOf), `parent of ${actor.name}`).toBe(true);
        ids.add(found.id);
      }
      expect(ids.size, `aliases of ${actor.name} resolve to one actor`).toBe(1);
    }
  });

  it("answers what Pashinyan claimed about the CSTO, by alias", async () => {
    const result = await run(db, `{ claims(filter: { speaker: "Pashinyan", target: "CSTO" }) { totalCount nodes { kind article { title } } } }`);
    expect(result.errors).toBeUndefined();
    const kinds = result.data.claims.nodes.map((claim: any) => claim.kind).sort();
    expect(kinds).toEqual(["ACCUSE", "ACCUSE", "STATE"]);
    expect(result.data.claims.totalCount).toBe(3);
  });
});
