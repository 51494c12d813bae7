// Feed sources end to end against a real HTTP server on 127.0.0.1: add a source, poll it, see
// the articles (full text read from the linked pages) and their claims, poll again and get a 304
// with nothing duplicated; failures are recorded on the source with exponential backoff.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPoller } from "../../src/ingest/sources/poller.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { SHARED } from "../support/fixtures.js";
import { errorCodes, run } from "../support/graphql.js";

const PAGE = (title: string, paragraphs: string[], canonical: string) => `<!doctype html>
<html lang="en"><head><title>${title} | Example Herald</title><link rel="canonical" href="${canonical}">
<meta property="article:published_time" content="2026-11-20T10:00:00Z"><script>window.track = "SECRET-SCRIPT";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> Share this Read more</nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article>
<aside class="comments"><p>Comment: first!</p></aside><footer>Cookie settings</footer></body></html>`;

const STORIES = [
  {
    slug: "fisheries",
    title: "Norway accuses Iceland over mackerel quotas",
    paragraphs: [
      "Oslo, Norway - Norwegian Fisheries Minister Ingrid Solberg accused Iceland of taking far more mackerel than agreed in the North Atlantic on Monday.",
      "Iceland rejected these accusations and said its catch had stayed within the limits set by scientists.",
      "Negotiators from both countries are due to meet again in Bergen next month, officials said, although neither side expects a quick deal on the quotas.",
    ],
  },
  {
    slug: "rail",
    title: "Estonia and Latvia agree to speed up rail link",
    paragraphs: [
      "Tallinn, Estonia - Estonia and Latvia agreed on Wednesday to speed up work on the Rail Baltica line, their transport ministers said in a joint statement.",
      "The European Union welcomed the agreement and urged Lithuania to finish its section of the line on time.",
      "Construction crews are expected to double in number next spring, and the first passenger trains could run before the end of the decade.",
    ],
  },
];

let db: TestDatabase;
let server: http.Server;
let base: string;
let feedRequests = 0;
/** Paths a hostile document tried to make us load (scripts, images, external entities): never requested. */
const beacons: string[] = [];

const HOSTILE_MARKUP = (beacon: string) =>
  `<script>fetch("${beacon}?script")</script><iframe src="javascript:fetch('${beacon}?iframe')"></iframe>` +
  `<img src="${beacon}?img" onerror="fetch('${beacon}?onerror')"><a href="javascript:alert(1)" onclick="alert(2)">click here</a>` +
  `<style>body{background:url(${beacon}?css)}</style><object data="${beacon}?object"></object><svg onload="alert(3)"></svg>`;

function hostileFeed(): string {
  const body = `${"Denmark accused Sweden of blocking the bridge talks on Tuesday, the ministry said. ".repeat(6)}`;
  const items = [
    // Long enough to be kept from the feed: its HTML is the hostile part.
    `<item><title>Hostile summary &lt;script&gt;alert(1)&lt;/script&gt;</title><link>${base}/pages/none-1.html</link>
      <description><![CDATA[<p>${body}</p>${HOSTILE_MARKUP(`${base}/beacon`)}]]></description><pubDate>not a date at all</pubDate></item>`,
    // A teaser: the page is fetched, and the page is the hostile part.
    `<item><title>Hostile page</title><link>${base}/hostile-page.html</link><description>Teaser.</description>
      <pubDate>Thu, 31 Feb 2026 25:61:00 GMT</pubDate></item>`,
  ].join("");
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile</title>${items}</channel></rss>`;
}

function localFeed(): string {
  const items = STORIES.map(
    (story) => `<item><title>${story.title}</title><link>${base}/pages/${story.slug}.html?utm_source=rss</link>
      <description>${story.paragraphs[0].slice(0, 80)}…</description><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>`,
  ).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Example Herald</title><link>${base}/</link>${items}</channel></rss>`;
}

// 50 MB of zeros compress to ~50 kB.
const gzipBomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });

