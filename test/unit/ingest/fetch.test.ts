import dc from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  decodeBody,
  detectCharset,
  FEED_CONTENT_TYPES,
  FetchError,
  type FetchErrorCode,
  type FetchOptions,
  type FetchResult,
  fetchUrl,
  isBlockedAddress,
  PAGE_CONTENT_TYPES,
  USER_AGENT,
} from "../../../src/ingest/fetch/index.js";

const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test feed</title></channel></rss>`;
const ETAG = '"feed-v1"';
const LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";
const MB = 1024 * 1024;

// Everything a test asks of the server is local: 127.0.0.1 on a port picked by the system.
let server: http.Server;
let base: string;
let port: number;
let connections = 0;
const requests: http.IncomingHttpHeaders[] = [];
const timers = new Set<NodeJS.Timeout>();
// 50 MB of zeros compress to ~50 kB: a gzip bomb.
const gzipBomb = zlib.gzipSync(Buffer.alloc(50 * MB), { level: 9 });

function route(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url ?? "/", base);
  requests.push(request.headers);
  // Timers of this response; all cleared when the client goes away.
  let pending: NodeJS.Timeout | undefined;
  response.once("close", () => clearTimeout(pending));
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    pending = timer;
  };
  const redirect = /^\/redirect\/(\d+)$/.exec(url.pathname);
  if (redirect) {
    const left = Number(redirect[1]);
    response.writeHead(left % 2 ? 302 : 301, { location: left > 1 ? `/redirect/${left - 1}` : `${base}/feed` }).end();
    return;
  }
  switch (url.pathname) {
    case "/feed": {
      const fresh = request.headers["if-none-match"] === ETAG || request.headers["if-modified-since"] === LAST_MODIFIED;
      response.setHeader("etag", ETAG);
      response.setHeader("last-modified", LAST_MODIFIED);
      if (fresh) return void response.writeHead(304).end();
      response.writeHead(200, { "content-type": "application/rss+xml; charset=UTF-8" }).end(FEED);
      return;
    }
    case "/headers":
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(request.headers));
      return;
    case "/latin1":
      response.writeHead(200, { "content-type": "text/xml" });
      response.end(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Glasfaserförderung für Bürger</title></channel></rss>`, "latin1"));
      return;
    case "/to-metadata":
      response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
      return;
    case "/to-ipv6-loopback":
      response.writeHead(307, { location: `http://[::1]:${port}/feed` }).end();
      return;
    case "/to-mapped-loopback":
      response.writeHead(308, { location: `http://[::ffff:127.0.0.1]:${port}/feed` }).end();
      return;
    case "/to-internal-name":
      response.writeHead(302, { location: "http://intranet.test/admin" }).end();
      return;
    case "/to-translated-loopback":
      response.writeHead(302, { location: `http://[::ffff:0:7f00:1]:${port}/feed` }).end();
      return;
    case "/to-rebinding-name":
      response.writeHead(302, { location: `http://rebind.test:${port}/feed` }).end();
      return;
    case "/to-file":
      response.writeHead(302, { location: "file:///etc/passwd" }).end();
      return;
    case "/loop":
      response.writeHead(302, { location: "/loop" }).end();
      return;
    case "/slow":
      later(5_000, () => response.writeHead(200, { "content-type": "text/xml" }).end(FEED));
      return;
    case "/big":
      response.writeHead(200, { "content-type": "text/xml", "content-length": String(2 * MB) }).end(Buffer.alloc(2 * MB, 0x20));
      return;
    case "/big-chunked":
      response.writeHead(200, { "content-type": "text/xml" });
      for (let i = 0; i < 32; i++) response.write(Buffer.alloc(64 * 1024, 0x20));
      response.end();
      return;
    case "/gzip":
      response.writeHead(200, { "content-type": "text/xml", "content-encoding": "gzip" }).end(zlib.gzipSync(FEED));
      return;
    case "/brotli":
      response.writeHead(200, { "content-type": "text/xml", "content-encoding": "br" }).end(zlib.brotliCompressSync(FEED));
      return;
    case "/gzip-bomb":
      response.writeHead(200, { "content-type": "text/xml", "content-encoding": "gzip", "content-length": String(gzipBomb.length) });
      response.end(gzipBomb);
      return;
    case "/bad-gzip":
      response.writeHead(200, { "content-type": "text/xml", "content-encoding": "gzip" }).end("this is not gzip data at all");
      return;
    case "/html":
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>x</title>");
      return;
    case "/no-type":
      response.writeHead(200).end(FEED);
      return;
    case "/error":
      response.writeHead(503).end("down");
      return;
    case "/endless": {
      // Chunked and never ending: 16 kB every 2 ms until the client hangs up.
      response.writeHead(200, { "content-type": "text/xml" });
      const pump = () => later(2, () => {
        response.write(Buffer.alloc(16 * 1024, 0x20));
        pump();
      });
      pump();
      return;
    }
    case "/drip": {
      // Headers at once, then one byte every 50 ms, forever.
      response.writeHead(200, { "content-type": "text/xml" });
      const drip = () => later(50, () => {
        response.write(" ");
        drip();
      });
      drip();
      return;
    }
    case "/cut":
      response.writeHead(200, { "content-type": "text/xml", "content-length": "1000" });
      response.write("<rss>");
      later(20, () => response.socket?.destroy());
      return;
    default:
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}

