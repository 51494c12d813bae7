import DataLoader from "dataloader";
import type { Actor, Article, Claim, Event, EventParticipant, PrismaClient, Source } from "@prisma/client";
import { eventArticleCounts, eventArticleIdPages } from "../db/story.repository.js";

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
    /** Distinct reporting articles and sources per event (Event.articles.totalCount, Event.sourceCount). */
    eventArticleCounts: new DataLoader<number, { articles: number; sources: number }>(async (eventIds) => {
      const counts = await eventArticleCounts(prisma, [...eventIds]);
      return eventIds.map((id) => counts.get(id) ?? { articles: 0, sources: 0 });
    }),
    /** Ids of one page of each event's reporting articles; events asking for the same page share one statement. */
    eventArticlePage: new DataLoader<{ eventId: number; take: number; after: number }, number[], string>(
      async (keys) => {
        const pages = new Map<string, number[]>();
        const shapes = new Map<string, { take: number; after: number; eventIds: number[] }>();
        for (const key of keys) {
          const shape = shapes.get(`${key.take}:${key.after}`) ?? { take: key.take, after: key.after, eventIds: [] };
          shape.eventIds.push(key.eventId);
          shapes.set(`${key.take}:${key.after}`, shape);
        }
        for (const shape of shapes.values()) {
          const byEvent = await eventArticleIdPages(prisma, shape.eventIds, shape.after, shape.take);
          for (const eventId of shape.eventIds) pages.set(`${eventId}:${shape.take}:${shape.after}`, byEvent.get(eventId) ?? []);
        }
        return keys.map((key) => pages.get(`${key.eventId}:${key.take}:${key.after}`)!);
      },
      { cacheKeyFn: (key) => `${key.eventId}:${key.take}:${key.after}` },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
