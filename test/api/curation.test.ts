// Curation mutations through GraphQL: mergeActors, addAlias, splitAlias, updateActor, reviewClaim,
// deleteArticle and reextract. Each one's effect, each typed error (with nothing changed), and
// refusals without a key and with a reader key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/db/api-key.repository.js";
import { EXTRACTOR } from "../../src/extract/index.js";
import type { Viewer } from "../../src/graphql/context.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { errorCodes, run } from "../support/graphql.js";

let db: TestDatabase;
let editor: Viewer;
let reader: Viewer;

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64url");

const ARTICLES = [
  { title: "Pipeline row", body: "Spain accused France and Italy of blocking the pipeline.", publishedAt: "2026-01-10T08:00:00Z" },
  { title: "Sanctions", body: "France and Italy imposed sanctions on Spain.", publishedAt: "2026-01-11T08:00:00Z" },
  { title: "Convoy", body: "Italian peacekeepers accused Spain of firing on their convoy.", publishedAt: "2026-01-12T08:00:00Z" },
  {
    title: "Shelling",
    body: "Armenian Prime Minister Nikol Pashinyan accused Azerbaijan of shelling villages. Pashinyan said talks would continue.",
    publishedAt: "2026-01-13T08:00:00Z",
  },
  { title: "Steel", body: "Portugal accused Spain of dumping steel. Spain rejected the accusation.", publishedAt: "2026-01-14T08:00:00Z" },
  { title: "Fishing", body: "Norway accused Iceland of overfishing cod. Iceland rejected the claim.", publishedAt: "2026-01-15T08:00:00Z" },
];

async function ingest(input: Record<string, unknown>): Promise<string> {
  const result = await run(db, `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id } } }`, { input });
  expect(result.errors).toBeUndefined();
  return result.data.ingestArticle.article.id;
}

async function actorId(name: string): Promise<string> {
  const result = await run(db, `query ($name: String!) { actor(name: $name) { id } }`, { name });
  expect(result.data?.actor, name).not.toBeNull();
  return result.data.actor.id;
}

/** Every curated table, row by row: what "changes nothing" is checked against. */
async function snapshot() {
  const p = db.prisma;
  return JSON.stringify([
    await p.article.findMany({ orderBy: { id: "asc" }, select: { id: true, extractedWith: true } }),
    await p.actor.findMany({ orderBy: { id: "asc" } }),
    await p.actorAlias.findMany({ orderBy: { id: "asc" } }),
    await p.mention.findMany({ orderBy: { id: "asc" } }),
    await p.claim.findMany({ orderBy: { id: "asc" }, select: { id: true, speakerId: true, articleId: true, kind: true } }),
    await p.claimTarget.findMany({ orderBy: [{ claimId: "asc" }, { actorId: "asc" }] }),
    await p.claimReview.findMany({ orderBy: { claimId: "asc" } }),
    await p.event.findMany({ orderBy: { id: "asc" } }),
    await p.eventParticipant.findMany({ orderBy: [{ eventId: "asc" }, { actorId: "asc" }] }),
    await p.eventReport.findMany({ orderBy: { id: "asc" }, select: { id: true, eventId: true, articleId: true } }),
  ]);
}

/** Runs a mutation that must fail with `code`, and checks that nothing changed. */
async function refused(query: string, variables: Record<string, unknown>, code: string, viewer: Viewer | null = editor) {
  const before = await snapshot();
  const result = await run(db, query, variables, undefined, viewer);
  expect(errorCodes(result), JSON.stringify(result.errors)).toEqual([code]);
  expect(result.data).toBeNull();
  expect(await snapshot()).toBe(before);
  return result.errors![0];
}

const MERGE = `mutation ($input: MergeActorsInput!) { mergeActors(input: $input) {
  actor { name aliases countryCode } mergedActorIds movedAliases movedMentions movedClaimsMade movedClaimsReceived movedParticipations movedChildren } }`;
