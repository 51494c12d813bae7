import DataLoader from "dataloader";
import type { Actor, Article, Claim, Event, EventParticipant, PrismaClient, Source } from "@prisma/client";
import { edgeClaimIds } from "../db/graph.repository.js";
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
      const claims = ids.length ? await prisma.claim.findMany({ where: { id: { in: ids } } }) : [];
      const byId = new Map(claims.map((claim) => [claim.id, claim]));
      return keys.map((key) => (idsByKey.get(`${key.fromId}|${key.toId}|${edgeGroup(key)}`) ?? []).flatMap((id) => byId.get(id) ?? []));
    },
    { cacheKeyFn: (key) => `${key.fromId}|${key.toId}|${edgeGroup(key)}` },
  );
}

/**
 * Per-request batching: every nested relation of a list (each claim's speaker, targets, article)
 * costs one statement per relation for the whole list, not one per row.
 */
export function createLoaders(prisma: PrismaClient) {
  return {
    actor: byId<Actor>((ids) => prisma.actor.findMany({ where: { id: { in: ids } } })),
    // Without body and MinHash signature (see ArticleListRow): the body has its own loader.
    article: byId<ArticleListRow>((ids) => prisma.article.findMany({ where: { id: { in: ids } }, omit: { body: true, minhash: true } })),
    articleBody: byId<Pick<Article, "id" | "body">>((ids) => prisma.article.findMany({ where: { id: { in: ids } }, select: { id: true, body: true } })),
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
    edgeClaims: edgeClaimsLoader(prisma),
    eventParticipants: groupedBy<number, EventParticipant>(
      (eventIds) => prisma.eventParticipant.findMany({ where: { eventId: { in: eventIds } }, orderBy: [{ role: "asc" }, { actorId: "asc" }] }),
      (row) => row.eventId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