// Every socket this process opens, to prove that refused URLs never cause a connection attempt.
const socketsOpened: unknown[] = [];
const onSocket = (message: unknown) => socketsOpened.push(message);

beforeAll(async () => {
  dc.subscribe("net.client.socket", onSocket);
  server = http.createServer(route);
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  dc.unsubscribe("net.client.socket", onSocket);
  for (const timer of timers) clearTimeout(timer);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
});

/** Options for the local test server: short limits, and 127.0.0.1 allowed. */
const local = (extra: FetchOptions = {}): FetchOptions => ({ allowHosts: ["127.0.0.1"], timeoutMs: 1_000, connectTimeoutMs: 500, ...extra });

async function fetchError(url: string, options: FetchOptions, code: FetchErrorCode): Promise<FetchError> {
  let outcome: FetchResult | undefined;
  try {
    outcome = await fetchUrl(url, options);
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).code, (error as Error).message).toBe(code);
    return error as FetchError;
  }
  throw new Error(`expected FetchError ${code}, got a result with status ${outcome.status}`);
}

function bodyOf(result: FetchResult): Buffer {
  if (result.notModified) throw new Error("expected a body, got 304");
  return result.body;
}

describe("fetchUrl against a local server", () => {
  it("returns body, status, type, charset, validators and final URL, with polite headers", async () => {
    const result = await fetchUrl(`${base}/feed`, local({ accept: FEED_CONTENT_TYPES }));
    expect(result).toMatchObject({
      notModified: false,
      status: 200,
      url: `${base}/feed`,
      contentType: "application/rss+xml",
      charset: "utf-8",
      etag: ETAG,
      lastModified: LAST_MODIFIED,
    });
    expect(bodyOf(result).toString("utf8")).toBe(FEED);
    expect(requests[0]!["user-agent"]).toBe(USER_AGENT);
    expect(requests[0]!["user-agent"]).toBe("Newsgraph/0.1 (+https://github.com/newsgraph)");
    expect(requests[0]!.accept).toBe(FEED_CONTENT_TYPES.join(", "));
    expect(requests[0]!["accept-encoding"]).toBe("gzip, deflate, br");
    expect(requests[0]!["if-none-match"]).toBeUndefined();
  });

  it("sends If-None-Match / If-Modified-Since and reports 304 as notModified", async () => {
    const first = await fetchUrl(`${base}/feed`, local());
    const byEtag = await fetchUrl(`${base}/feed`, local({ etag: first.etag }));
    expect(byEtag).toEqual({ notModified: true, status: 304, url: `${base}/feed`, etag: ETAG, lastModified: LAST_MODIFIED });
    expect(requests[1]!["if-none-match"]).toBe(ETAG);
    const byDate = await fetchUrl(`${base}/feed`, local({ lastModified: first.lastModified }));
    expect(byDate.notModified).toBe(true);
    expect(requests[2]!["if-modified-since"]).toBe(LAST_MODIFIED);
    const stale = await fetchUrl(`${base}/feed`, local({ etag: '"old"' }));
    expect(stale.status).toBe(200);
    expect(bodyOf(stale).toString()).toBe(FEED);
  });

  it("follows redirects up to the limit and reports the final URL", async () => {
    const result = await fetchUrl(`${base}/redirect/5`, local());
    expect(result.url).toBe(`${base}/feed`);
    expect(bodyOf(result).toString()).toBe(FEED);
    expect(requests).toHaveLength(6);
    await fetchError(`${base}/redirect/6`, local(), "TOO_MANY_REDIRECTS");
    await fetchError(`${base}/loop`, local({ maxRedirects: 3 }), "TOO_MANY_REDIRECTS");
    await fetchError(`${base}/redirect/1`, local({ maxRedirects: 0 }), "TOO_MANY_REDIRECTS");
  });

  it("checks every redirect hop: metadata address, IPv6 and mapped loopback, private names, other schemes", async () => {
    const before = socketsOpened.length;
    const metadata = await fetchError(`${base}/to-metadata`, local(), "BLOCKED_ADDRESS");
    expect(metadata.url).toBe("http://169.254.169.254/latest/meta-data/");
    await fetchError(`${base}/to-ipv6-loopback`, local(), "BLOCKED_ADDRESS");
    await fetchError(`${base}/to-mapped-loopback`, local(), "BLOCKED_ADDRESS");
    const resolve = async (host: string) => (host === "intranet.test" ? [{ address: "10.1.2.3", family: 4 as const }] : []);
    await fetchError(`${base}/to-internal-name`, local({ resolve }), "BLOCKED_ADDRESS");
    await fetchError(`${base}/to-file`, local(), "BAD_URL");
    await fetchError(`${base}/to-translated-loopback`, local(), "BLOCKED_ADDRESS");
    // A public-looking name that resolves to an IPv4-mapped private address.
    const rebind = async (host: string) => (host === "rebind.test" ? [{ address: "::ffff:192.168.0.10", family: 6 as const }] : []);
    await fetchError(`${base}/to-rebinding-name`, local({ resolve: rebind }), "BLOCKED_ADDRESS");
    // One socket per redirecting request to the test server; none to any refused address.
    expect(socketsOpened.length - before).toBe(7);
  });

  it("times out a slow response and an endless trickle, within the deadline", async () => {
    let started = performance.now();
    const slow = await fetchError(`${base}/slow`, local({ timeoutMs: 300 }), "TIMEOUT");
    expect(slow.message).toMatch(/300 ms/);
    expect(performance.now() - started).toBeLessThan(1_000);
    started = performance.now();
    await fetchError(`${base}/drip`, local({ timeoutMs: 400 }), "TIMEOUT");
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("refuses bodies over maxBytes: declared, chunked, endless, and decompressed (gzip bomb)", async () => {
    await fetchError(`${base}/big`, local({ maxBytes: MB }), "TOO_LARGE");
    await fetchError(`${base}/big-chunked`, local({ maxBytes: MB }), "TOO_LARGE");
    const started = performance.now();
    await fetchError(`${base}/endless`, local({ maxBytes: 256 * 1024, timeoutMs: 5_000 }), "TOO_LARGE");
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(gzipBomb.length).toBeLessThan(MB); // small on the wire: only the decompressed count can catch it
    const bomb = await fetchError(`${base}/gzip-bomb`, local({ maxBytes: MB }), "TOO_LARGE");
    expect(bomb.message).toBe(`body exceeds ${MB} bytes`);
    // Within the limit, the same responses are fine.
    expect(bodyOf(await fetchUrl(`${base}/big-chunked`, local({ maxBytes: 3 * MB }))).length).toBe(2 * MB);
  });

  it("decompresses gzip and brotli, and reports corrupt compression as DECODE_ERROR", async () => {
    expect(bodyOf(await fetchUrl(`${base}/gzip`, local())).toString()).toBe(FEED);
    expect(bodyOf(await fetchUrl(`${base}/brotli`, local())).toString()).toBe(FEED);
    await fetchError(`${base}/bad-gzip`, local(), "DECODE_ERROR");
  });

  it("checks the content type against `accept`", async () => {
    const html = await fetchError(`${base}/html`, local({ accept: FEED_CONTENT_TYPES }), "BAD_CONTENT_TYPE");
    expect(html.message).toBe("unexpected content type text/html");
    await fetchError(`${base}/no-type`, local({ accept: FEED_CONTENT_TYPES }), "BAD_CONTENT_TYPE");
    await fetchError(`${base}/feed`, local({ accept: PAGE_CONTENT_TYPES }), "BAD_CONTENT_TYPE");
    expect((await fetchUrl(`${base}/html`, local({ accept: PAGE_CONTENT_TYPES }))).status).toBe(200);
    expect((await fetchUrl(`${base}/html`, local({ accept: ["text/*"] }))).status).toBe(200);
  });

  it("reports error statuses as HTTP_ERROR with the status", async () => {
    const missing = await fetchError(`${base}/nothing-here`, local(), "HTTP_ERROR");
    expect(missing.status).toBe(404);
    expect(missing.message).toBe("HTTP 404 Not Found");
    expect((await fetchError(`${base}/error`, local(), "HTTP_ERROR")).status).toBe(503);
    const withPassword = await fetchError(`http://user:s3cret@127.0.0.1:${port}/nothing-here`, local(), "HTTP_ERROR");
    expect(withPassword.url).toBe(`${base}/nothing-here`);
    expect(requests.at(-1)!.authorization).toBe(`Basic ${Buffer.from("user:s3cret").toString("base64")}`);
  });

  it("reports TLS, refused connections and cut-off bodies as TLS_ERROR / NETWORK_ERROR", async () => {
    // https to a plain-HTTP port: the TLS handshake fails.
    await fetchError(`https://127.0.0.1:${port}/feed`, local(), "TLS_ERROR");
    const spare = http.createServer();
    await new Promise<void>((resolve) => spare.listen(0, "127.0.0.1", resolve));
    const closedPort = (spare.address() as AddressInfo).port;
    await new Promise<void>((resolve) => spare.close(() => resolve()));
    await fetchError(`http://127.0.0.1:${closedPort}/`, local(), "NETWORK_ERROR");
    await fetchError(`${base}/cut`, local(), "NETWORK_ERROR");
    const failing = async (): Promise<never> => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.test"), { code: "ENOTFOUND" });
    };
    await fetchError("http://nowhere.test/", { resolve: failing, timeoutMs: 500 }, "NETWORK_ERROR");
  });

  it("allows a host named in allowHosts by its name (localhost), and only that host", async () => {
    const result = await fetchUrl(`http://localhost:${port}/feed`, { allowHosts: ["localhost"], timeoutMs: 1_000 });
    expect(bodyOf(result).toString()).toBe(FEED);
    await fetchError(`${base}/feed`, { allowHosts: ["localhost"], timeoutMs: 1_000 }, "BLOCKED_ADDRESS");
  });

  it("connects to the address it checked, not to what the system resolver would say", async () => {
    const result = await fetchUrl(`http://feed.test:${port}/headers`, {
      allowHosts: ["feed.test"],
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      timeoutMs: 1_000,
    });
    expect(JSON.parse(bodyOf(result).toString()).host).toBe(`feed.test:${port}`);
  });
});

describe("fetchUrl refuses non-public addresses before connecting", () => {
  it.each([
    ["http://127.0.0.1:PORT/feed"],
    ["http://localhost:PORT/feed"],
    ["http://[::ffff:127.0.0.1]:PORT/feed"],
    ["http://[::1]:PORT/feed"],
    ["http://0x7f.1:PORT/feed"],
    ["http://10.0.0.1/"],
    ["http://169.254.169.254/latest/meta-data/"],
    ["http://192.168.1.1/"],
    ["http://100.64.0.1/"],
    ["http://0.0.0.0:PORT/"],
    ["http://[fd00::1]/"],
    ["http://[fe80::1]/"],
    // Other spellings of loopback that URL parsing normalises, and IPv6 forms that embed IPv4.
    ["http://2130706433:PORT/feed"],
    ["http://0177.0.0.1:PORT/feed"],
    ["http://127.1:PORT/feed"],
    ["http://0x7f000001:PORT/feed"],
    ["http://LOCALHOST.:PORT/feed"],
    ["http://[::ffff:7f00:1]:PORT/feed"],
    ["http://[::ffff:0:7f00:1]:PORT/feed"],
    ["http://[::127.0.0.1]:PORT/feed"],
    ["http://[64:ff9b::7f00:1]/"],
    ["http://[64:ff9b::a9fe:a9fe]/latest/meta-data/"],
    ["http://[2002:7f00:1::]/"],
    ["http://[fd00:ec2::254]/latest/meta-data/"],
    ["http://[::ffff:169.254.169.254]/latest/meta-data/"],
  ])("%s", async (template) => {
    const url = template.replace("PORT", String(port));
    const sockets = socketsOpened.length;
    const connected = connections;
    const error = await fetchError(url, { timeoutMs: 1_000 }, "BLOCKED_ADDRESS");
    expect(error.message).toMatch(/non-public address/);
    expect(socketsOpened.length).toBe(sockets);
    expect(connections).toBe(connected);
  });

  it("refuses a name when any of its addresses is non-public", async () => {
    const sockets = socketsOpened.length;
    const resolve = async () => [
      { address: "93.184.216.34", family: 4 as const },
      { address: "10.0.0.7", family: 4 as const },
    ];
    const error = await fetchError("http://mixed.test/", { resolve, timeoutMs: 1_000 }, "BLOCKED_ADDRESS");
    expect(error.message).toBe("mixed.test resolves to 10.0.0.7, a non-public address");
    for (const address of ["::ffff:10.0.0.7", "fd00:ec2::254", "::ffff:0:a00:7", "64:ff9b::a00:7", "fe80::1%2"]) {
      const only = async () => [{ address, family: 6 as const }];
      await fetchError("http://v6.test/", { resolve: only, timeoutMs: 1_000 }, "BLOCKED_ADDRESS");
    }
    expect(socketsOpened.length).toBe(sockets);
  });

  it("rejects malformed URLs and other schemes as BAD_URL", async () => {
    for (const url of ["not a url", "ftp://example.com/feed", "file:///etc/passwd", "javascript:alert(1)", "data:text/plain,hi"]) {
      await fetchError(url, {}, "BAD_URL");
    }
  });

  it("classifies addresses", () => {
    for (const blocked of ["127.0.0.1", "10.255.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1",
      "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1%eth0", "::ffff:127.0.0.1",
      "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "ff02::1", "not-an-ip",
      // IPv4-translated, segment routing, new documentation range, anything outside 2000::/3.
      "::ffff:0:7f00:1", "5f00::1", "3fff::1", "4000::1", "::ffff:169.254.169.254", "fd00:ec2::254", "2001:0:4136:e378:8000:63bf:3fff:fdd2"]) {
      expect(isBlockedAddress(blocked), blocked).toBe(true);
    }
    for (const open of ["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isBlockedAddress(open), open).toBe(false);
    }
  });
});

describe("decodeBody", () => {
  it("uses the XML declaration when the header names no charset (ISO-8859-1)", async () => {
    const result = await fetchUrl(`${base}/latin1`, local());
    expect(result.notModified).toBe(false);
    if (result.notModified) return;
    expect(result.charset).toBeUndefined();
    expect(detectCharset(result.body, result)).toBe("windows-1252");
    expect(decodeBody(result.body, result)).toContain("Glasfaserförderung für Bürger");
  });

  it("prefers BOM, then header charset, then the document's declaration; invalid UTF-8 falls through", () => {
    const latin1 = Buffer.from("<html><head><meta charset=\"iso-8859-1\"></head><body>Café</body></html>", "latin1");
    expect(decodeBody(latin1)).toContain("Café");
    const utf8 = Buffer.from("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>Café</html>");
    expect(decodeBody(utf8)).toContain("Café");
    expect(decodeBody(Buffer.from("Café", "latin1"), { contentType: "text/plain; charset=ISO-8859-1" })).toBe("Café");
    // Invalid UTF-8 with only UTF-8 declared: replacement characters where the bytes are bad.
    expect(decodeBody(Buffer.from("Café", "latin1"), { contentType: "text/plain; charset=utf-8" })).toBe("Caf\uFFFD");
    // Invalid UTF-8 header, but the document declares its encoding: the declaration wins.
    expect(decodeBody(Buffer.from("<?xml version='1.0' encoding='iso-8859-1'?><t>Café</t>", "latin1"), { charset: "utf-8" })).toContain("Café");
    expect(decodeBody(Buffer.from("\uFEFFCafé", "utf8"), { contentType: "text/plain; charset=iso-8859-1" })).toBe("Café");
    expect(decodeBody(Buffer.from("\uFEFFhi", "utf16le"))).toBe("hi");
    const cyrillic = Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]);
    expect(decodeBody(cyrillic, { charset: "windows-1251" })).toBe("Привет");
  });

  it("throws DECODE_ERROR when only an unknown charset is named and the bytes are not UTF-8", () => {
    let thrown: unknown;
    try {
      decodeBody(Buffer.from([0x41, 0xfd]), { charset: "x-no-such-charset" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FetchError);
    expect((thrown as FetchError).code).toBe("DECODE_ERROR");
    expect(decodeBody(Buffer.from("plain"), { charset: "x-no-such-charset" })).toBe("plain");
  });
});