const ADD_ALIAS = `mutation ($input: AddAliasInput!) { addAlias(input: $input) { actor { name aliases } } }`;
const SPLIT = `mutation ($input: SplitAliasInput!) { splitAlias(input: $input) {
  actor { name aliases mentions { totalCount } } into { name kind aliases mentions { nodes { text } } } movedMentions } }`;
const UPDATE = `mutation ($input: UpdateActorInput!) { updateActor(input: $input) { actor { name kind role countryCode aliases parent { name } } } }`;
const REVIEW = `mutation ($input: ReviewClaimInput!) { reviewClaim(input: $input) { claim { id kind review { verdict note reviewer reviewedAt } } } }`;
const DELETE = `mutation ($input: DeleteArticleInput!) { deleteArticle(input: $input) {
  deletedArticleId deletedMentions deletedClaims deletedEventReports deletedEvents releasedDuplicateIds } }`;
const REEXTRACT = `mutation ($input: ReextractInput!) { reextract(input: $input) { extractor articles skipped mentions claims claimsKept events } }`;

const articleIds: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  editor = { keyId: (await createApiKey(db.prisma, "EDITOR", "desk editor")).key.id, role: "EDITOR" };
  reader = { keyId: (await createApiKey(db.prisma, "READER", "reader")).key.id, role: "READER" };
  for (const input of ARTICLES) articleIds.push(await ingest(input));
});

afterAll(async () => {
  await db?.destroy();
});

describe("every curation mutation", () => {
  const probes: [string, string, Record<string, unknown>][] = [
    ["mergeActors", MERGE, { input: { sourceId: gid("Actor", 1), targetId: gid("Actor", 2) } }],
    ["addAlias", ADD_ALIAS, { input: { actorId: gid("Actor", 1), alias: "Probe" } }],
    ["splitAlias", SPLIT, { input: { actorId: gid("Actor", 1), alias: "Spain", newActorName: "Probe" } }],
    ["updateActor", UPDATE, { input: { id: gid("Actor", 1), role: "Probe" } }],
    ["reviewClaim", REVIEW, { input: { id: gid("Claim", 1), verdict: "CONFIRMED" } }],
    ["deleteArticle", DELETE, { input: { id: gid("Article", 1) } }],
    ["reextract", REEXTRACT, { input: { all: true } }],
  ];
  for (const [name, query, variables] of probes) {
    it(`refuses ${name} without a key (UNAUTHENTICATED) and with a reader key (FORBIDDEN), changing nothing`, async () => {
      const anonymous = await refused(query, variables, "UNAUTHENTICATED", null);
      expect(anonymous.message).toContain("EDITOR");
      await refused(query, variables, "FORBIDDEN", reader);
    });
  }
});

