import DataLoader from "dataloader";
import type { Actor, ActorAlias, Article, Claim, ClaimTarget, Event, EventParticipant, PrismaClient, Source } from "@prisma/client";
import { edgeClaimIds } from "../db/graph.repository.js";
import { rowsWhereIn } from "../db/rows.repository.js";
import { eventArticleCounts, eventArticleIdPages } from "../db/story.repository.js";
import type { ArticleListRow } from "./article.type.js";

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

/** The newest claims behind one actor-graph edge, in the edge's time window, before a cursor. */
export interface EdgeClaimsKey {
  fromId: number;
  toId: number;
  kind: string;
  since?: Date;
  until?: Date;
  beforeId?: number;
  take: number;
}

const edgeGroup = (key: EdgeClaimsKey) => `${key.kind}|${key.since?.toISOString()}|${key.until?.toISOString()}|${key.beforeId}|${key.take}`;

/** Every edge of a graph asks at once; edges sharing kind, window, cursor and size cost one statement. */
function edgeClaimsLoader(prisma: PrismaClient) {
  return new DataLoader<EdgeClaimsKey, Claim[], string>(
    async (keys) => {
      const groups = new Map<string, EdgeClaimsKey[]>();
      for (const key of keys) groups.set(edgeGroup(key), [...(groups.get(edgeGroup(key)) ?? []), key]);
      const idsByKey = new Map<string, number[]>();
      await Promise.all(
        [...groups.entries()].map(async ([group, members]) => {
          const { kind, since, until, beforeId, take } = members[0]!;
          for (const row of await edgeClaimIds(prisma, { kind, since, until, beforeId, perEdge: take, edges: members })) {
            const key = `${row.fromId}|${row.toId}|${group}`;
            idsByKey.set(key, [...(idsByKey.get(key) ?? []), row.id]);
          }
        }),
      );
      const ids = [...new Set([...idsByKey.values()].flat())];
      const claims = await rowsWhereIn<Claim>(prisma, "Claim", "id", ids);
      const byId = new Map(claims.map((claim) => [claim.id, claim]));
      return keys.map((key) => (idsByKey.get(`${key.fromId}|${key.toId}|${edgeGroup(key)}`) ?? []).flatMap((id) => byId.get(id) ?? []));
    },
    { cacheKeyFn: (key) => `${key.fromId}|${key.toId}|${edgeGroup(key)}` },
  );
}

/**
 * Per-request batching: every nested relation of a list (each claim's speaker, targets, article)
 * costs one statement per relation for the whole list, not one per row. The batches are raw SQL
 * (rowsWhereIn) because they run on every request; see there why.
 */
export function createLoaders(prisma: PrismaClient) {
  return {
    actor: byId<Actor>((ids) => rowsWhereIn(prisma, "Actor", "id", ids)),
    // Without body and MinHash signature (see ArticleListRow): the body has its own loader.
    article: byId<ArticleListRow>((ids) => rowsWhereIn(prisma, "Article", "id", ids, { omit: ["body", "minhash"] })),
    articleBody: byId<Pick<Article, "id" | "body">>((ids) => prisma.article.findMany({ where: { id: { in: ids } }, select: { id: true, body: true } })),
    claim: byId<Claim>((ids) => rowsWhereIn(prisma, "Claim", "id", ids)),
    event: byId<Event>((ids) => rowsWhereIn(prisma, "Event", "id", ids)),
    source: byId<Source>((ids) => rowsWhereIn(prisma, "Source", "id", ids)),
    claimTargetIds: groupedBy(
      (claimIds: number[]) => rowsWhereIn<ClaimTarget>(prisma, "ClaimTarget", "claimId", claimIds, { orderBy: `"actorId" ASC` }),
      (row) => row.claimId,
    ),
    claimResponses: groupedBy(
      (claimIds: number[]) => rowsWhereIn<Claim>(prisma, "Claim", "respondsToId", claimIds, { orderBy: "id ASC" }),
      (row) => row.respondsToId!,
    ),
    actorAliases: groupedBy(
      (actorIds: number[]) =>
        rowsWhereIn<ActorAlias>(prisma, "ActorAlias", "actorId", actorIds, { orderBy: "id ASC" }),
      (row) => row.actorId,
    ),
    edgeClaims: edgeClaimsLoader(prisma),
    eventParticipants: groupedBy<number, EventParticipant>(
      (eventIds) => rowsWhereIn<EventParticipant>(prisma, "EventParticipant", "eventId", eventIds, { orderBy: `role ASC, "actorId" ASC` }),
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
