import fs from "node:fs";
import type { Prisma, Source } from "@prisma/client";
import type { Database } from "../../db/client.js";
import { uniqueViolation } from "../../db/errors.js";

/** A source definition was unusable; nothing was changed. */
export class InvalidSourceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "InvalidSourceError";
  }
}

export interface SourceDefinition {
  name: string;
  feedUrl?: string | null;
  siteUrl?: string | null;
  /** Seconds between polls. */
  pollInterval?: number | null;
  paused?: boolean | null;
}

export const MIN_POLL_INTERVAL = 60;
export const MAX_POLL_INTERVAL = 7 * 24 * 3600;
const DEFAULT_POLL_INTERVAL = 900;

function httpUrl(raw: string, field: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidSourceError(field, `${field} "${raw.slice(0, 200)}" is not a valid absolute URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidSourceError(field, `${field} must use http or https`);
  return url.href;
}

function interval(value: number | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (!Number.isInteger(value) || value < MIN_POLL_INTERVAL || value > MAX_POLL_INTERVAL) {
    throw new InvalidSourceError("pollInterval", `pollInterval must be a whole number of seconds from ${MIN_POLL_INTERVAL} to ${MAX_POLL_INTERVAL}`);
  }
  return value;
}

function name(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > 200) throw new InvalidSourceError("name", "name must be 1 to 200 characters");
  return trimmed;
}

function conflict(error: unknown): InvalidSourceError | null {
  const target = uniqueViolation(error);
  if (target === null) return null;
  return target.includes("feedUrl")
    ? new InvalidSourceError("feedUrl", "another source already has this feed URL")
    : new InvalidSourceError("name", "another source already has this name");
}

/** Adds a polled source; its first poll is due at once. */
export async function addSource(db: Database, definition: SourceDefinition): Promise<Source> {
  const sourceName = name(definition.name);
  if (!sourceName) throw new InvalidSourceError("name", "name is required");
  if (!definition.feedUrl && !definition.siteUrl) throw new InvalidSourceError("feedUrl", "give a feedUrl or a siteUrl");
  const feedUrl = definition.feedUrl ? httpUrl(definition.feedUrl, "feedUrl") : null;
  const homepageUrl = definition.siteUrl ? httpUrl(definition.siteUrl, "siteUrl") : null;
  try {
    return await db.prisma.source.create({
      data: {
        name: sourceName,
        kind: feedUrl ? "FEED" : "SITE",
        feedUrl,
        homepageUrl,
        pollIntervalSeconds: interval(definition.pollInterval) ?? DEFAULT_POLL_INTERVAL,
        paused: definition.paused ?? false,
        nextPollAt: new Date(),
      },
    });
  } catch (error) {
    throw conflict(error) ?? error;
  }
}

export type SourceChanges = { [K in keyof SourceDefinition]?: SourceDefinition[K] | null };

export async function updateSource(db: Database, id: number, changes: SourceChanges): Promise<Source | null> {
  const data: Prisma.SourceUpdateInput = {};
  const newName = name(changes.name);
  if (newName) data.name = newName;
  if (changes.feedUrl != null) data.feedUrl = httpUrl(changes.feedUrl, "feedUrl");
  if (changes.siteUrl != null) data.homepageUrl = httpUrl(changes.siteUrl, "siteUrl");
  const pollInterval = interval(changes.pollInterval);
  if (pollInterval !== undefined) data.pollIntervalSeconds = pollInterval;
  if (changes.paused != null) data.paused = changes.paused;
  try {
    const found = await db.prisma.source.findUnique({ where: { id }, select: { id: true } });
    if (!found) return null;
    return await db.prisma.source.update({ where: { id }, data });
  } catch (error) {
    throw conflict(error) ?? error;
  }
}

/** Removes a source. Its articles stay (with no source): removing a feed must not lose news. */
export async function removeSource(db: Database, id: number): Promise<boolean> {
  const { count } = await db.prisma.source.deleteMany({ where: { id } });
  return count === 1;
}

/**
 * Reads a JSON sources file at start ([{ "name", "feedUrl", "siteUrl", "pollInterval", "paused" }])
 * and adds or updates each source by name. Returns how many were added and updated.
 */
export async function applySourcesFile(db: Database, file: string): Promise<{ added: number; updated: number }> {
  let definitions: unknown;
  try {
    definitions = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new InvalidSourceError("file", `cannot read sources file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(definitions)) throw new InvalidSourceError("file", `${file} must hold a JSON array of sources`);
  let added = 0;
  let updated = 0;
  for (const [index, definition] of definitions.entries()) {
    if (!definition || typeof definition !== "object" || typeof (definition as SourceDefinition).name !== "string") {
      throw new InvalidSourceError("file", `${file}[${index}] needs a "name"`);
    }
    const wanted = definition as SourceDefinition;
    const existing = await db.prisma.source.findUnique({ where: { name: wanted.name.trim() } });
    if (existing) {
      await updateSource(db, existing.id, wanted);
      updated += 1;
    } else {
      await addSource(db, wanted);
      added += 1;
    }
  }
  return { added, updated };
}