describe("mergeActors", () => {
  it("moves aliases, mentions, claims, participations and children onto the target and folds duplicates", async () => {
    const [france, italy, spain] = [await actorId("France"), await actorId("Italy"), await actorId("Spain")];
    // "Spain accused France and Italy of ...": a claim against both; after the merge it must target France once.
    const spainClaim = await db.prisma.claim.findFirstOrThrow({ where: { article: { title: "Pipeline row" } }, include: { targets: true } });
    expect(spainClaim.targets).toHaveLength(2);

    const result = await run(db, MERGE, { input: { sourceIds: [italy], targetId: france } }, undefined, editor);
    expect(result.errors).toBeUndefined();
    const merged = result.data.mergeActors;
    expect(merged.actor.name).toBe("France");
    expect(merged.actor.countryCode).toBe("FRA");
    expect(merged.actor.aliases).toEqual(expect.arrayContaining(["France", "Italy"]));
    expect(merged.mergedActorIds).toEqual([italy]);
    expect(merged.movedMentions).toBeGreaterThanOrEqual(2);
    expect(merged.movedChildren).toBe(1);
    expect(merged.movedParticipations).toBe(0); // France was already an AGENT of the same sanctions

    const after = await run(
      db,
      `query ($id: ID!) { node(id: $id) { id }
        claims(filter: { speaker: "Spain", kind: ACCUSE }) { nodes { content targets { name } } }
        events(filter: { kind: SANCTION }) { nodes { participants { role actor { name } } } }
        italy: actor(name: "Italy") { name }
        peacekeepers: actor(name: "Italian peacekeepers") { parent { name } }
        france: actor(name: "France") { claimsReceived { totalCount } mentions { totalCount } } }`,
      { id: italy },
    );
    expect(after.errors).toBeUndefined();
    expect(after.data.node).toBeNull();
    const pipeline = after.data.claims.nodes.find((claim: any) => claim.content.includes("pipeline"));
    expect(pipeline.targets).toEqual([{ name: "France" }]);
    expect(after.data.events.nodes[0].participants).toEqual([
      { role: "AGENT", actor: { name: "France" } },
      { role: "TARGET", actor: { name: "Spain" } },
    ]);
    expect(after.data.italy).toEqual({ name: "France" });
    expect(after.data.peacekeepers.parent).toEqual({ name: "France" });
    expect(after.data.france.claimsReceived.totalCount).toBe(1);
    expect(after.data.france.mentions.totalCount).toBe(2 + merged.movedMentions);
    // Spain is untouched.
    expect(await actorId("Spain")).toBe(spain);
  });

  it("refuses merging an actor with itself, unknown and malformed ids, and no sources, changing nothing", async () => {
    const spain = await actorId("Spain");
    expect((await refused(MERGE, { input: { sourceId: spain, targetId: spain } }, "BAD_USER_INPUT")).message).toContain("itself");
    expect((await refused(MERGE, { input: { sourceIds: [gid("Actor", 99999)], targetId: spain } }, "NOT_FOUND")).extensions?.field).toBe("input.sourceIds");
    expect((await refused(MERGE, { input: { sourceId: spain, targetId: gid("Actor", 99999) } }, "NOT_FOUND")).extensions?.field).toBe("input.targetId");
    await refused(MERGE, { input: { sourceId: "not an id", targetId: spain } }, "BAD_USER_INPUT");
    await refused(MERGE, { input: { sourceId: gid("Claim", 1), targetId: spain } }, "BAD_USER_INPUT");
    await refused(MERGE, { input: { targetId: spain } }, "BAD_USER_INPUT");
  });
});

describe("addAlias", () => {
  it("adds a name the actor is then found by", async () => {
    const pashinyan = await actorId("Nikol Pashinyan");
    const result = await run(db, ADD_ALIAS, { input: { actorId: pashinyan, alias: "Pashinian" } }, undefined, editor);
    expect(result.errors).toBeUndefined();
    expect(result.data.addAlias.actor.aliases).toContain("Pashinian");
    expect(await actorId("pashinian")).toBe(pashinyan);
  });

  it("refuses an alias the actor or another actor has, an empty alias and unknown actors, changing nothing", async () => {
    const pashinyan = await actorId("Nikol Pashinyan");
    const spain = await actorId("Spain");
    expect((await refused(ADD_ALIAS, { input: { actorId: pashinyan, alias: "the Pashinyan" } }, "BAD_USER_INPUT")).message).toContain("already");
    const taken = await refused(ADD_ALIAS, { input: { actorId: pashinyan, alias: "Spain" } }, "BAD_USER_INPUT");
    expect(taken.message).toContain("splitAlias");
    expect(taken.extensions).toMatchObject({ field: "input.alias", actorId: spain });
    await refused(ADD_ALIAS, { input: { actorId: pashinyan, alias: "  ?! " } }, "BAD_USER_INPUT");
    await refused(ADD_ALIAS, { input: { actorId: gid("Actor", 99999), alias: "Nobody" } }, "NOT_FOUND");
    await refused(ADD_ALIAS, { input: { actorId: "%%%", alias: "Nobody" } }, "BAD_USER_INPUT");
  });
});

