import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FeedParseError, htmlToText, parseFeed, parseFeedDate, type ParsedFeed } from "../../../src/ingest/feeds/index.js";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const feedsDir = path.resolve(repoRoot, "../shared/feeds");

function feedFile(name: string): Buffer {
  return fs.readFileSync(path.join(feedsDir, name));
}

function parseFile(name: string): ParsedFeed {
  return parseFeed(feedFile(name));
}

function parseError(run: () => unknown): FeedParseError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FeedParseError);
    return error as FeedParseError;
  }
  throw new Error("expected a FeedParseError, nothing was thrown");
}

// The README of shared/feeds: format and item count of every saved feed (and how many items
// have no date at all: CNN's three sponsored items have no pubDate).
const TABLE: Array<[file: string, format: ParsedFeed["format"], items: number, title: string, undated: number]> = [
  ["guardian-us_2018-01-31.rss.xml", "rss2", 55, "The Guardian", 0],
  ["nyt-world_2020-01-01.rss.xml", "rss2", 61, "NYT > World News", 0],
  ["cnn-world_2020-01-01.rss.xml", "rss2", 29, "CNN.com - RSS Channel - World", 3],
  ["bbc-news-home_2019-05-08.rss.xml", "rss2", 38, "BBC News - Home", 0],
  ["reuters-world_2018-01-30.rss.xml", "rss2", 10, "Reuters: World News", 0],
  ["huffpost-world_2019-06-30.rss.xml", "rss2", 31, "World News - Breaking News, Top Stories", 0],
  ["whitehouse-briefing-room_2026-08-21.rss.xml", "rss2", 30, "The White House Briefing Room", 0],
  ["nbc-newyork_2023-12-17.rss.xml", "rss2", 1, "NBC New York", 0],
  ["heise-developer_2016-02-01.atom.xml", "atom", 15, "heise developer neueste Meldungen", 0],
  ["golem_2023-01-25.rss1-iso-8859-1.xml", "rss1", 1, "Golem.de", 0],
];

