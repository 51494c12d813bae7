import DataLoader from "dataloader";
import type { ClaimReview } from "@prisma/client";
import {
  actorTimelines,
  claimCounts,
  mentionCounts,
  topCounterparts,
  type ClaimCountRow,
  type CounterpartRow,
} from "../db/profile.repository.js";
import type { TimelineInterval, TimelineRow } from "../db/timeline.repository.js";
import type { Context } from "./context.js";

function grouped<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const list = groups.get(keyOf(row)) ?? [];
    list.push(row);
    groups.set(keyOf(row), list);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/** One loader per distinct set of arguments: fields with the same arguments batch together. */
function perOptions<O, L>(make: (options: O) => L) {
  const loaders = new Map<string, L>();
  return (options: O) => {
    const key = JSON.stringify(options);
    let loader = loaders.get(key);
    if (!loader) loaders.set(key, (loader = make(options)));
    return loader;
  };
}

export type ReviewWithReviewer = ClaimReview & { reviewerKey: { name: string } | null };

function createProfileLoaders({ db }: Context) {
  const { prisma } = db;
  return {
    claimReview: new DataLoader<number, ReviewWithReviewer | null>(async (claimIds) => {
      const rows = await prisma.claimReview.findMany({ where: { claimId: { in: [...claimIds] } }, include: { reviewerKey: { select: { name: true } } } });
      return claimIds.map((id) => rows.find((row) => row.claimId === id) ?? null);
    }),
    mentionCount: new DataLoader<number, number>(async (actorIds) => {
      const rows = await mentionCounts(prisma, [...actorIds]);
      return actorIds.map((id) => rows.find((row) => row.actorId === id)?.count ?? 0);
    }),
    claimCounts: new DataLoader<number, ClaimCountRow[]>(async (actorIds) =>
      grouped(actorIds, await claimCounts(prisma, [...actorIds]), (row) => row.actorId),
    ),
    counterparts: perOptions((options: { kind: string; direction: "OUTGOING" | "INCOMING"; first: number }) =>
      new DataLoader<number, CounterpartRow[]>(async (actorIds) => grouped(actorIds, await topCounterparts(prisma, [...actorIds], options), (row) => row.actorId)),
    ),
    timeline: perOptions((options: { interval: TimelineInterval; kinds?: string[] }) =>
      new DataLoader<number, TimelineRow[]>(async (actorIds) => grouped(actorIds, await actorTimelines(prisma, [...actorIds], options), (row) => row.actorId)),
    ),
  };
}

const byContext = new WeakMap<Context, ReturnType<typeof createProfileLoaders>>();

/**
 * Per-request loaders for curation and actor-profile fields, kept beside the context's own
 * loaders and created on first use, so that a request that never asks for them pays nothing.
 */
export function profileLoaders(context: Context) {
  let loaders = byContext.get(context);
  if (!loaders) byContext.set(context, (loaders = createProfileLoaders(context)));
  return loaders;
}