describe("splitAlias", () => {
  it("moves an alias and the mentions written that way to a new actor", async () => {
    const pashinyan = await actorId("Nikol Pashinyan");
    const result = await run(
      db,
      SPLIT,
      { input: { actorId: pashinyan, alias: "Pashinyan", newActorName: "Anna Pashinyan" } },
      undefined,
      editor,
    );
    expect(result.errors).toBeUndefined();
    const split = result.data.splitAlias;
    expect(split.actor.aliases).not.toContain("Pashinyan");
    expect(split.actor.mentions.totalCount).toBe(1);
    expect(split.into).toMatchObject({ name: "Anna Pashinyan", kind: "PERSON", mentions: { nodes: [{ text: "Pashinyan" }] } });
    expect(split.into.aliases).toEqual(expect.arrayContaining(["Anna Pashinyan", "Pashinyan"]));
    expect(split.movedMentions).toBe(1);
  });

  it("moves an alias to an existing actor without moving mentions when asked", async () => {
    const norway = await actorId("Norway");
    const iceland = await actorId("Iceland");
    await run(db, ADD_ALIAS, { input: { actorId: norway, alias: "Reykjavik government" } }, undefined, editor);
    const result = await run(
      db,
      SPLIT,
      { input: { actorId: norway, alias: "reykjavik government", intoActorId: iceland, moveMentions: false } },
      undefined,
      editor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.splitAlias.into.aliases).toContain("Reykjavik government");
    expect(result.data.splitAlias.actor.aliases).toEqual(["Norway"]);
    expect(result.data.splitAlias.movedMentions).toBe(0);
  });

  it("refuses an alias the actor lacks, its only alias, a split into itself, both or neither targets, and unknown actors", async () => {
    const norway = await actorId("Norway");
    const iceland = await actorId("Iceland");
    await refused(SPLIT, { input: { actorId: norway, alias: "Spain", intoActorId: iceland } }, "BAD_USER_INPUT");
    expect((await refused(SPLIT, { input: { actorId: norway, alias: "Norway", intoActorId: iceland } }, "BAD_USER_INPUT")).message).toContain("only alias");
    await refused(SPLIT, { input: { actorId: iceland, alias: "Iceland", intoActorId: iceland } }, "BAD_USER_INPUT");
    await refused(SPLIT, { input: { actorId: iceland, alias: "Iceland" } }, "BAD_USER_INPUT");
    await refused(SPLIT, { input: { actorId: iceland, alias: "Iceland", intoActorId: norway, newActorName: "X" } }, "BAD_USER_INPUT");
    await refused(SPLIT, { input: { actorId: iceland, alias: "Iceland", newActorName: "   " } }, "BAD_USER_INPUT");
    await refused(SPLIT, { input: { actorId: iceland, alias: "Iceland", intoActorId: gid("Actor", 99999) } }, "NOT_FOUND");
    await refused(SPLIT, { input: { actorId: gid("Actor", 99999), alias: "Iceland", intoActorId: norway } }, "NOT_FOUND");
  });
});

describe("updateActor", () => {
  it("changes name, role, country and parent; a new name becomes an alias; null clears", async () => {
    const pashinyan = await actorId("Nikol Pashinyan");
    const anna = await actorId("Anna Pashinyan");
    const result = await run(
      db,
      UPDATE,
      { input: { id: anna, name: "Anna Hakobyan", role: "Journalist", countryCode: "am", parentId: pashinyan } },
      undefined,
      editor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateActor.actor).toMatchObject({
      name: "Anna Hakobyan",
      kind: "PERSON",
      role: "Journalist",
      countryCode: "ARM",
      parent: { name: "Nikol Pashinyan" },
    });
    expect(await actorId("Anna Hakobyan")).toBe(anna);
    const cleared = await run(db, UPDATE, { input: { id: anna, role: null, parentId: null, kind: "ORGANIZATION" } }, undefined, editor);
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.updateActor.actor).toMatchObject({ name: "Anna Hakobyan", kind: "ORGANIZATION", role: null, countryCode: "ARM", parent: null });
  });

  it("refuses bad country codes, parent cycles, empty names and unknown ids, changing nothing", async () => {
    const pashinyan = await actorId("Nikol Pashinyan");
    const anna = await actorId("Anna Hakobyan");
    await run(db, UPDATE, { input: { id: anna, parentId: pashinyan } }, undefined, editor);
    await refused(UPDATE, { input: { id: anna, countryCode: "XYZ" } }, "BAD_USER_INPUT");
    await refused(UPDATE, { input: { id: anna, countryCode: "Armenia" } }, "BAD_USER_INPUT");
    expect((await refused(UPDATE, { input: { id: pashinyan, parentId: anna } }, "BAD_USER_INPUT")).message).toContain("cycle");
    await refused(UPDATE, { input: { id: anna, parentId: anna } }, "BAD_USER_INPUT");
    await refused(UPDATE, { input: { id: anna, name: "  " } }, "BAD_USER_INPUT");
    await refused(UPDATE, { input: { id: anna, name: null } }, "BAD_USER_INPUT");
    await refused(UPDATE, { input: { id: anna, parentId: gid("Actor", 99999) } }, "NOT_FOUND");
    await refused(UPDATE, { input: { id: gid("Actor", 99999), role: "x" } }, "NOT_FOUND");
    await refused(UPDATE, { input: { id: gid("Article", 1), role: "x" } }, "BAD_USER_INPUT");
  });
});

