import type { Database } from "../../db/client.js";
import { pollSource, type PollOutcome, type PollSettings } from "./poll-source.js";

export interface Poller {
  /** Polls every due source once, now; resolves when done. */
  runOnce(): Promise<{ sourceId: number; outcome: PollOutcome }[]>;
  stop(): Promise<void>;
}

/**
 * Polls each active source on its own interval. A source is claimed by moving its nextPollAt
 * forward in one conditional UPDATE, so several server processes on one PostgreSQL never poll the
 * same source twice; pollSource then sets the real next time (with backoff after failures).
 */
export function startPoller(db: Database, settings: PollSettings, options: { tickMs?: number; log?: (line: string) => void } = {}): Poller {
  const tickMs = options.tickMs ?? 5_000;
  let running: Promise<{ sourceId: number; outcome: PollOutcome }[]> | null = null;
  let stopped = false;

  const runOnce = async () => {
    const results: { sourceId: number; outcome: PollOutcome }[] = [];
    const now = new Date();
    const due = await db.prisma.source.findMany({
      where: { paused: false, feedUrl: { not: null }, OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }] },
      select: { id: true, name: true, pollIntervalSeconds: true },
      orderBy: [{ nextPollAt: "asc" }, { id: "asc" }],
      take: 20,
    });
    for (const source of due) {
      if (stopped) break;
      const claim = await db.prisma.source.updateMany({
        where: { id: source.id, paused: false, OR: [{ nextPollAt: null }, { nextPollAt: { lte: now } }] },
        data: { nextPollAt: new Date(now.getTime() + source.pollIntervalSeconds * 1000) },
      });
      if (claim.count !== 1) continue;
      const outcome = await pollSource(db, source.id, settings);
      results.push({ sourceId: source.id, outcome });
      options.log?.(
        `poll ${source.name}: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ""}, ${outcome.imported} new, ${outcome.duplicates} known`,
      );
    }
    return results;
  };

  const tick = () => {
    if (running || stopped) return;
    running = runOnce()
      .catch((error) => {
        options.log?.(`poller: ${error instanceof Error ? error.message : String(error)}`);
        return [];
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();

  return {
    runOnce: async () => {
      while (running) await running;
      return runOnce();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
