/**
 * `newsgraph sources …`: the feed sources the server (or the workers) poll, managed from the
 * command line with the same functions as the GraphQL mutations (src/ingest/sources/sources.ts).
 *
 * Exit codes: 0 done, 1 refused (invalid value, unknown source, database unavailable), 2 usage error.
 */
import type { Source } from "@prisma/client";
import { parseArgs } from "node:util";
import { loadServerConfig, type ServerConfig } from "../config.js";
import { openDatabase, type Database } from "../db/client.js";
import { JobQueue, loadQueueConfig } from "../ingest/queue/index.js";
import { pollSource } from "../ingest/sources/poll-source.js";
import { addSource, InvalidSourceError, removeSource, updateSource, type SourceChanges } from "../ingest/sources/sources.js";

export const SOURCES_USAGE = `usage:
  newsgraph sources add --name NAME (--feed URL | --site URL) [--interval SECONDS] [--paused]
  newsgraph sources list [--json]
  newsgraph sources update <id|name> [--name NAME] [--feed URL] [--site URL] [--interval SECONDS]
  newsgraph sources pause <id|name>
  newsgraph sources resume <id|name>
  newsgraph sources remove <id|name>          (its articles are kept)
  newsgraph sources refresh <id|name> [--queue]
                                              poll now and print what was found; with --queue
                                              (PostgreSQL) enqueue the poll for a worker instead

A source is named by its numeric id (as \`list\` prints it) or by its name. The poll interval is
60 to 604800 seconds (default 900). In embedded mode stop the server first: one process at a time
owns the PGlite data directory.
`;

class UsageError extends Error {}
class RefusedError extends Error {}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((line) => line.trim()).filter(Boolean).pop() ?? text;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: "string" },
        feed: { type: "string" },
        site: { type: "string" },
        interval: { type: "string" },
        paused: { type: "boolean", default: false },
        queue: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(message(error));
  }
}

function interval(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new UsageError(`--interval must be a whole number of seconds, got "${raw}"`);
  return value;
}

async function findSource(db: Database, ref: string | undefined): Promise<Source> {
  if (!ref) throw new UsageError("name the source by its id or its name");
  const byId = /^\d+$/.test(ref) ? await db.prisma.source.findUnique({ where: { id: Number(ref) } }) : null;
  const found = byId ?? (await db.prisma.source.findUnique({ where: { name: ref.trim() } }));
  if (!found) throw new RefusedError(`no source has the id or name "${ref}"`);
  return found;
}

function describe(source: Source): string {
  const state = source.paused ? "paused" : `every ${source.pollIntervalSeconds}s`;
  const last = source.lastFetchedAt
    ? `last polled ${source.lastFetchedAt.toISOString()} (${source.lastStatus ?? "no response"}${source.lastError ? `: ${source.lastError}` : ""})`
    : "never polled";
  return [source.id, source.name, source.kind, source.feedUrl ?? source.homepageUrl ?? "-", state, last, `${source.itemsImported} imported`].join("\t");
}

function asJson(source: Source) {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    feedUrl: source.feedUrl,
    siteUrl: source.homepageUrl,
    pollInterval: source.pollIntervalSeconds,
    paused: source.paused,
    lastFetchedAt: source.lastFetchedAt,
    lastStatus: source.lastStatus,
    lastError: source.lastError,
    consecutiveFailures: source.consecutiveFailures,
    nextPollAt: source.nextPollAt,
    itemsSeen: source.itemsSeen,
    itemsImported: source.itemsImported,
  };
}