describe("reviewClaim and reextract", () => {
  it("stores the verdict, note, reviewer and time, and re-extraction keeps reviewed claims as they are", async () => {
    const steel = articleIds[4];
    const claims = await run(db, `query ($id: ID!) { claims(filter: { articleId: $id }) { nodes { id kind } } }`, { id: steel });
    const accuse = claims.data.claims.nodes.find((claim: any) => claim.kind === "ACCUSE");
    const reject = claims.data.claims.nodes.find((claim: any) => claim.kind === "REJECT");

    const before = Date.now();
    const reviewed = await run(db, REVIEW, { input: { id: reject.id, verdict: "REJECTED", note: "  Spain only commented.  " } }, undefined, editor);
    expect(reviewed.errors).toBeUndefined();
    const review = reviewed.data.reviewClaim.claim.review;
    expect(review).toMatchObject({ verdict: "REJECTED", note: "Spain only commented.", reviewer: "desk editor" });
    expect(Date.parse(review.reviewedAt)).toBeGreaterThanOrEqual(before - 1000);

    const again = await run(db, REEXTRACT, { input: { articleIds: [steel] } }, undefined, editor);
    expect(again.errors).toBeUndefined();
    expect(again.data.reextract).toEqual({
      extractor: `${EXTRACTOR.name}@${EXTRACTOR.version}`,
      articles: 1,
      skipped: 0,
      mentions: 3,
      claims: 1,
      claimsKept: 1,
      events: 0,
    });
    const after = await run(
      db,
      `query ($id: ID!) { article(id: $id) { extractedWith claims { nodes { id kind evidence { extractor extractorVersion } review { verdict } respondsTo { id } } } } }`,
      { id: steel },
    );
    const nodes = after.data.article.claims.nodes;
    expect(after.data.article.extractedWith).toBe(`${EXTRACTOR.name}@${EXTRACTOR.version}`);
    // The rejected REJECT is still there, once, with its review; the ACCUSE was written again.
    expect(nodes.filter((claim: any) => claim.kind === "REJECT")).toEqual([
      expect.objectContaining({ id: reject.id, review: { verdict: "REJECTED" } }),
    ]);
    const newAccuse = nodes.find((claim: any) => claim.kind === "ACCUSE");
    expect(newAccuse.id).not.toBe(accuse.id);
    expect(nodes.find((claim: any) => claim.kind === "REJECT").respondsTo).toEqual({ id: newAccuse.id });
    expect(newAccuse.evidence).toEqual({ extractor: EXTRACTOR.name, extractorVersion: EXTRACTOR.version });
    expect(newAccuse.review).toBeNull();
  });

  it("replaces a verdict when a claim is reviewed again", async () => {
    const claim = await db.prisma.claim.findFirstOrThrow({ where: { review: { isNot: null } } });
    const result = await run(db, REVIEW, { input: { id: gid("Claim", claim.id), verdict: "CONFIRMED" } }, undefined, editor);
    expect(result.data.reviewClaim.claim.review).toMatchObject({ verdict: "CONFIRMED", note: null });
    expect(await db.prisma.claimReview.count()).toBe(1);
  });

  it("refuses unknown and malformed claim ids and oversized notes, changing nothing", async () => {
    await refused(REVIEW, { input: { id: gid("Claim", 99999), verdict: "CONFIRMED" } }, "NOT_FOUND");
    await refused(REVIEW, { input: { id: gid("Actor", 1), verdict: "CONFIRMED" } }, "BAD_USER_INPUT");
    await refused(REVIEW, { input: { id: gid("Claim", 1), verdict: "CONFIRMED", note: "x".repeat(2001) } }, "BAD_USER_INPUT");
    const invalidVerdict = await run(db, REVIEW, { input: { id: gid("Claim", 1), verdict: "MAYBE" } }, undefined, editor);
    expect(invalidVerdict.errors?.[0].message).toContain("ReviewVerdict");
    expect(invalidVerdict.data).toBeUndefined();
  });

  it("re-extracts every article in batches and reports the count", async () => {
    const total = await db.prisma.article.count();
    const duplicates = await db.prisma.article.count({ where: { duplicateOfId: { not: null } } });
    const result = await run(db, REEXTRACT, { input: { all: true } }, undefined, editor);
    expect(result.errors).toBeUndefined();
    expect(result.data.reextract.articles).toBe(total - duplicates);
    expect(result.data.reextract.skipped).toBe(duplicates);
    expect(result.data.reextract.claimsKept).toBe(1);
    expect(await db.prisma.claimReview.count()).toBe(1);
    // Re-extraction is idempotent: the same facts, no duplicates.
    const claims = await db.prisma.claim.count();
    await run(db, REEXTRACT, { input: { all: true } }, undefined, editor);
    expect(await db.prisma.claim.count()).toBe(claims);
  });

  it("refuses both or neither selector, empty or unknown article lists, changing nothing", async () => {
    await refused(REEXTRACT, { input: {} }, "BAD_USER_INPUT");
    await refused(REEXTRACT, { input: { all: true, articleIds: [articleIds[0]] } }, "BAD_USER_INPUT");
    await refused(REEXTRACT, { input: { articleIds: [] } }, "BAD_USER_INPUT");
    await refused(REEXTRACT, { input: { articleIds: [articleIds[0], gid("Article", 99999)] } }, "NOT_FOUND");
    await refused(REEXTRACT, { input: { articleIds: ["@@"] } }, "BAD_USER_INPUT");
  });
});

