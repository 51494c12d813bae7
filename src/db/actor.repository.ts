import type { Prisma, PrismaClient } from "@prisma/client";
import type { ExtractedActor } from "../extract/types.js";

type Tx = Prisma.TransactionClient | PrismaClient;

/**
 * The lookup key of a name: case-folded, without a leading determiner or a trailing possessive,
 * single-spaced. "The Kremlin's" and "the kremlin" both become "kremlin".
 */
export function normalizeAlias(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/'s?$/, "")
    .replace(/^(the|a|an)\s+/, "")
    .replace(/[^\p{L}\p{N}'\-. ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function tokens(name: string): string[] {
  return normalizeAlias(name).split(" ").filter(Boolean);
}

interface StoredActor {
  id: number;
  name: string;
  kind: string;
  role: string | null;
  countryCode: string | null;
  parentId: number | null;
}

interface Candidate extends StoredActor {
  aliasHits: number;
}

/**
 * Whether an extracted actor and a stored one with shared aliases are the same. Two multi-word
 * person names that differ ("John Smith", "Jane Smith") share only a surname: that is not enough.
 */
export function actorsCompatible(actor: ExtractedActor, candidate: Pick<StoredActor, "name" | "kind">): boolean {
  if (candidate.kind !== actor.kind) return false;
  const a = tokens(actor.name);
  const b = tokens(candidate.name);
  if (actor.kind === "PERSON" && a.length > 1 && b.length > 1) return a.join(" ") === b.join(" ");
  return true;
}

const STORED_ACTOR = { id: true, name: true, kind: true, role: true, countryCode: true, parentId: true } as const;

/**
 * Takes a transaction-scoped advisory lock per name. Two transactions (two queue workers) that
 * resolve the same unseen name at once would otherwise both miss it and both create the actor;
 * with the lock the second waits for the first to commit, then finds its actor. Keys are taken
 * in one statement in ascending order, so two transactions never wait on each other in a cycle.
 */
async function lockNames(tx: Tx, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await tx.$executeRawUnsafe(
    `SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended(name, 0) AS key FROM unnest($1::text[]) AS name ORDER BY key) AS keys`,
    names,
  );
}

/**
 * Resolves the actors of one extraction to stored actors, creating the ones never seen, and adds
 * every new alias. Countries resolve by ISO code; everything else by normalised alias and kind.
 * Works in a fixed number of statements per article (lookups, one insert of new actors, one of
 * aliases), plus an update only where a stored actor learns a role, country or parent.
 * Returns extraction key -> actor id.
 */
export async function resolveActors(tx: Tx, actors: ExtractedActor[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (actors.length === 0) return ids;

  const aliasesOf = new Map<string, string[]>();
  for (const actor of actors) {
    const set = new Set([actor.name, ...actor.aliases].map(normalizeAlias).filter((alias) => alias.length > 0));
    aliasesOf.set(actor.key, [...set]);
  }
  const allAliases = [...new Set([...aliasesOf.values()].flat())];
  const countryCodes = [...new Set(actors.filter((a) => a.kind === "COUNTRY" && a.country).map((a) => a.country!))];
  await lockNames(tx, [...allAliases, ...countryCodes.map((code) => `country:${code}`)]);

  const [aliasRows, countryRows] = await Promise.all([
    tx.actorAlias.findMany({ where: { alias: { in: allAliases } }, select: { alias: true, actor: { select: STORED_ACTOR } } }),
    countryCodes.length
      ? tx.actor.findMany({ where: { kind: "COUNTRY", countryCode: { in: countryCodes } }, orderBy: { id: "asc" }, select: STORED_ACTOR })
      : Promise.resolve([]),
  ]);
  const byAlias = new Map<string, StoredActor[]>();
  for (const row of aliasRows) {
    const list = byAlias.get(row.alias) ?? [];
    list.push(row.actor);
    byAlias.set(row.alias, list);
  }

  const matched = new Map<string, StoredActor>();
  const unmatched: ExtractedActor[] = [];
  for (const actor of actors) {
    let match: StoredActor | undefined;
    if (actor.kind === "COUNTRY" && actor.country) match = countryRows.find((row) => row.countryCode === actor.country);
    if (!match) {
      const candidates = new Map<number, Candidate>();
      for (const alias of aliasesOf.get(actor.key)!) {
        for (const stored of byAlias.get(alias) ?? []) {
          const candidate = candidates.get(stored.id) ?? { ...stored, aliasHits: 0 };
          candidate.aliasHits += 1;
          candidates.set(stored.id, candidate);
        }
      }
      const name = normalizeAlias(actor.name);
      match = [...candidates.values()]
        .filter((candidate) => actorsCompatible(actor, candidate))
        .sort(
          (x, y) =>
            Number(normalizeAlias(y.name) === name) - Number(normalizeAlias(x.name) === name) ||
            y.aliasHits - x.aliasHits ||
            x.id - y.id,
        )[0];
    }
    if (match) matched.set(actor.key, match);
    else unmatched.push(actor);
  }

  if (unmatched.length) {
    // RETURNING keeps the order of the VALUES list, so created rows line up with `unmatched`.
    const created = await tx.actor.createManyAndReturn({
      data: unmatched.map((actor) => ({ name: actor.name, kind: actor.kind, countryCode: actor.country ?? null, role: actor.role ?? null })),
      select: STORED_ACTOR,
    });
    unmatched.forEach((actor, index) => matched.set(actor.key, created[index]));
  }
  for (const [key, stored] of matched) ids.set(key, stored.id);

  await tx.actorAlias.createMany({
    data: actors.flatMap((actor) => aliasDisplayPairs(actor).map((pair) => ({ ...pair, actorId: ids.get(actor.key)! }))),
    skipDuplicates: true,
  });

  // Fill what earlier articles did not know; never overwrite what they (or a curator) set.
  for (const actor of actors) {
    const stored = matched.get(actor.key)!;
    const parentId = actor.parentKey ? ids.get(actor.parentKey) : undefined;
    const data: { role?: string; countryCode?: string; parentId?: number } = {};
    if (!stored.role && actor.role) data.role = actor.role;
    if (!stored.countryCode && actor.country) data.countryCode = actor.country;
    if (stored.parentId == null && parentId !== undefined && parentId !== stored.id) data.parentId = parentId;
    if (Object.keys(data).length === 0) continue;
    await tx.actor.update({ where: { id: stored.id }, data });
    Object.assign(stored, data);
  }
  return ids;
}

export function aliasDisplayPairs(actor: ExtractedActor): { alias: string; display: string }[] {
  const seen = new Map<string, string>();
  for (const display of [actor.name, ...actor.aliases]) {
    const alias = normalizeAlias(display);
    if (alias && !seen.has(alias)) seen.set(alias, display);
  }
  return [...seen].map(([alias, display]) => ({ alias, display }));
}

/** Ids of the actors a name or alias denotes (several when it is ambiguous), best match first. */
export async function findActorIdsByName(prisma: Tx, name: string): Promise<number[]> {
  const alias = normalizeAlias(name);
  if (!alias) return [];
  const rows = await prisma.actorAlias.findMany({
    where: { alias },
    select: { actorId: true, actor: { select: { name: true } } },
    orderBy: { actorId: "asc" },
  });
  return rows
    .sort((a, b) => Number(normalizeAlias(b.actor.name) === alias) - Number(normalizeAlias(a.actor.name) === alias))
    .map((row) => row.actorId);
}
