/**
 * The load generator, run by the benchmark as its own process so that sending requests does not
 * share an event loop with the servers or with the benchmark's bookkeeping. Reads one JSON job on
 * the command line, runs autocannon (a one-second warm-up, then the measured run) and prints one
 * JSON result. Several URLs spread the connections over several servers.
 *
 *   npx tsx scripts/bench/load.ts '{"urls":["http://127.0.0.1:4000/graphql"],"body":"…","connections":10,"seconds":5}'
 */
import autocannon from "autocannon";

interface Job {
  urls: string[];
  body: string;
  /** The exact body every response must have; a different one counts as an error. */
  expectBody?: string;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
  requests: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  timeouts: number;
}

function run(job: Job, seconds: number, measured: boolean): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        // autocannon spreads its connections over several URLs; its type definitions only know one.
        url: (job.urls.length === 1 ? job.urls[0]! : job.urls) as string,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: job.body,
        connections: job.connections,
        duration: seconds,
        timeout: 10,
        ...(measured && job.expectBody ? { expectBody: job.expectBody } : {}),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const job = JSON.parse(process.argv[2]!) as Job;
await run(job, 1, false);
const result = await run(job, job.seconds, true);
const output: LoadResult = {
  requestsPerSecond: result.requests.total / (result.duration || job.seconds),
  p50: result.latency.p50,
  p99: result.latency.p99,
  mean: result.latency.average,
  requests: result.requests.total,
  errors: result.errors,
  non2xx: result.non2xx,
  mismatches: (result as unknown as { mismatches?: number }).mismatches ?? 0,
  timeouts: result.timeouts,
};
console.log(JSON.stringify(output));
