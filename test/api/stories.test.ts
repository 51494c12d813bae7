// Stories: articles from different sources about the same happening are grouped into one event,
// and the grouping does not depend on the order the articles arrive in.
import { afterAll, describe, expect, it } from "vitest";
import { groupPendingEvents, regroupEvents, replaceActorInStories, storyEventIdsOfArticles } from "../../src/db/story.repository.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { run } from "../support/graphql.js";

/**
 * Three reports of one protest in Yerevan (two sources; the third article gives no date, so its
 * publication day stands in), a farmers' protest in Paris the same day, and another Yerevan
 * protest a month later with almost the words of the first.
 */
const ARTICLES = [
  {
    url: "https://armenpress.example/2026/03/02/yerevan-protest",
    sourceName: "Armenpress",
    publishedAt: "2026-03-02T15:00:00Z",
    title: "Thousands protest in Yerevan against the government",
    body: "Thousands of protesters rallied in Yerevan on Monday against Prime Minister Nikol Pashinyan, demanding his resignation.\n\nSpeakers accused the cabinet of mishandling the economy and called for early elections.",
  },
  {
    url: "https://civilnet.example/news/crowds-demand-pashinyan-resign",
    sourceName: "Civilnet",
    publishedAt: "2026-03-02T19:30:00Z",
    title: "Yerevan crowds demand that Pashinyan resign",
    body: "Demonstrators protested against Nikol Pashinyan in Yerevan on Monday, calling on the prime minister to step down.\n\nThe march ended peacefully in the evening, organisers said.",
  },
  {
    url: "https://armenpress.example/2026/03/03/yerevan-rally-aftermath",
    sourceName: "Armenpress",
    publishedAt: "2026-03-03T08:00:00Z",
    title: "Opposition vows more rallies after Yerevan protest",
    body: "A day after thousands protested against Nikol Pashinyan in Yerevan, opposition leaders promised further demonstrations demanding the resignation of the prime minister.\n\nThey did not give a date.",
  },
  {
    url: "https://lemonde.example/farmers-paris",
    sourceName: "Le Monde",
    publishedAt: "2026-03-02T12:00:00Z",
    title: "Farmers protest in Paris over fuel prices",
    body: "Farmers protested in Paris on Monday against the French government over fuel prices.\n\nTractors blocked several roads around the capital for hours.",
  },
  {
    url: "https://civilnet.example/news/april-protest-yerevan",
    sourceName: "Civilnet",
    publishedAt: "2026-04-02T16:00:00Z",
    title: "Protesters return to Yerevan streets",
    body: "Thousands of protesters rallied in Yerevan on Thursday against Prime Minister Nikol Pashinyan, demanding his resignation once again.\n\nThe crowd was smaller than at last month's rally.",
  },
];
const [MARCH_1, MARCH_2, MARCH_3, PARIS, APRIL] = ARTICLES.map((article) => article.url);

/** Three days of one protest: the 1st and the 5th are too far apart to match, the 3rd bridges them. */
const TBILISI = [
  {
    url: "https://tbilisi.example/day-1",
    sourceName: "Interpressnews",
    publishedAt: "2026-03-01T20:00:00Z",
    title: "Tbilisi protesters rally against Kobakhidze",
    body: "Thousands of protesters rallied in Tbilisi on March 1 against Prime Minister Irakli Kobakhidze, demanding new elections.\n\nThe rally began outside parliament in the afternoon.",
  },
  {
    url: "https://tbilisi.example/day-5",
    sourceName: "Civil Georgia",
    publishedAt: "2026-03-05T20:00:00Z",
    title: "Tbilisi protesters rally against Kobakhidze again",
    body: "Thousands of protesters rallied in Tbilisi on March 5 against Prime Minister Irakli Kobakhidze, demanding new elections.\n\nMany shops in the city centre stayed closed that evening.",
  },
  {
    url: "https://tbilisi.example/day-3",
    sourceName: "Formula",
    publishedAt: "2026-03-03T20:00:00Z",
    title: "Tbilisi rally against Kobakhidze continues",
    body: "Protesters rallied in Tbilisi on March 3 against Prime Minister Irakli Kobakhidze for a third day, demanding new elections.\n\nPolice kept their distance.",
  },
];

