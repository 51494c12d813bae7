/**
 * Extraction speed on one core: the pure extractor over the shared news corpus.
 *
 *   npx tsx scripts/bench-extract.ts [N]   # N articles per corpus file (default: all, ~6,800)
 *   npx tsx scripts/bench-extract.ts [N] --json   # the totals as one JSON object (npm run bench reads it)
 *
 * Prints articles/s and MB/s (UTF-8 bytes of title + body) per file and in total, by wall clock and
 * by CPU time of this process (process.cpuUsage: user + system; the extraction runs on one thread,
 * but V8's garbage-collector helper threads are counted too, so on an idle machine CPU time can
 * exceed wall time, and on a busy one wall time exceeds CPU time), and the peak
 * resident set size, sampled (process.memoryUsage().rss) after every 10th article. Input is parsed
 * before the clock starts; a short warm-up run is not timed. Reads ../shared; writes nothing.
 */
import { readFileSync } from "node:fs";
import { extract } from "../src/extract/index.js";

const shared = new URL("../../shared/", import.meta.url);
const FILES = ["corpus/wikinews-en-2019-2020.jsonl", "corpus/whitehouse-2021-2026.jsonl"];
const arg = process.argv.slice(2).find((x) => /^\d+$/.test(x));
const limit = arg ? Number(arg) : Infinity;
const json = process.argv.includes("--json");
const say = json ? () => {} : console.log;

interface Article { title: string; body: string; publishedAt: string }
const mb = (bytes: number) => bytes / 1024 / 1024;

let peakRss = process.memoryUsage().rss;
const sample = () => {
  const r = process.memoryUsage().rss;
  if (r > peakRss) peakRss = r;
};

const sets = FILES.map((f) => {
  const arts = readFileSync(new URL(f, shared), "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Article).slice(0, limit);
  return { f, input: arts.map((a) => ({ title: a.title, body: a.body, publishedAt: new Date(a.publishedAt) })) };
});
for (const { input } of sets) for (const a of input.slice(0, 30)) extract(a); // warm-up (JIT, lazy tables)
sample();

say(`== extraction speed (one core, node ${process.version}${Number.isFinite(limit) ? `, first ${limit} articles per file` : ", every article"})`);
let done = 0;
let totalCpu = 0;
let totalN = 0, totalBytes = 0, totalMs = 0, totalClaims = 0, totalEvents = 0, slowest = 0;
for (const { f, input } of sets) {
  let bytes = 0, claims = 0, events = 0;
  for (const a of input) bytes += Buffer.byteLength(a.title) + Buffer.byteLength(a.body);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const a of input) {
    const s = performance.now();
    const r = extract(a);
    const d = performance.now() - s;
    if (d > slowest) slowest = d;
    claims += r.claims.length;
    events += r.events.length;
    if (++done % 10 === 0) sample();
  }
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  const cpuMs = (cu.user + cu.system) / 1000;
  say(`  ${f.padEnd(36)} ${String(input.length).padStart(5)} articles ${mb(bytes).toFixed(1).padStart(5)} MB | wall ${((1000 * input.length) / ms).toFixed(0).padStart(4)} articles/s ${(mb(bytes) / (ms / 1000)).toFixed(2).padStart(5)} MB/s | cpu ${((1000 * input.length) / cpuMs).toFixed(0).padStart(4)} articles/s ${(mb(bytes) / (cpuMs / 1000)).toFixed(2).padStart(5)} MB/s | ${claims} claims, ${events} events`);
  totalN += input.length; totalBytes += bytes; totalMs += ms; totalCpu += cpuMs; totalClaims += claims; totalEvents += events;
}
say(`  ${"TOTAL".padEnd(36)} ${String(totalN).padStart(5)} articles ${mb(totalBytes).toFixed(1).padStart(5)} MB | wall ${((1000 * totalN) / totalMs).toFixed(0).padStart(4)} articles/s ${(mb(totalBytes) / (totalMs / 1000)).toFixed(2).padStart(5)} MB/s | cpu ${((1000 * totalN) / totalCpu).toFixed(0).padStart(4)} articles/s ${(mb(totalBytes) / (totalCpu / 1000)).toFixed(2).padStart(5)} MB/s | ${totalClaims} claims, ${totalEvents} events`);
say(`  wall ${(totalMs / 1000).toFixed(1)} s, cpu ${(totalCpu / 1000).toFixed(1)} s (cpu/wall ${(totalCpu / totalMs).toFixed(2)}: below 1 when other processes share the core); slowest article ${slowest.toFixed(0)} ms`);
say(`  peak RSS ${mb(peakRss).toFixed(0)} MB (sampled after every 10th article; includes the parsed corpus held in memory)`);
if (json) {
  console.log(JSON.stringify({
    articles: totalN,
    megabytes: mb(totalBytes),
    wallSeconds: totalMs / 1000,
    cpuSeconds: totalCpu / 1000,
    articlesPerSecond: (1000 * totalN) / totalMs,
    megabytesPerSecond: mb(totalBytes) / (totalMs / 1000),
    articlesPerCpuSecond: (1000 * totalN) / totalCpu,
    megabytesPerCpuSecond: mb(totalBytes) / (totalCpu / 1000),
    claims: totalClaims,
    events: totalEvents,
    slowestMs: slowest,
    peakRssBytes: peakRss,
  }));
}