describe("parseFeed on the saved real feeds", () => {
  it("covers every file of shared/feeds", () => {
    const files = fs.readdirSync(feedsDir).filter((f) => f.endsWith(".xml")).sort();
    expect(files).toEqual(TABLE.map(([file]) => file).sort());
  });

  it.each(TABLE)("%s: %s with %i items, each with a title, an http(s) URL and a date", (file, format, count, title, undated) => {
    const feed = parseFile(file);
    expect(feed.format).toBe(format);
    expect(feed.title).toBe(title);
    expect(feed.items).toHaveLength(count);
    expect(feed.items.filter((item) => item.publishedAt === undefined)).toHaveLength(undated);
    for (const item of feed.items) {
      expect(item.title).not.toBe("");
      expect(item.title).toBe(item.title.trim());
      expect(item.title).not.toMatch(/\s{2}|<|&(amp|lt|#\d+);/);
      expect(item.url).toMatch(/^https?:\/\/[^\s]+$/);
      if (!item.publishedAt) continue;
      const year = item.publishedAt.getUTCFullYear();
      expect(year).toBeGreaterThanOrEqual(2016);
      expect(year).toBeLessThanOrEqual(2026);
      if (item.summary) expect(item.summary).not.toMatch(/<\/?[a-z][^>]*>/i);
    }
  });

  it("BBC: CDATA values, first item title, link, guid, date and summary", () => {
    const feed = parseFile("bbc-news-home_2019-05-08.rss.xml");
    expect(feed.homepageUrl).toBe("https://www.bbc.co.uk/news/");
    expect(feed.warnings).toEqual([]);
    const [first] = feed.items;
    expect(first).toMatchObject({
      title: "MOCKS - Royal baby: Duke and Duchess of Sussex share first glimpse of son",
      url: "https://www.bbc.co.uk/news/uk-48201625",
      guid: "https://www.bbc.co.uk/news/uk-48201625",
      summary: 'The Duchess of Sussex describes her baby boy, who is wrapped in a white shawl, as "the dream".',
    });
    expect(first!.publishedAt!.toISOString()).toBe("2019-05-08T14:29:04.000Z");
  });

  it("golem: ISO-8859-1 bytes decoded by the XML declaration, RSS 1.0 fields, umlauts intact", () => {
    const feed = parseFile("golem_2023-01-25.rss1-iso-8859-1.xml");
    const [item] = feed.items;
    expect(item!.title).toBe("Digitalministerium: Neue Glasfaserförderung mit Schnellkasse");
    expect(item!.summary).toBe(
      "Ab April soll es wieder Förderung für den Ausbau von Glasfaser geben. Das Bundesdigitalministerium will es diesmal besser machen. (Infrastruktur, Glasfaser)",
    );
    expect(item!.url).toBe("https://www.golem.de/news/digitalministerium-neue-glasfaserfoerderung-mit-schnellkasse-2301-171451.html");
    expect(item!.author).toBe("Achim Sawall");
    expect(item!.publishedAt!.toISOString()).toBe("2023-01-25T18:03:02.000Z");
    expect(item!.contentHtml).toMatch(/^<img src="https:\/\/www\.golem\.de\/2301\//);
    expect(item!.contentText).toContain("Förderung für den Ausbau");
    expect(JSON.stringify(feed)).not.toMatch(/Ã|\uFFFD/);
  });

  it("golem: a wrong charset=utf-8 header does not garble the umlauts (invalid UTF-8 falls back to the declaration)", () => {
    const feed = parseFeed(feedFile("golem_2023-01-25.rss1-iso-8859-1.xml"), { contentType: "application/rss+xml; charset=utf-8" });
    expect(feed.items[0]!.title).toBe("Digitalministerium: Neue Glasfaserförderung mit Schnellkasse");
  });

  it("Reuters: feedburner:origLink is the item URL, not the feedproxy link", () => {
    const feed = parseFile("reuters-world_2018-01-30.rss.xml");
    for (const item of feed.items) expect(item.url).toMatch(/^http:\/\/www\.reuters\.com\/article\//);
    expect(feed.items[0]!.url).toBe(
      "http://www.reuters.com/article/us-northkorea-missiles-usa/u-s-general-says-north-korea-not-demonstrated-all-components-of-icbm-idUSKBN1FJ23Z?feedType=RSS&feedName=worldNews",
    );
    expect(feed.items[0]!.publishedAt!.toISOString()).toBe("2018-01-30T17:29:57.000Z");
    expect(feed.items[0]!.summary).toMatch(/^WASHINGTON \(Reuters\) - North Korea's nuclear program/);
  });

  it("CNN: CDATA padded with whitespace is trimmed, origLink preferred", () => {
    const feed = parseFile("cnn-world_2020-01-01.rss.xml");
    const [first] = feed.items;
    expect(first!.title).toBe("Australia's deadly wildfires are showing no signs of stopping. Here's what you need to know");
    expect(first!.url).toBe("https://www.cnn.com/2020/01/01/australia/australia-fires-explainer-intl-hnk-scli/index.html");
    expect(first!.publishedAt!.toISOString()).toBe("2020-01-01T08:21:39.000Z");
    // The description is only a tracking pixel: no text, so no summary.
    expect(first!.summary).toBeUndefined();
  });

  it("NBC: a pubDate without a zone ('Sat, Dec 16 2023 02:02:33 PM') is read in the channel's offset (-05:00)", () => {
    const feed = parseFile("nbc-newyork_2023-12-17.rss.xml");
    expect(feed.items[0]!.publishedAt!.toISOString()).toBe("2023-12-16T19:02:33.000Z");
    expect(feed.items[0]!.author).toBe("Gaby Acevedo and Jessica Cunnington");
    expect(feed.items[0]!.guid).toBe("4956764");
    expect(feed.warnings).toEqual(["1 date(s) without a time zone were read as UTC-05:00, the feed's own offset"]);
  });

  it("White House: values padded with newlines are trimmed; no description means no summary", () => {
    const feed = parseFile("whitehouse-briefing-room_2026-08-21.rss.xml");
    expect(feed.homepageUrl).toBe("https://www.whitehouse.gov/briefing-room/");
    expect(feed.items[0]).toEqual({
      title: "President Trump and Republicans Deliver for South Carolina Families",
      guid: "https://www.whitehouse.gov/releases/2026/08/president-trump-and-republicans-deliver-for-south-carolina-families/",
      url: "https://www.whitehouse.gov/releases/2026/08/president-trump-and-republicans-deliver-for-south-carolina-families/",
      publishedAt: new Date("2026-08-21T20:00:54.000Z"),
      categories: ["releases"],
    });
  });

  it("HuffPost: a stray <meta> before <channel> and a single-quoted declaration; entities decoded", () => {
    const feed = parseFile("huffpost-world_2019-06-30.rss.xml");
    expect(feed.items[2]!.title).toBe("Kim Jong Un Accepts Trump's Invitation To Meet At DMZ");
    expect(feed.items[0]!.contentText).toBe(
      "Tens of thousands of protesters marched Sunday toward Sudan's defense ministry to demand the ruling military force hand power over to civilians.",
    );
    expect(feed.items[0]!.publishedAt!.toISOString()).toBe("2019-06-30T20:09:58.000Z");
  });

  it("heise: German Atom entries with published dates, alternate links and html summaries", () => {
    const feed = parseFile("heise-developer_2016-02-01.atom.xml");
    expect(feed.homepageUrl).toBe("http://www.heise.de/developer/");
    const [first, second] = feed.items;
    expect(first!.title).toBe("Java-Anwendungsserver: Red Hat gibt WildFly 10 frei");
    expect(first!.guid).toBe("http://heise.de/-3088438");
    expect(first!.url).toBe(
      "http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html?wt_mc=rss.developer.beitrag.atom",
    );
    expect(first!.publishedAt!.toISOString()).toBe("2016-02-01T16:22:00.000Z");
    expect(second!.publishedAt!.toISOString()).toBe("2016-02-01T13:29:00.000Z");
    expect(first!.summary).toMatch(/^Die nun verfügbare Version 10 des Enterprise-Java-Servers/);
    expect(first!.author).toBe("heise online");
    expect(first!.contentHtml).toContain("<a href=");
    expect(first!.contentText).not.toContain("<");
  });

  it("NYT and Guardian: categories, authors, HTML stripped from long descriptions", () => {
    const nyt = parseFile("nyt-world_2020-01-01.rss.xml");
    expect(nyt.items[0]!.categories).toContain("Iraq");
    expect(nyt.items[0]!.author).toBe("Falih Hassan, Ben Hubbard and Alissa J. Rubin");
    const guardian = parseFile("guardian-us_2018-01-31.rss.xml");
    expect(guardian.items[0]!.categories.slice(0, 2)).toEqual(["Donald Trump", "State of the Union address"]);
    expect(guardian.items[0]!.summary).toMatch(/^The president’s ‘new American moment’ speech stirred Republican applause/);
    expect(guardian.items[0]!.summary).not.toContain("&lt;");
  });
});

describe("parseFeed on hand-written documents", () => {
  it("reads JSON Feed 1.1: ids, relative URLs, html and text content, authors, tags; skips a non-object item", () => {
    const json = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "Example Wire",
      home_page_url: "https://wire.example/",
      authors: [{ name: "Desk" }],
      items: [
        {
          id: "a1",
          url: "/news/a1",
          title: "First story",
          content_html: "<p>Hello <b>world</b></p><script>alert(1)</script><p>Second paragraph</p>",
          date_published: "2024-02-23T10:00:00+01:00",
          tags: ["politics", "politics", "europe"],
          authors: [{ name: "Ann" }, { name: "Bo" }],
        },
        { id: 2, external_url: "https://elsewhere.example/x", content_text: "Only text", summary: "Short." },
        "not an item",
      ],
    });
    const feed = parseFeed(Buffer.from(json), { contentType: "application/feed+json", url: "https://wire.example/feed.json" });
    expect(feed.format).toBe("jsonfeed");
    expect(feed.title).toBe("Example Wire");
    expect(feed.homepageUrl).toBe("https://wire.example/");
    expect(feed.items).toEqual([
      {
        guid: "a1",
        url: "https://wire.example/news/a1",
        title: "First story",
        contentHtml: "<p>Hello <b>world</b></p><script>alert(1)</script><p>Second paragraph</p>",
        contentText: "Hello world\nSecond paragraph",
        author: "Ann, Bo",
        publishedAt: new Date("2024-02-23T09:00:00Z"),
        categories: ["politics", "europe"],
      },
      {
        guid: "2",
        url: "https://elsewhere.example/x",
        title: "",
        summary: "Short.",
        contentText: "Only text",
        author: "Desk",
        categories: [],
      },
    ]);
    expect(feed.warnings).toEqual(["item 3: not an object; skipped"]);
  });

  it("returns the good items of a feed with bad ones, with a warning for each problem", () => {
    const xml = `<?xml version="1.0"?>
      <rss version="2.0"><channel><title>Mixed</title><link>https://mixed.example/</link>
        <item><title>Good one</title><link>/a</link><pubDate>Tue, 02 Jan 2024 10:00:00 +0000</pubDate></item>
        <item></item>
        <item><description>   </description></item>
        <item><title>Odd date</title><link>javascript:alert(1)</link><pubDate>sometime soon</pubDate></item>
        <item><title>Good &amp; &lt;b&gt;bold&lt;/b&gt; two</title><guid>urn:x:2</guid><pubDate>2024-01-03</pubDate></item>
      </channel></rss>`;
    const feed = parseFeed(xml);
    expect(feed.items.map((i) => i.title)).toEqual(["Good one", "Odd date", "Good & bold two"]);
    expect(feed.items[0]!.url).toBe("https://mixed.example/a");
    expect(feed.items[0]!.publishedAt!.toISOString()).toBe("2024-01-02T10:00:00.000Z");
    expect(feed.items[1]!.url).toBeUndefined();
    expect(feed.items[1]!.publishedAt).toBeUndefined();
    expect(feed.items[2]).toMatchObject({ guid: "urn:x:2", publishedAt: new Date("2024-01-03T00:00:00Z") });
    expect(feed.items[2]!.url).toBeUndefined();
    expect(feed.warnings).toEqual([
      "item 2: empty or not an element; skipped",
      "item 3: no title, link, id or content; skipped",
      'item 4: not an http(s) link: "javascript:alert(1)"',
      'item 4: unreadable date "sometime soon"',
      "1 date(s) without a time zone were read as UTC+00:00",
    ]);
  });

  it("reads Atom xhtml content as markup and text", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;lt;Feed&amp;gt;</title>
      <entry><id>tag:x,2024:1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Big <b>news</b></div></title>
      <link rel="self" href="https://x.example/self"/><link href="https://x.example/1"/>
      <updated>2024-05-01T12:00:00Z</updated>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One &amp; <em>two</em></p><p>Three</p></div></content>
      <category term="t1" label="Topic One"/><category term="t2"/></entry></feed>`;
    const feed = parseFeed(xml);
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("A <Feed>");
    expect(feed.items[0]).toMatchObject({
      title: "Big news",
      url: "https://x.example/1",
      contentText: "One & two\nThree",
      categories: ["Topic One", "t2"],
      publishedAt: new Date("2024-05-01T12:00:00Z"),
    });
    expect(feed.items[0]!.contentHtml).toContain("<em>two</em>");
  });

  it("goes by the document, not a wrong Content-Type", () => {
    const feed = parseFeed(feedFile("nbc-newyork_2023-12-17.rss.xml"), { contentType: "application/json" });
    expect(feed.format).toBe("rss2");
    expect(feed.items).toHaveLength(1);
  });

  it("throws FeedParseError for truncated XML, wherever it is cut", () => {
    const full = feedFile("bbc-news-home_2019-05-08.rss.xml").toString("utf8");
    for (const cut of [60, 300, 1000, 5000, 12_345, full.length - 10]) {
      const error = parseError(() => parseFeed(full.slice(0, cut)));
      expect(error.message).toMatch(/^malformed XML at line \d+(, column \d+)?: /);
    }
  });

  it("throws FeedParseError for documents that are not feeds", () => {
    expect(parseError(() => parseFeed("")).message).toBe("empty document");
    expect(parseError(() => parseFeed("<!DOCTYPE html><html><head><meta charset=utf-8></head></html>")).message).toBe(
      "an HTML page, not a feed",
    );
    expect(parseError(() => parseFeed("<opml><body/></opml>")).message).toBe("not a feed: root element <opml>");
    expect(parseError(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [')).message).toMatch(/^malformed JSON/);
    expect(parseError(() => parseFeed('{"title": "no version"}')).message).toMatch(/^not a JSON Feed/);
    expect(parseError(() => parseFeed("just some text")).message).toMatch(/^malformed XML/);
  });

  it("does not expand nested entities (billion laughs), quickly", () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("\n");
    const xml = `<?xml version="1.0"?>
      <!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]>
      <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;&lol9;</title><link>https://x.example/</link></item></channel></rss>`;
    const started = performance.now();
    let outcome: ParsedFeed | FeedParseError;
    try {
      outcome = parseFeed(xml);
    } catch (error) {
      outcome = error as FeedParseError;
    }
    expect(performance.now() - started).toBeLessThan(1000);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(FeedParseError);
    } else {
      expect(JSON.stringify(outcome).length).toBeLessThan(2_000);
      expect(JSON.stringify(outcome)).not.toContain("lollol");
    }
  });

  it("caps linear entity expansion (quadratic blow-up) with a FeedParseError", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${"x".repeat(9_000)}">]>
      <rss version="2.0"><channel><title>t</title><item><title>${"&big;".repeat(5_000)}</title></item></channel></rss>`;
    const started = performance.now();
    expect(parseError(() => parseFeed(xml)).message).toMatch(/expan/i);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("never reads external entities (XXE)", () => {
    const secretFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xxe-")), "secret.txt");
    fs.writeFileSync(secretFile, "TOP-SECRET-MARKER");
    for (const url of ["file:///etc/passwd", `file://${secretFile}`]) {
      const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "${url}">]>
        <rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://x.example/</link></item></channel></rss>`;
      let seen = "";
      try {
        seen = JSON.stringify(parseFeed(xml));
      } catch (error) {
        expect(error).toBeInstanceOf(FeedParseError);
        seen = (error as Error).message;
      }
      expect(seen).not.toContain("TOP-SECRET-MARKER");
      expect(seen).not.toContain("root:");
    }
    const parameterEntity = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]><rss/>`;
    let seen = "";
    try {
      seen = JSON.stringify(parseFeed(parameterEntity));
    } catch (error) {
      expect(error).toBeInstanceOf(FeedParseError);
      seen = (error as Error).message;
    }
    expect(seen).not.toContain("TOP-SECRET-MARKER");
    fs.rmSync(path.dirname(secretFile), { recursive: true });
  });
});

describe("parseFeedDate and htmlToText", () => {
  it("reads RFC 822, ISO 8601 and loose forms; zoneless ones in the given offset; rejects non-dates", () => {
    expect(parseFeedDate("Wed, 08 May 2019 14:56:16 GMT")).toEqual({ date: new Date("2019-05-08T14:56:16Z"), offsetMinutes: 0 });
    expect(parseFeedDate("Sun, 30 Jun 2019 16:09:58 -0400")!.date.toISOString()).toBe("2019-06-30T20:09:58.000Z");
    expect(parseFeedDate("Mon, 1 Jan 2024 10:00:00 EST")!.date.toISOString()).toBe("2024-01-01T15:00:00.000Z");
    expect(parseFeedDate("2016-02-01T17:54:50+01:00")).toEqual({ date: new Date("2016-02-01T16:54:50Z"), offsetMinutes: 60 });
    expect(parseFeedDate("2016-02-01T17:54:50.250Z")!.date.toISOString()).toBe("2016-02-01T17:54:50.250Z");
    expect(parseFeedDate("2016-02-01T17:54:50", 120)).toEqual({ date: new Date("2016-02-01T15:54:50Z"), offsetMinutes: undefined });
    expect(parseFeedDate("Sat, Dec 16 2023 02:02:33 PM")!.date.toISOString()).toBe("2023-12-16T14:02:33.000Z");
    expect(parseFeedDate("Sat, Dec 16 2023 02:02:33 PM", -300)!.date.toISOString()).toBe("2023-12-16T19:02:33.000Z");
    expect(parseFeedDate("  \n Fri, 21 Aug 2026 16:00:54 -0400 \n ")!.date.toISOString()).toBe("2026-08-21T20:00:54.000Z");
    expect(parseFeedDate("2023-02-30T10:00:00Z")).toBeUndefined();
    expect(parseFeedDate("Monday")).toBeUndefined();
    expect(parseFeedDate("garbage")).toBeUndefined();
    expect(parseFeedDate("")).toBeUndefined();
  });

  it("strips tags, scripts and styles with an HTML parser and keeps block breaks", () => {
    expect(htmlToText("<p>Tom &amp; Jerry&#39;s <b>big</b>\n day</p><style>p{}</style><script>x()</script><p>Next&nbsp;one</p>x < y")).toBe(
      "Tom & Jerry's big day\nNext one\nx < y",
    );
    expect(htmlToText("plain   text\n here")).toBe("plain text here");
  });
});