const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { eventCount nearDuplicate } }`;
const EVENTS = `query ($kind: EventKind) {
  events(filter: { kind: $kind }, first: 100) {
    totalCount
    nodes {
      id kind status date datePrecision locationText location { name } sourceCount
      participants { role actor { name } }
      articles(first: 100) { totalCount nodes { url } }
      reports(first: 100) { totalCount }
    }
  }
}`;

interface StoryView {
  urls: string[];
  kind: string;
  status: string;
  date: string | null;
  datePrecision: string | null;
  locationText: string | null;
  location: string | null;
  participants: string[];
  sourceCount: number;
  articleCount: number;
  reportCount: number;
}

/** Every event as the set of its article URLs and its canonical attributes, ids left out. */
async function stories(db: TestDatabase): Promise<StoryView[]> {
  const result = await run(db, EVENTS);
  expect(result.errors).toBeUndefined();
  const views: StoryView[] = result.data.events.nodes.map((event: any) => ({
    urls: event.articles.nodes.map((article: { url: string }) => article.url).sort(),
    kind: event.kind,
    status: event.status,
    date: event.date,
    datePrecision: event.datePrecision,
    locationText: event.locationText,
    location: event.location?.name ?? null,
    participants: event.participants.map((p: any) => `${p.role}:${p.actor.name}`).sort(),
    sourceCount: event.sourceCount,
    articleCount: event.articles.totalCount,
    reportCount: event.reports.totalCount,
  }));
  return views.sort((a, b) => a.urls.join(" ").localeCompare(b.urls.join(" ")) || a.kind.localeCompare(b.kind));
}

async function ingestAll(db: TestDatabase, order: number[], concurrently = false, articles = ARTICLES): Promise<void> {
  const ingestOne = async (index: number) => {
    const result = await run(db, INGEST, { input: articles[index] });
    expect(result.errors).toBeUndefined();
    expect(result.data.ingestArticle.nearDuplicate).toBe(false);
    expect(result.data.ingestArticle.eventCount).toBeGreaterThan(0);
  };
  if (concurrently) await Promise.all(order.map(ingestOne));
  else for (const index of order) await ingestOne(index);
}

const databases: TestDatabase[] = [];
async function freshDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

afterAll(async () => {
  for (const db of databases) await db.destroy();
});

/** The articles ingested in their listed order, once per file: the grouping other orders must equal. */
let reference: Promise<{ db: TestDatabase; views: StoryView[] }> | undefined;
function referenceStories() {
  reference ??= (async () => {
    const db = await freshDatabase();
    await ingestAll(db, [0, 1, 2, 3, 4]);
    return { db, views: await stories(db) };
  })();
  return reference;
}

describe("stories", () => {
  it("groups reports of the same protest from different sources into one event", async () => {
    const { views } = await referenceStories();
    expect(views.map((view) => view.urls)).toEqual([[MARCH_1, MARCH_3, MARCH_2].sort(), [APRIL], [PARIS]].sort((a, b) => a.join(" ").localeCompare(b.join(" "))));

    const yerevan = views.find((view) => view.urls.includes(MARCH_1))!;
    expect(yerevan).toMatchObject({
      kind: "PROTEST",
      status: "OCCURRED",
      date: "2026-03-02T00:00:00.000Z",
      datePrecision: "DAY",
      location: "Armenia",
      locationText: "Yerevan",
      articleCount: 3,
      sourceCount: 2,
      reportCount: 3,
    });
    // Participants of every report: each source names the crowd differently.
    expect(yerevan.participants).toEqual(["AGENT:demonstrators", "AGENT:protesters", "TARGET:Nikol Pashinyan"]);

    const paris = views.find((view) => view.urls.includes(PARIS))!;
    expect(paris).toMatchObject({ location: "France", articleCount: 1, sourceCount: 1 });
    const april = views.find((view) => view.urls.includes(APRIL))!;
    expect(april).toMatchObject({ date: "2026-04-02T00:00:00.000Z", articleCount: 1, sourceCount: 1 });
  });

  it("gives the same grouping and canonical attributes whatever the arrival order", async () => {
    for (const order of [
      [4, 3, 2, 1, 0],
      [2, 4, 0, 3, 1],
      [1, 2, 3, 4, 0],
    ]) {
      const db = await freshDatabase();
      await ingestAll(db, order);
      expect(await stories(db), `order ${order.join(",")}`).toEqual((await referenceStories()).views);
    }
  });

  it("gives the same grouping when the articles are ingested concurrently", async () => {
    // The first two go in alone so that every source and shared actor exists before the race:
    // creating the same source or actor concurrently is the ingest path's concern, not grouping's.
    const db = await freshDatabase();
    await ingestAll(db, [0, 1]);
    await ingestAll(db, [4, 2, 3], true);
    expect(await stories(db)).toEqual((await referenceStories()).views);
  });

  it("groups later, with the same result, what was stored with grouping switched off", async () => {
    const db = await freshDatabase();
    process.env.NEWSGRAPH_STORIES = "0";
    try {
      await ingestAll(db, [3, 0, 4, 2, 1]);
    } finally {
      delete process.env.NEWSGRAPH_STORIES;
    }
    expect((await stories(db)).filter((view) => view.kind === "PROTEST")).toHaveLength(5);
    expect(await groupPendingEvents(db.prisma, { batchSize: 2 })).toBe(5);
    expect(await stories(db)).toEqual((await referenceStories()).views);
    expect(await groupPendingEvents(db.prisma)).toBe(0);
  });

  async function deleteArticle(db: TestDatabase, url: string) {
    await db.prisma.$transaction(async (tx) => {
      const article = await tx.article.findUniqueOrThrow({ where: { url }, select: { id: true } });
      const eventIds = await storyEventIdsOfArticles(tx, [article.id]);
      await tx.article.delete({ where: { id: article.id } });
      await regroupEvents(tx, eventIds);
    });
  }

  it("merges two stories when a bridging report arrives, and splits them again when it is deleted", async () => {
    const db = await freshDatabase();
    const urls = async () => (await stories(db)).map((view) => view.urls);
    await ingestAll(db, [0, 1], false, TBILISI);
    expect(await urls()).toEqual([[TBILISI[0].url], [TBILISI[1].url]]);
    await ingestAll(db, [2], false, TBILISI);
    const [merged] = await stories(db);
    expect(merged).toMatchObject({ urls: TBILISI.map((a) => a.url).sort(), articleCount: 3, sourceCount: 3, reportCount: 3 });
    // Three different days, one each: the earliest wins the tie.
    expect(merged.date).toBe("2026-03-01T00:00:00.000Z");

    await deleteArticle(db, TBILISI[2].url);
    const views = await stories(db);
    expect(views.map((view) => view.urls)).toEqual([[TBILISI[0].url], [TBILISI[1].url]]);
    expect(views.map((view) => view.date)).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-05T00:00:00.000Z"]);
    expect(await db.prisma.event.count()).toBe(2);
  });

  it("recomputes a story's attributes when one of its reports is deleted", async () => {
    const db = await freshDatabase();
    await ingestAll(db, [0, 1, 2, 3, 4]);
    await deleteArticle(db, MARCH_1);
    const views = await stories(db);
    const march = views.find((view) => view.urls.includes(MARCH_2))!;
    expect(march).toMatchObject({ urls: [MARCH_3, MARCH_2].sort(), articleCount: 2, sourceCount: 2, date: "2026-03-02T00:00:00.000Z" });
    expect(march.participants).toEqual(["AGENT:demonstrators", "AGENT:protesters", "TARGET:Nikol Pashinyan"]);
    // The result equals ingesting only the remaining articles into an empty database.
    const fresh = await freshDatabase();
    await ingestAll(fresh, [1, 2, 3, 4]);
    expect(views).toEqual(await stories(fresh));

    await deleteArticle(db, MARCH_3);
    expect((await stories(db)).find((view) => view.urls.includes(MARCH_2))).toMatchObject({
      urls: [MARCH_2],
      articleCount: 1,
      participants: ["AGENT:demonstrators", "TARGET:Nikol Pashinyan"],
    });
  });

  it("follows an actor merge: the story's participants name the surviving actor", async () => {
    const db = await freshDatabase();
    await ingestAll(db, [0, 2], false, TBILISI);
    const merged = await db.prisma.actor.findFirstOrThrow({ where: { name: "Irakli Kobakhidze" } });
    const survivor = await db.prisma.actor.create({ data: { name: "Irakli Kobakhidze (PM)", kind: "PERSON" } });
    await db.prisma.$transaction(async (tx) => {
      await replaceActorInStories(tx, merged.id, survivor.id);
      await tx.eventParticipant.updateMany({ where: { actorId: merged.id }, data: { actorId: survivor.id } });
      await tx.actor.delete({ where: { id: merged.id } });
    });
    const [story] = await stories(db);
    expect(story).toMatchObject({ urls: [TBILISI[0].url, TBILISI[2].url].sort(), participants: ["AGENT:protesters", "TARGET:Irakli Kobakhidze (PM)"] });
    const mentions = await db.prisma.eventMention.findMany();
    expect(mentions.every((mention) => mention.targetIds.includes(survivor.id) && !mention.targetIds.includes(merged.id))).toBe(true);
  });

  it("pages event.articles and batches it across events", async () => {
    const { db } = await referenceStories();
    const first = await run(db, `{ events(filter: { kind: PROTEST }, first: 10) { nodes { articles(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { url } } } } }`);
    expect(first.errors).toBeUndefined();
    const page = first.data.events.nodes.find((event: any) => event.articles.totalCount === 3).articles;
    expect(page.nodes).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await run(db, `query ($after: String) { events(filter: { kind: PROTEST }, first: 10) { nodes { articles(first: 2, after: $after) { nodes { url } pageInfo { hasNextPage } } } } }`, {
      after: page.pageInfo.endCursor,
    });
    const urls = [...page.nodes, ...rest.data.events.nodes.find((event: any) => event.articles.nodes.length === 1 && event.articles.pageInfo.hasNextPage === false && ![PARIS, APRIL].includes(event.articles.nodes[0].url)).articles.nodes].map((a: any) => a.url);
    expect(urls.sort()).toEqual([MARCH_1, MARCH_2, MARCH_3].sort());

    // One statement per relation whatever the number of events.
    const query = `query ($first: Int!) { events(first: $first) { nodes { sourceCount articles(first: 5) { totalCount nodes { url title } } } } }`;
    const before = db.statements.total;
    await run(db, query, { first: 1 });
    const one = db.statements.total - before;
    const middle = db.statements.total;
    const all = await run(db, query, { first: 3 });
    expect(all.data.events.nodes).toHaveLength(3);
    expect(db.statements.total - middle).toBe(one);
  });
});