beforeAll(async () => {
  db = await createTestDatabase();
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, "http://localhost");
    if (url.pathname === "/local.xml") {
      feedRequests += 1;
      if (req.headers["if-none-match"] === '"local-v1"') {
        res.writeHead(304, { etag: '"local-v1"' });
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag: '"local-v1"', "last-modified": "Fri, 20 Nov 2026 10:00:00 GMT" });
      return res.end(localFeed());
    }
    const page = /^\/pages\/(\w+)\.html$/.exec(url.pathname);
    const story = page && STORIES.find((s) => s.slug === page[1]);
    if (story) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(PAGE(story.title, story.paragraphs, `${base}/news/${story.slug}`));
    }
    if (url.pathname === "/bbc.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(fs.readFileSync(path.join(SHARED, "feeds/bbc-news-home_2019-05-08.rss.xml")));
    }
    if (url.pathname === "/beacon") {
      beacons.push(req.url!);
      return res.end();
    }
    if (url.pathname === "/hostile.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      return res.end(hostileFeed());
    }
    if (url.pathname === "/hostile-page.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      const paragraphs = [
        "Copenhagen, Denmark - Danish Foreign Minister Lars Holm accused Norway of stalling the fisheries talks on Wednesday.",
        "Norway rejected the accusation and said its negotiators had proposed three dates for a new round of talks this winter.",
        "Officials from both countries said they expected to meet in Oslo before the end of the year to settle the quotas.",
      ];
      return res.end(PAGE("Hostile page", paragraphs.map((p, i) => (i === 1 ? `${p}${HOSTILE_MARKUP(`${base}/beacon`)}` : p)), `${base}/news/hostile`));
    }
    if (url.pathname === "/xxe.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "${base}/beacon?xxe"><!ENTITY file SYSTEM "file:///etc/passwd">]>
        <rss version="2.0"><channel><title>&xxe;</title><item><title>&file;</title><link>${base}/beacon?xxe-link</link><description>&xxe;&file;</description></item></channel></rss>`);
    }
    if (url.pathname === "/laughs.xml") {
      const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>`);
    }
    if (url.pathname === "/huge.xml") {
      // 100 MB announced and streamed for as long as the client reads.
      res.writeHead(200, { "content-type": "application/rss+xml", "content-length": String(100 * 1024 * 1024) });
      const chunk = Buffer.alloc(64 * 1024, "<item><title>x</title></item>");
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      res.write(`<?xml version="1.0"?><rss version="2.0"><channel>`);
      return pump();
    }
    if (url.pathname === "/chunked.xml") {
      // No length: 100 MB in chunks, without end.
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const chunk = Buffer.alloc(64 * 1024, "<item><title>y</title></item>");
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    if (url.pathname === "/bomb.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml", "content-encoding": "gzip" });
      return res.end(gzipBomb);
    }
    if (url.pathname === "/slow.xml") {
      // Headers, then a byte a second: never finishes within the fetch deadline.
      res.writeHead(200, { "content-type": "application/rss+xml" });
      const timer = setInterval(() => res.write(" "), 1_000);
      res.on("close", () => clearInterval(timer));
      return;
    }
    if (url.pathname === "/mixed-encoding.xml") {
      // Declares ISO-8859-1, is mostly UTF-8, has a Latin-1 byte and a stray invalid sequence.
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      const text = `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Mixed</title><item><title>Zürich café</title><link>${base}/pages/none-2.html</link><description>${"Switzerland accused Austria of delaying the tunnel project, the Swiss government said. ".repeat(6)}</description><pubDate>32/13/2026</pubDate></item></channel></rss>`;
      return res.end(Buffer.concat([Buffer.from(text.slice(0, 120), "utf8"), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(text.slice(120), "utf8")]));
    }
    if (url.pathname === "/broken.xml") {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end(localFeed().slice(0, 300));
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await db?.destroy();
});

const SETTINGS = { maxBodyBytes: 1_000_000, fetchAllowHosts: ["127.0.0.1"], fetchTimeoutMs: 3_000 };
const SOURCE_FIELDS = "id name kind feedUrl pollInterval paused lastStatus lastError consecutiveFailures nextPollAt lastFetchedAt itemsSeen itemsImported";

async function addSource(input: Record<string, unknown>) {
  const result = await run(db, `mutation ($input: AddSourceInput!) { addSource(input: $input) { source { ${SOURCE_FIELDS} } } }`, { input }, SETTINGS);
  expect(result.errors).toBeUndefined();
  return result.data.addSource.source;
}

async function refresh(id: string, settings: Record<string, unknown> = SETTINGS) {
  const result = await run(
    db,
    `mutation ($id: ID!) { refreshSource(id: $id) { status items imported duplicates nearDuplicates skipped error source { ${SOURCE_FIELDS} } } }`,
    { id },
    settings as typeof SETTINGS,
  );
  expect(result.errors).toBeUndefined();
  return result.data.refreshSource;
}

