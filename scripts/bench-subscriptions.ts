/**
 * Subscription fan-out: how long after `ingestArticle` answers do subscribers receive the article,
 * with many subscribers spread over two servers, and what subscribers cost the ingest.
 *
 *   npx tsx scripts/bench-subscriptions.ts                         # embedded: two servers, one process
 *   npx tsx scripts/bench-subscriptions.ts --postgres URL          # PostgreSQL: two servers with their own pools and LISTEN connections
 *   npx tsx scripts/bench-subscriptions.ts --articles 100 --subscribers 200
 *
 * Articles are corpus articles (../shared/corpus, read in place) ingested one after another over
 * HTTP on server B; every subscriber sits on server A (or half on each with --spread) with
 * `articleAdded { id title }` plus, on every fourth, `claimAdded(filter: { kind: ACCUSE })`.
 * Latency is measured from the mutation's response to the subscriber's receipt. A run without
 * subscribers first gives the ingest time to compare with. The database is created for the run
 * and removed afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient, type Client } from "graphql-ws";
import pg from "pg";
import WebSocket from "ws";
import { createApiKey } from "../src/db/api-key.repository.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { startHttpServer, type RunningServer } from "../src/server/http.js";

const args = process.argv.slice(2);
const valueOf = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const articleCount = Number(valueOf("--articles") ?? 60);
const subscriberCount = Number(valueOf("--subscribers") ?? 100);
const postgresUrl = valueOf("--postgres");
const spread = args.includes("--spread");
const SETTINGS = { maxBodyBytes: 1_000_000 };

interface CorpusArticle {
  title: string;
  body: string;
}

function corpus(count: number): CorpusArticle[] {
  const file = path.resolve(import.meta.dirname, "../../shared/corpus/wikinews-en-2019-2020.jsonl");
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusArticle)
    .filter((article) => article.body.length > 500 && article.body.length < 4000)
    .slice(0, count * 2);
}

async function openBenchDatabase(): Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (!postgresUrl) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "newsgraph-bench-subs-"));
    return { open: () => openDatabase({ dataDir }), drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `newsgraph_bench_subs_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    open: () => openDatabase({ url: url.href, dataDir: os.tmpdir() }),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const { open, drop } = await openBenchDatabase();
  const clients: Client[] = [];
  const servers: RunningServer[] = [];
  const databases: Database[] = [];
  try {
    const first = await open();
    databases.push(first);
    // In PostgreSQL mode the second server gets its own pool (and LISTEN connection).
    const second = postgresUrl ? await open() : first;
    if (second !== first) databases.push(second);
    const key = (await createApiKey(first.prisma, "EDITOR", "bench")).token;
    const serverA = await startHttpServer({ db: first, settings: SETTINGS }, 0);
    const serverB = await startHttpServer({ db: second, settings: SETTINGS }, 0);
    servers.push(serverA, serverB);

    const articles = corpus(articleCount);
    const ingest = async (article: CorpusArticle, suffix: string) => {
      const response = await fetch(serverB.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        body: JSON.stringify({
          query: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { duplicate claimCount } }`,
          variables: { input: { title: `${article.title}${suffix}`, body: `${article.body}\n\n${suffix}` } },
        }),
      });
      const json = (await response.json()) as any;
      if (json.errors) throw new Error(JSON.stringify(json.errors));
      return json.data.ingestArticle as { duplicate: boolean; claimCount: number };
    };

    // Baseline: the same kind of articles, nobody subscribed.
    const baselineStart = performance.now();
    for (const article of articles.slice(articleCount, articleCount * 2)) await ingest(article, " [baseline]");
    const baselineMs = performance.now() - baselineStart;

    const received = new Map<string, number[]>();
    let claimsReceived = 0;
    for (let index = 0; index < subscriberCount; index += 1) {
      const target = spread && index % 2 === 1 ? serverB : serverA;
      const client = createClient({ url: target.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
      clients.push(client);
      client.subscribe(
        { query: "subscription { articleAdded { id title } }" },
        {
          next: (result: any) => {
            const title = result.data?.articleAdded?.title;
            if (title) (received.get(title) ?? received.set(title, []).get(title)!).push(performance.now());
          },
          error: (error) => console.error("subscriber error:", error),
          complete: () => {},
        },
      );
      if (index % 4 === 0) {
        client.subscribe(
          { query: "subscription { claimAdded(filter: { kind: ACCUSE }) { kind speaker { name } } }" },
          { next: () => void (claimsReceived += 1), error: (error) => console.error("subscriber error:", error), complete: () => {} },
        );
      }
    }
    const expectedSubscriptions = subscriberCount + Math.ceil(subscriberCount / 4);
    const deadline = Date.now() + 60_000;
    while (serverA.subscriptions.activeSubscriptions + serverB.subscriptions.activeSubscriptions < expectedSubscriptions) {
      if (Date.now() > deadline) throw new Error("subscribers did not connect within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const answeredAt = new Map<string, number>();
    let accusations = 0;
    const start = performance.now();
    for (const article of articles.slice(0, articleCount)) {
      const outcome = await ingest(article, " [live]");
      answeredAt.set(`${article.title} [live]`, performance.now());
      accusations += outcome.claimCount;
    }
    const ingestMs = performance.now() - start;
    const waitUntil = Date.now() + 60_000;
    while ([...answeredAt.keys()].some((title) => (received.get(title)?.length ?? 0) < subscriberCount) && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const latencies: number[] = [];
    let missing = 0;
    for (const [title, at] of answeredAt) {
      const times = received.get(title) ?? [];
      missing += subscriberCount - times.length;
      for (const time of times) latencies.push(time - at);
    }
    latencies.sort((a, b) => a - b);
    const mode = postgresUrl ? "PostgreSQL (LISTEN/NOTIFY, two pools)" : "embedded (in-process)";
    console.log(`mode: ${mode}; ${subscriberCount} subscribers on ${spread ? "both servers" : "server A"}, articles ingested on server B`);
    console.log(`ingest without subscribers: ${articleCount} articles in ${baselineMs.toFixed(0)} ms (${(baselineMs / articleCount).toFixed(1)} ms/article)`);
    console.log(`ingest with subscribers:    ${articleCount} articles in ${ingestMs.toFixed(0)} ms (${(ingestMs / articleCount).toFixed(1)} ms/article)`);
    console.log(
      `articleAdded deliveries: ${latencies.length} (missing ${missing}); latency after the mutation answered: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms`,
    );
    console.log(`claimAdded(ACCUSE) deliveries: ${claimsReceived} (claims stored: ${accusations}, all kinds)`);
    console.log(`load: ${os.loadavg().map((value) => value.toFixed(2)).join(" ")} (1/5/15 min) on ${os.cpus().length} cores`);
  } finally {
    for (const client of clients) await client.dispose();
    for (const running of servers) await running.close();
    for (const database of databases) await database.close();
    await drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
