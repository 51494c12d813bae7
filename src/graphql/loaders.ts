import DataLoader from "dataloader";
import type { Actor, Article, Claim, Event, EventParticipant, PrismaClient, Source } from "@prisma/client";

function byId<T extends { id: number }>(fetch: (ids: number[]) => Promise<T[]>) {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await fetch([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupedBy<K extends number, T>(fetch: (keys: K[]) => Promise<T[]>, keyOf: (row: T) => K) {
  return new DataLoader<K, T[]>(async (keys) => {
    const rows = await fetch([...keys]);
    const groups = new Map<K, T[]>();
    for (const row of rows) {
      const list = groups.get(keyOf(row)) ?? [];
      list.push(row);
      groups.set(keyOf(row), list);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * Per-request batching: every nested relation of a list (each claim's speaker, targets, article)
 * costs one statement per relation for the whole list, not one per row.
 */
export function createLoaders(prisma: PrismaClient) {
  return {
    actor: byId<Actor>((ids) => prisma.actor.findMany({ where: { id: { in: ids } } })),
    article: byId<Article>((ids) => prisma.article.findMany({ where: { id: { in: ids } } })),
    claim: byId<Claim>((ids) => prisma.claim.findMany({ where: { id: { in: ids } } })),
    event: byId<Event>((ids) => prisma.event.findMany({ where: { id: { in: ids } } })),
    source: byId<Source>((ids) => prisma.source.findMany({ where: { id: { in: ids } } })),
    claimTargetIds: groupedBy(
      (claimIds: number[]) => prisma.claimTarget.findMany({ where: { claimId: { in: claimIds } }, orderBy: { actorId: "asc" } }),
      (row) => row.claimId,
    ),
    claimResponses: groupedBy(
      (claimIds: number[]) => prisma.claim.findMany({ where: { respondsToId: { in: claimIds } }, orderBy: { id: "asc" } }),
      (row) => row.respondsToId!,
    ),
    actorAliases: groupedBy(
      (actorIds: number[]) =>
        prisma.actorAlias.findMany({ where: { actorId: { in: actorIds } }, orderBy: { id: "asc" }, select: { actorId: true, display: true } }),
      (row) => row.actorId,
    ),
    eventParticipants: groupedBy<number, EventParticipant>(
      (eventIds) => prisma.eventParticipant.findMany({ where: { eventId: { in: eventIds } }, orderBy: [{ role: "asc" }, { actorId: "asc" }] }),
      (row) => row.eventId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
