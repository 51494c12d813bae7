import { loadDatabaseConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { groupPendingEvents } from "../db/story.repository.js";

/**
 * `newsgraph stories`: groups the events that were stored without grouping (an import run with
 * NEWSGRAPH_STORIES=0, or a database from before stories). Safe to run again: it only touches
 * what is pending, and the result does not depend on the order articles are grouped in.
 */
export async function storiesCommand(): Promise<number> {
  const db = await openDatabase(loadDatabaseConfig());
  try {
    const started = Date.now();
    const grouped = await groupPendingEvents(db.prisma, { onBatch: (done) => console.error(`grouped ${done} articles`) });
    const events = await db.prisma.event.count();
    console.log(`grouped the events of ${grouped} articles in ${((Date.now() - started) / 1000).toFixed(1)} s; ${events} events (stories) in all`);
    return 0;
  } finally {
    await db.close();
  }
}