async function run(action: string, values: ReturnType<typeof parse>["values"], positionals: string[], db: Database, config: ServerConfig, env: NodeJS.ProcessEnv): Promise<number> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  switch (action) {
    case "add": {
      if (!values.name) throw new UsageError("sources add needs --name");
      if (!values.feed && !values.site) throw new UsageError("sources add needs --feed URL or --site URL");
      const source = await addSource(db, {
        name: values.name,
        feedUrl: values.feed,
        siteUrl: values.site,
        pollInterval: interval(values.interval),
        paused: values.paused,
      });
      say(`added source ${source.id}: ${describe(source)}`);
      return 0;
    }
    case "list": {
      const sources = await db.prisma.source.findMany({ orderBy: { id: "asc" } });
      if (values.json) say(JSON.stringify(sources.map(asJson)));
      else for (const source of sources) say(describe(source));
      return 0;
    }
    case "update":
    case "pause":
    case "resume": {
      const source = await findSource(db, positionals[0]);
      const changes: SourceChanges =
        action === "pause"
          ? { paused: true }
          : action === "resume"
            ? { paused: false }
            : { name: values.name, feedUrl: values.feed, siteUrl: values.site, pollInterval: interval(values.interval) };
      if (action === "update" && Object.values(changes).every((value) => value === undefined)) {
        throw new UsageError("sources update needs at least one of --name, --feed, --site, --interval");
      }
      const updated = await updateSource(db, source.id, changes);
      if (!updated) throw new RefusedError(`source ${source.id} was removed meanwhile`);
      say(`${action === "update" ? "updated" : action === "pause" ? "paused" : "resumed"} source ${updated.id}: ${describe(updated)}`);
      return 0;
    }
    case "remove": {
      const source = await findSource(db, positionals[0]);
      if (!(await removeSource(db, source.id))) throw new RefusedError(`source ${source.id} was removed meanwhile`);
      say(`removed source ${source.id} (${source.name}); its articles are kept`);
      return 0;
    }
    case "refresh": {
      const source = await findSource(db, positionals[0]);
      if (values.queue) {
        if (!config.database.url) throw new UsageError("--queue needs PostgreSQL (DATABASE_URL); without it, refresh polls in-process");
        const queue = await JobQueue.open(config.database.url, loadQueueConfig(env));
        try {
          const id = await queue.sendPollSource(source.id);
          say(id ? `enqueued poll-source job ${id} for source ${source.id}` : `a poll of source ${source.id} is already waiting in the queue`);
        } finally {
          await queue.stop(1);
        }
        return 0;
      }
      const outcome = await pollSource(db, source.id, {
        maxBodyBytes: config.maxBodyBytes,
        nearDuplicateThreshold: config.nearDuplicateThreshold,
        fetchAllowHosts: config.fetchAllowHosts,
      });
      say(
        `refreshed source ${source.id}: ${outcome.status}${outcome.httpStatus ? ` (HTTP ${outcome.httpStatus})` : ""}, ${outcome.items} items, ` +
          `${outcome.imported} new, ${outcome.nearDuplicates} near-duplicates, ${outcome.duplicates} known, ${outcome.skipped} skipped` +
          `${outcome.error ? `\nerror: ${outcome.error}` : ""}`,
      );
      return outcome.status === "failed" ? 1 : 0;
    }
    default:
      throw new UsageError(`unknown sources action "${action}"`);
  }
}

export async function sourcesCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [action, ...rest] = args;
  if (!action || action === "--help" || action === "-h" || action === "help") {
    process.stdout.write(SOURCES_USAGE);
    return action ? 0 : 2;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
    if (!["add", "list", "update", "pause", "resume", "remove", "refresh"].includes(action)) throw new UsageError(`unknown sources action "${action}"`);
  } catch (error) {
    process.stderr.write(`newsgraph sources: ${message(error)}\n\n${SOURCES_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(SOURCES_USAGE);
    return 0;
  }
  let config: ServerConfig;
  let db: Database;
  try {
    config = loadServerConfig(env);
    db = await openDatabase(config.database);
  } catch (error) {
    process.stderr.write(`newsgraph sources: fatal: cannot open the database: ${message(error)}\n`);
    return 1;
  }
  try {
    return await run(action, parsed.values, parsed.positionals, db, config, env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`newsgraph sources: ${error.message}\n\n${SOURCES_USAGE}`);
      return 2;
    }
    if (error instanceof InvalidSourceError) {
      process.stderr.write(`newsgraph sources: invalid ${error.field}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof RefusedError) {
      process.stderr.write(`newsgraph sources: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`newsgraph sources: fatal: ${message(error)}\n`);
    return 1;
  } finally {
    await db.close().catch(() => undefined);
  }
}