describe("deleteArticle", () => {
  it("deletes the article's mentions, claims, reports and orphaned events, and nothing else", async () => {
    const sanctions = articleIds[1];
    const sanctionsId = Number(Buffer.from(sanctions, "base64url").toString().split(":")[1]);
    // Another article also reporting the sanctions (as cross-article grouping would record it).
    const other = await ingest({ title: "Sanctions follow-up", body: "Spain protested against the sanctions in Madrid." });
    const otherId = Number(Buffer.from(other, "base64url").toString().split(":")[1]);
    const event = await db.prisma.eventReport.findFirstOrThrow({ where: { articleId: sanctionsId } });
    // Written by hand, so outside any story (no mention): stories are tested in stories.test.ts.
    const { id: _reportId, mentionId: _mentionId, ...report } = event;
    await db.prisma.eventReport.create({ data: { ...report, articleId: otherId } });
    const convoy = articleIds[2];
    const convoyId = Number(Buffer.from(convoy, "base64url").toString().split(":")[1]);
    const actorsBefore = await db.prisma.actor.count();
    const otherFacts = async () =>
      JSON.stringify([
        await db.prisma.claim.findMany({ where: { articleId: { notIn: [sanctionsId, convoyId] } }, orderBy: { id: "asc" } }),
        await db.prisma.mention.findMany({ where: { articleId: { notIn: [sanctionsId, convoyId] } }, orderBy: { id: "asc" } }),
        await db.prisma.eventReport.findMany({ where: { articleId: { notIn: [sanctionsId, convoyId] } }, orderBy: { id: "asc" }, select: { id: true } }),
      ]);
    const kept = await otherFacts();

    const shared = await run(db, DELETE, { input: { id: sanctions } }, undefined, editor);
    expect(shared.errors).toBeUndefined();
    expect(shared.data.deleteArticle).toEqual({
      deletedArticleId: sanctions,
      deletedMentions: 3,
      deletedClaims: 0,
      deletedEventReports: 1,
      deletedEvents: 0,
      releasedDuplicateIds: [],
    });
    expect(await db.prisma.event.count({ where: { id: event.eventId } })).toBe(1);

    const alone = await run(db, DELETE, { input: { id: convoy } }, undefined, editor);
    expect(alone.errors).toBeUndefined();
    expect(alone.data.deleteArticle).toMatchObject({ deletedClaims: 1, deletedMentions: 3 });
    expect(await db.prisma.article.count({ where: { id: { in: [sanctionsId, convoyId] } } })).toBe(0);
    expect(await db.prisma.actor.count()).toBe(actorsBefore);
    expect(await otherFacts()).toBe(kept);
    const gone = await run(db, `query ($id: ID!) { node(id: $id) { id } }`, { id: convoy });
    expect(gone.data).toEqual({ node: null });
  });

  it("deletes the events only that article reported", async () => {
    const id = await ingest({ title: "Clash", body: "Chile imposed sanctions on Peru on Monday." });
    const dbId = Number(Buffer.from(id, "base64url").toString().split(":")[1]);
    const events = await db.prisma.eventReport.findMany({ where: { articleId: dbId }, select: { eventId: true } });
    expect(events.length).toBeGreaterThan(0);
    const result = await run(db, DELETE, { input: { id } }, undefined, editor);
    expect(result.data.deleteArticle.deletedEvents).toBe(new Set(events.map((e) => e.eventId)).size);
    expect(await db.prisma.event.count({ where: { id: { in: events.map((e) => e.eventId) } } })).toBe(0);
    expect(await db.prisma.eventParticipant.count({ where: { eventId: { in: events.map((e) => e.eventId) } } })).toBe(0);
  });

  it("releases the near-duplicates of a deleted original, which re-extraction then gives facts", async () => {
    const body = [
      "Uruguay accused Paraguay of diverting water from the shared river during the dry season.",
      "Officials in Montevideo said the new dams had cut the flow to farms downstream by a third.",
      "Paraguay rejected the accusation and said the dams were built under the treaty signed a decade ago.",
      "Both governments agreed to send engineers to measure the flow at four stations next month.",
    ].join("\n\n");
    const original = await ingest({ title: "River dispute", body });
    const copy = await run(
      db,
      `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { nearDuplicate claimCount article { id } } }`,
      { input: { title: "Water row on the river", body } },
    );
    expect(copy.data.ingestArticle).toMatchObject({ nearDuplicate: true, claimCount: 0 });
    const copyId = copy.data.ingestArticle.article.id;

    const deleted = await run(db, DELETE, { input: { id: original } }, undefined, editor);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data.deleteArticle.releasedDuplicateIds).toEqual([copyId]);
    const released = await run(db, `query ($id: ID!) { article(id: $id) { duplicateOf { id } claims { totalCount } } }`, { id: copyId });
    expect(released.data.article).toEqual({ duplicateOf: null, claims: { totalCount: 0 } });

    const extracted = await run(db, REEXTRACT, { input: { articleIds: [copyId] } }, undefined, editor);
    expect(extracted.data.reextract).toMatchObject({ articles: 1, skipped: 0 });
    expect(extracted.data.reextract.claims).toBeGreaterThan(0);
  });

  it("refuses unknown, already deleted and malformed ids, changing nothing", async () => {
    await refused(DELETE, { input: { id: gid("Article", 99999) } }, "NOT_FOUND");
    await refused(DELETE, { input: { id: articleIds[2] } }, "NOT_FOUND");
    await refused(DELETE, { input: { id: gid("Claim", 1) } }, "BAD_USER_INPUT");
    await refused(DELETE, { input: { id: "" } }, "BAD_USER_INPUT");
  });
});