describe("feed sources", () => {
  it("polls a feed, reads each linked page's main text, and extracts claims from it", async () => {
    const source = await addSource({ name: "Example Herald", feedUrl: `${base}/local.xml`, pollInterval: 600 });
    expect(source).toMatchObject({ kind: "FEED", pollInterval: 600, paused: false, lastFetchedAt: null });

    const first = await refresh(source.id);
    expect(first).toMatchObject({ status: "ok", items: 2, imported: 2, duplicates: 0, error: null });
    expect(first.source).toMatchObject({ lastStatus: 200, lastError: null, consecutiveFailures: 0, itemsSeen: 2, itemsImported: 2 });

    const articles = await run(db, `query ($id: ID!) { node(id: $id) { ... on Source { articles { nodes { title url canonicalUrl body publishedAt
      claims { nodes { kind speaker { name } targets { name } } } } } } } }`, { id: source.id });
    expect(articles.errors).toBeUndefined();
    const stored = articles.data.node.articles.nodes as any[];
    const fisheries = stored.find((a) => a.title.startsWith("Norway accuses Iceland"));
    expect(fisheries.body).toContain("Iceland rejected these accusations");
    expect(fisheries.body).toContain("Negotiators from both countries");
    for (const junk of ["SECRET-SCRIPT", "Share this", "Cookie settings", "Comment: first", "Home"]) expect(fisheries.body).not.toContain(junk);
    expect(fisheries.canonicalUrl).toBe(`${base}/news/fisheries`);
    expect(fisheries.publishedAt).toBe("2026-11-20T10:00:00.000Z");
    const kinds = fisheries.claims.nodes.map((c: any) => `${c.kind} ${c.speaker?.name} -> ${c.targets.map((t: any) => t.name).join(",")}`);
    expect(kinds).toEqual(expect.arrayContaining(["ACCUSE Ingrid Solberg -> Iceland", "REJECT Iceland -> Ingrid Solberg"]));
  });

  it("asks with ETag on the next poll, gets 304, and stores nothing twice", async () => {
    const sources = await run(db, `{ sources { nodes { id name } } }`);
    const id = sources.data.sources.nodes.find((s: any) => s.name === "Example Herald").id;
    const before = { articles: await db.prisma.article.count(), claims: await db.prisma.claim.count() };
    const requests = feedRequests;
    const second = await refresh(id);
    expect(feedRequests).toBe(requests + 1);
    expect(second).toMatchObject({ status: "not-modified", imported: 0, error: null });
    expect(second.source.lastStatus).toBe(304);
    expect({ articles: await db.prisma.article.count(), claims: await db.prisma.claim.count() }).toEqual(before);
  });

  it("imports a real feed's items, keeping the summary when the linked page cannot be fetched", async () => {
    const source = await addSource({ name: "BBC saved copy", feedUrl: `${base}/bbc.xml` });
    const result = await refresh(source.id, { ...SETTINGS, fetchPages: false });
    expect(result.status).toBe("ok");
    expect(result.items).toBe(38);
    expect(result.imported + result.nearDuplicates + result.duplicates + result.skipped).toBe(38);
    expect(result.imported).toBeGreaterThan(30);
    const again = await refresh(source.id, { ...SETTINGS, fetchPages: false });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(result.imported + result.nearDuplicates + result.duplicates);
  });

  it("records a malformed feed, a 404 and a blocked address on the source, backing off exponentially", async () => {
    const broken = await addSource({ name: "Broken", feedUrl: `${base}/broken.xml`, pollInterval: 300 });
    const first = await refresh(broken.id);
    expect(first.status).toBe("failed");
    expect(first.error).toMatch(/^FEED_PARSE_ERROR/);
    expect(first.source.consecutiveFailures).toBe(1);
    const wait1 = Date.parse(first.source.nextPollAt) - Date.parse(first.source.lastFetchedAt);
    const second = await refresh(broken.id);
    expect(second.source.consecutiveFailures).toBe(2);
    const wait2 = Date.parse(second.source.nextPollAt) - Date.parse(second.source.lastFetchedAt);
    expect(wait1).toBe(600_000);
    expect(wait2).toBe(1_200_000);

    const missing = await refresh((await addSource({ name: "Missing", feedUrl: `${base}/nope.xml` })).id);
    expect(missing.error).toMatch(/^HTTP_ERROR/);
    expect(missing.source.lastStatus).toBe(404);

    const metadata = await refresh((await addSource({ name: "Metadata", feedUrl: "http://169.254.169.254/latest/meta-data" })).id);
    expect(metadata.error).toMatch(/^BLOCKED_ADDRESS/);
    expect(metadata.source.lastStatus).toBeNull();
  });

  it("survives hostile feeds and pages: nothing executes or is fetched, stored text is clean, each failure is recorded", async () => {
    const fast = { ...SETTINGS, fetchTimeoutMs: 1_500 };
    const hostile = await refresh((await addSource({ name: "Hostile", feedUrl: `${base}/hostile.xml` })).id, fast);
    expect(hostile.status).toBe("ok");
    expect(hostile.imported).toBe(2);
    const stored = await db.prisma.article.findMany({ where: { source: { name: "Hostile" } } });
    expect(stored).toHaveLength(2);
    for (const article of stored) {
      const text = `${article.title}\n${article.body}`;
      for (const bad of ["<script", "<iframe", "<img", "<svg", "<object", "onerror", "onclick", "onload", "javascript:", "fetch(", "background:url"]) {
        expect(text.toLowerCase(), `${article.title}: ${bad}`).not.toContain(bad.toLowerCase());
      }
    }
    // Invalid dates are dropped, not guessed, and nothing crashes on them.
    expect(stored.find((article) => article.title === "Hostile page")?.body).toContain("accused Norway");
    // The hostile page's claims were still extracted.
    const claims = await run(db, `{ claims(filter: { kind: ACCUSE, speaker: "Lars Holm" }) { totalCount } }`);
    expect(claims.data.claims.totalCount).toBe(1);

    const failures: [string, RegExp][] = [
      ["xxe.xml", /.*/],
      ["laughs.xml", /.*/],
      ["huge.xml", /^TOO_LARGE/],
      ["chunked.xml", /^TOO_LARGE/],
      ["bomb.xml", /^TOO_LARGE/],
      ["slow.xml", /^TIMEOUT/],
    ];
    for (const [file, expected] of failures) {
      const outcome = await refresh((await addSource({ name: `Hostile ${file}`, feedUrl: `${base}/${file}` })).id, fast);
      if (file === "xxe.xml" || file === "laughs.xml") {
        // Either refused as a feed, or parsed without the entities: never expanded, never fetched.
        const rows = await db.prisma.article.findMany({ where: { source: { name: `Hostile ${file}` } } });
        for (const row of rows) {
          expect(row.body).not.toContain("root:");
          expect(row.body).not.toContain("lollol");
        }
        if (outcome.status === "failed") expect(outcome.source.lastError).toMatch(/^FEED_PARSE_ERROR/);
      } else {
        expect(outcome.status, file).toBe("failed");
        expect(outcome.error, file).toMatch(expected);
        expect(outcome.source.lastError, file).toMatch(expected);
        expect(outcome.source.consecutiveFailures, file).toBe(1);
      }
    }
    const mixed = await refresh((await addSource({ name: "Mixed encoding", feedUrl: `${base}/mixed-encoding.xml` })).id, fast);
    expect(["ok", "failed"]).toContain(mixed.status);
    for (const row of await db.prisma.article.findMany({ where: { source: { name: "Mixed encoding" } } })) {
      expect(row.publishedAt).toBeNull();
      expect(row.body).toContain("Switzerland accused Austria");
    }
    expect(beacons).toEqual([]);
    // Out of the poller's way for the tests that follow: these sources are done with.
    await db.prisma.source.updateMany({ where: { OR: [{ name: { startsWith: "Hostile" } }, { name: "Mixed encoding" }] }, data: { paused: true } });
  });

  it("rejects bad source definitions with BAD_USER_INPUT", async () => {
    for (const input of [
      { name: "Ftp", feedUrl: "ftp://example.org/feed" },
      { name: "Example Herald", feedUrl: "https://example.org/other.xml" },
      { name: "Too fast", feedUrl: "https://example.org/fast.xml", pollInterval: 5 },
      { name: "Nothing" },
    ]) {
      const result = await run(db, `mutation ($input: AddSourceInput!) { addSource(input: $input) { source { id } } }`, { input });
      expect(errorCodes(result), JSON.stringify(input)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("pauses, resumes and removes a source, keeping its articles; the poller polls only due, active sources", async () => {
    const sources = await run(db, `{ sources(first: 100) { totalCount nodes { id name } } }`);
    const herald = sources.data.sources.nodes.find((s: any) => s.name === "Example Herald");
    const paused = await run(db, `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { source { paused } } }`, {
      input: { id: herald.id, paused: true },
    });
    expect(paused.data.updateSource.source.paused).toBe(true);

    // Everything but "Broken" (due again much later) is made due now; the paused source must be skipped.
    await db.prisma.source.updateMany({ where: { name: { not: "Broken" } }, data: { nextPollAt: new Date(0) } });
    const poller = startPoller(db, { ...SETTINGS, fetchPages: false }, { tickMs: 60_000 });
    const polled = await poller.runOnce();
    await poller.stop();
    const polledNames = await db.prisma.source.findMany({ where: { id: { in: polled.map((p) => p.sourceId) } }, select: { name: true } });
    expect(polledNames.map((s) => s.name).sort()).toEqual(["BBC saved copy", "Metadata", "Missing"]);

    const articlesBefore = await db.prisma.article.count();
    const removed = await run(db, `mutation ($id: ID!) { removeSource(id: $id) { removedSourceId } }`, { id: herald.id });
    expect(removed.data.removeSource.removedSourceId).toBe(herald.id);
    expect(await db.prisma.article.count()).toBe(articlesBefore);
    const gone = await run(db, `mutation ($id: ID!) { refreshSource(id: $id) { status } }`, { id: herald.id });
    expect(errorCodes(gone)).toEqual(["NOT_FOUND"]);
  });
});
