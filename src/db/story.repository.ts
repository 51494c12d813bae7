import { Prisma, type PrismaClient } from "@prisma/client";
import { loadStorySettings } from "../config.js";
import {
  dateWindow,
  groupMentions,
  sameHappening,
  storyTerms,
  type StoryMention,
  type StorySettings,
} from "../extract/stories.js";
import { EVENT_KINDS, type DatePrecision, type EventKind, type EventStatus } from "../extract/types.js";

type Tx = Prisma.TransactionClient;

/** First key of the advisory locks that serialise story grouping; the second is the event kind. */
const STORY_LOCK = 0x5707;
/** Longest date window a mention can have (a YEAR-precision date), bounding the index range scan. */
const LONGEST_WINDOW_DAYS = 366;

/** A stored mention as SQL returns it: StoryMention, with its event, and arrays that may be null. */
type MentionRow = Omit<StoryMention, "agentIds" | "targetIds" | "terms"> & {
  eventId: number;
  agentIds: number[] | null;
  targetIds: number[] | null;
  terms: string[] | null;
};

const MENTION_COLUMNS = Prisma.sql`m.id, m."eventId", m."articleId", m.kind::text AS kind, m.status::text AS status, m.mode,
  to_char(m.date, 'YYYY-MM-DD') AS date, m."datePrecision"::text AS "datePrecision", m."windowStart", m."windowEnd",
  m."locationId", m."locationText", m."agentIds", m."targetIds", m.terms`;

function toMention(row: MentionRow): StoryMention & { eventId: number } {
  return {
    ...row,
    agentIds: row.agentIds ?? [],
    targetIds: row.targetIds ?? [],
    terms: row.terms ?? [],
  };
}

/** Takes the grouping locks of these kinds in one global order, so two writers never deadlock. */
async function lockKinds(tx: Tx, kinds: Iterable<EventKind>): Promise<void> {
  const ordinals = [...new Set([...kinds].map((kind) => EVENT_KINDS.indexOf(kind)))].sort((a, b) => a - b);
  for (const ordinal of ordinals) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${STORY_LOCK}::int4, ${ordinal}::int4)`;
}

interface FreshEventRow {
  eventId: number;
  articleId: number;
  kind: EventKind;
  status: EventStatus;
  mode: string | null;
  date: string | null;
  datePrecision: DatePrecision | null;
  locationId: number | null;
  locationText: string | null;
  title: string;
  publishedAt: Date | null;
  sentences: string[];
  agentIds: number[] | null;
  targetIds: number[] | null;
}

/**
 * Groups the events just stored for these articles into stories. Call it once per transaction,
 * after the articles' events are stored (each extracted event as its own Event row, as
 * storeArticleBatch and replaceExtraction write them): every such event becomes an EventMention, and the stories it joins
 * (found through the kind + date-window index and a participant or place in common) are
 * recomputed together. Holds a transaction-scoped advisory lock per event kind, so concurrent
 * writers produce the same grouping as serial ones.
 */
export async function groupArticleEvents(
  tx: Tx,
  articleIds: number[],
  settings: StorySettings & { enabled?: boolean } = loadStorySettings(),
): Promise<void> {
  // Disabled (NEWSGRAPH_STORIES=0, for bulk loads): the events stay ungrouped until groupPendingEvents.
  if (articleIds.length === 0 || settings.enabled === false) return;
  const fresh = await tx.$queryRaw<FreshEventRow[]>`
    SELECT e.id AS "eventId", r."articleId", e.kind::text AS kind, e.status::text AS status, e.mode,
      to_char(e.date, 'YYYY-MM-DD') AS date, e."datePrecision"::text AS "datePrecision", e."locationId", e."locationText",
      a.title, a."publishedAt", array_agg(r.sentence ORDER BY r.start) AS sentences,
      (SELECT array_agg(p."actorId" ORDER BY p."actorId") FROM "EventParticipant" p WHERE p."eventId" = e.id AND p.role = 'AGENT') AS "agentIds",
      (SELECT array_agg(p."actorId" ORDER BY p."actorId") FROM "EventParticipant" p WHERE p."eventId" = e.id AND p.role = 'TARGET') AS "targetIds"
    FROM "EventReport" r JOIN "Event" e ON e.id = r."eventId" JOIN "Article" a ON a.id = r."articleId"
    WHERE r."articleId" = ANY(${articleIds}::int[]) AND r."mentionId" IS NULL
    GROUP BY e.id, r."articleId", a.id
    ORDER BY e.id, r."articleId"`;
  if (fresh.length === 0) return;

  await lockKinds(tx, fresh.map((row) => row.kind));
  const data = fresh.map((row) => {
    const window = dateWindow(row.date, row.datePrecision, row.publishedAt);
    return {
      eventId: row.eventId,
      articleId: row.articleId,
      kind: row.kind,
      status: row.status,
      mode: row.mode,
      datePrecision: row.datePrecision,
      windowStart: window?.start ?? null,
      windowEnd: window?.end ?? null,
      locationId: row.locationId,
      locationText: row.locationText,
      agentIds: row.agentIds ?? [],
      targetIds: row.targetIds ?? [],
      terms: storyTerms(row.title, ...new Set(row.sentences)),
    };
  });
  const created = await tx.eventMention.createManyAndReturn({
    data: data.map((mention, index) => ({ ...mention, date: fresh[index].date ? new Date(`${fresh[index].date}T00:00:00Z`) : null })),
    select: { id: true },
  });
  const mentionIds = created.map((row) => row.id);
  await tx.$executeRaw`
    UPDATE "EventReport" r SET "mentionId" = m.id FROM "EventMention" m
    WHERE m.id = ANY(${mentionIds}::int[]) AND r."eventId" = m."eventId" AND r."articleId" = m."articleId" AND r."mentionId" IS NULL`;

  const mentions = data.map((mention, index) => ({ ...mention, id: mentionIds[index], date: fresh[index].date }));
  // A mention that matches nothing is a story of its own: its Event row already holds exactly
  // the canonical attributes of a one-mention story, so nothing needs rewriting.
  const linked = await linkedEvents(tx, mentions, settings);
  if (linked.size > 0) await regroup(tx, [...new Set([...linked, ...mentions.map((m) => m.eventId)])], settings);
}

/** Events of other stories holding a mention that reports the same happening as one of `mentions`. */
async function linkedEvents(tx: Tx, mentions: (StoryMention & { eventId: number })[], settings: StorySettings): Promise<Set<number>> {
  const linked = new Set<number>();
  for (const mention of mentions) {
    for (const candidate of await storyCandidates(tx, mention, settings)) {
      if (candidate.eventId !== mention.eventId && sameHappening(mention, candidate, settings)) linked.add(candidate.eventId);
    }
  }
  return linked;
}

/**
 * Mentions that could report the same happening as `mention`: the same kind, a date window
 * within reach (an index range on (kind, windowStart)), another article, and an actor in the
 * same role or the same place. A superset of what sameHappening accepts, so nothing is missed.
 */
async function storyCandidates(tx: Tx, mention: StoryMention, settings: StorySettings) {
  if (mention.windowStart === null || mention.windowEnd === null) return [];
  const from = mention.windowStart - settings.dateWindowDays;
  const to = mention.windowEnd + settings.dateWindowDays;
  const rows = await tx.$queryRaw<MentionRow[]>`
    SELECT ${MENTION_COLUMNS} FROM "EventMention" m
    WHERE m.kind = ${mention.kind}::"EventKind"
      AND m."windowStart" BETWEEN ${from - LONGEST_WINDOW_DAYS}::int AND ${to}::int AND m."windowEnd" >= ${from}::int
      AND m."articleId" <> ${mention.articleId}::int
      AND (m."agentIds" && ${mention.agentIds}::int[] OR m."targetIds" && ${mention.targetIds}::int[]
           OR m."locationId" = ${mention.locationId}::int)`;
  return rows.map(toMention);
}

/**
 * Groups every article whose events were stored without being grouped (stored with
 * NEWSGRAPH_STORIES=0, or before stories existed), `batchSize` articles per transaction, oldest
 * first. The result is the same as grouping them one by one at ingest. Returns how many articles
 * it grouped.
 */
export async function groupPendingEvents(
  prisma: PrismaClient,
  options: { batchSize?: number; settings?: StorySettings; onBatch?: (done: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const settings = { ...(options.settings ?? loadStorySettings()), enabled: true };
  let done = 0;
  for (;;) {
    const batch = await prisma.$queryRaw<{ articleId: number }[]>`
      SELECT DISTINCT "articleId" FROM "EventReport" WHERE "mentionId" IS NULL ORDER BY "articleId" LIMIT ${batchSize}::int`;
    if (batch.length === 0) return done;
    await prisma.$transaction((tx) => groupArticleEvents(tx, batch.map((row) => row.articleId), settings), { timeout: 600_000, maxWait: 60_000 });
    done += batch.length;
    options.onBatch?.(done);
  }
}

/** The events (stories) the given articles' mentions belong to; pass them to regroupEvents after deleting the articles. */
export async function storyEventIdsOfArticles(tx: Tx, articleIds: number[]): Promise<number[]> {
  const rows = await tx.eventMention.findMany({
    where: { articleId: { in: articleIds } },
    select: { eventId: true },
    distinct: ["eventId"],
    orderBy: { eventId: "asc" },
  });
  return rows.map((row) => row.eventId);
}

/**
 * Recomputes these stories from the mentions they still hold: after a report or an article is
 * deleted a story may split in two, lose its canonical date or place, or vanish when no report
 * is left. Run it in the transaction that deleted them:
 *
 *   const eventIds = await storyEventIdsOfArticles(tx, [articleId]);
 *   await tx.article.delete({ where: { id: articleId } });
 *   await regroupEvents(tx, eventIds);
 */
export async function regroupEvents(tx: Tx, eventIds: number[], settings: StorySettings = loadStorySettings()): Promise<void> {
  if (eventIds.length === 0) return;
  const kinds = await tx.event.findMany({ where: { id: { in: eventIds } }, select: { kind: true }, distinct: ["kind"] });
  await lockKinds(tx, kinds.map((row) => row.kind));
  await regroup(tx, eventIds, settings);
}

/**
 * After two actors are merged into one (`fromActorId` into `toActorId`), rewrites the mentions
 * that name the merged actor and regroups their stories together with any story they now match.
 * Run it in the transaction that merges the actors, before `fromActorId` is deleted.
 */
export async function replaceActorInStories(
  tx: Tx,
  fromActorId: number,
  toActorId: number,
  settings: StorySettings = loadStorySettings(),
): Promise<void> {
  const touched = await tx.$queryRaw<MentionRow[]>`
    SELECT ${MENTION_COLUMNS} FROM "EventMention" m
    WHERE ${fromActorId}::int = ANY(m."agentIds") OR ${fromActorId}::int = ANY(m."targetIds") OR m."locationId" = ${fromActorId}::int`;
  if (touched.length === 0) return;
  await lockKinds(tx, touched.map((row) => row.kind));
  const replaced = (ids: number[] | null) => [...new Set((ids ?? []).map((id) => (id === fromActorId ? toActorId : id)))].sort((a, b) => a - b);
  const mentions = touched.map((row) =>
    toMention({
      ...row,
      agentIds: replaced(row.agentIds),
      targetIds: replaced(row.targetIds),
      locationId: row.locationId === fromActorId ? toActorId : row.locationId,
    }),
  );
  for (const mention of mentions) {
    await tx.eventMention.update({
      where: { id: mention.id },
      data: { agentIds: mention.agentIds, targetIds: mention.targetIds, locationId: mention.locationId },
    });
  }
  const linked = await linkedEvents(tx, mentions, settings);
  await regroup(tx, [...new Set([...linked, ...mentions.map((m) => m.eventId)])], settings);
}

/** Regroups every mention of these events; the caller holds the kinds' locks. */
async function regroup(tx: Tx, eventIds: number[], settings: StorySettings): Promise<void> {
  const rows = await tx.$queryRaw<MentionRow[]>`
    SELECT ${MENTION_COLUMNS} FROM "EventMention" m WHERE m."eventId" = ANY(${eventIds}::int[]) ORDER BY m.id`;
  const mentions = rows.map(toMention);
  const currentEvent = new Map(mentions.map((mention) => [mention.id, mention.eventId]));
  const stories = groupMentions(mentions, settings);

  // Each story keeps the oldest Event row among its members' (global ids that clients already hold
  // stay valid as long as possible); a story split off gets a new row. Which row a story gets
  // depends on arrival order; what the story holds does not.
  const claimed = new Set<number>();
  const ordered = stories
    .map((story) => ({ story, ids: [...new Set(story.mentions.map((m) => currentEvent.get(m.id)!))].sort((a, b) => a - b) }))
    .sort((a, b) => a.ids[0] - b.ids[0] || a.story.mentions[0].id - b.story.mentions[0].id);
  const assignments: { eventId: number | null; story: (typeof stories)[number] }[] = ordered.map(({ story, ids }) => {
    const eventId = ids.find((id) => !claimed.has(id)) ?? null;
    if (eventId !== null) claimed.add(eventId);
    return { eventId, story };
  });

  const eventData = ({ attributes }: (typeof stories)[number]) => ({
    kind: attributes.kind,
    status: attributes.status,
    mode: attributes.mode,
    date: attributes.date ? new Date(`${attributes.date}T00:00:00Z`) : null,
    datePrecision: attributes.datePrecision,
    locationId: attributes.locationId,
    locationText: attributes.locationText,
  });
  const unassigned = assignments.filter((assignment) => assignment.eventId === null);
  if (unassigned.length) {
    const created = await tx.event.createManyAndReturn({ data: unassigned.map((a) => eventData(a.story)), select: { id: true } });
    unassigned.forEach((assignment, index) => (assignment.eventId = created[index].id));
  }
  for (const assignment of assignments) {
    if (claimed.has(assignment.eventId!)) await tx.event.update({ where: { id: assignment.eventId! }, data: eventData(assignment.story) });
  }

  const moves = assignments.flatMap((a) => a.story.mentions.filter((m) => currentEvent.get(m.id) !== a.eventId).map((m) => [m.id, a.eventId!]));
  if (moves.length) {
    const ids = moves.map(([mentionId]) => mentionId);
    await tx.$executeRaw`
      UPDATE "EventMention" m SET "eventId" = v.event
      FROM (SELECT unnest(${ids}::int[]) AS id, unnest(${moves.map(([, eventId]) => eventId)}::int[]) AS event) v
      WHERE m.id = v.id`;
    await tx.$executeRaw`
      UPDATE "EventReport" r SET "eventId" = m."eventId" FROM "EventMention" m
      WHERE r."mentionId" = m.id AND m.id = ANY(${ids}::int[])`;
  }

  const storyIds = assignments.map((a) => a.eventId!);
  await tx.eventParticipant.deleteMany({ where: { eventId: { in: storyIds } } });
  const participants = assignments.flatMap((a) => a.story.attributes.participants.map((p) => ({ eventId: a.eventId!, ...p })));
  if (participants.length) await tx.eventParticipant.createMany({ data: participants });

  // Rows left without a mention were merged into another story or lost their last report.
  // Events from before stories existed have reports but no mentions; those are kept.
  const leftOver = eventIds.filter((id) => !storyIds.includes(id));
  if (leftOver.length) {
    await tx.event.deleteMany({ where: { id: { in: leftOver }, mentions: { none: {} }, reports: { none: {} } } });
  }
}

/**
 * For each event, the first `take` distinct reporting article ids after `afterArticleId`,
 * ascending: one statement for any number of events.
 */
export async function eventArticleIdPages(
  prisma: Tx,
  eventIds: number[],
  afterArticleId: number,
  take: number,
): Promise<Map<number, number[]>> {
  const rows = await prisma.$queryRaw<{ eventId: number; articleId: number }[]>`
    SELECT "eventId", "articleId" FROM (
      SELECT "eventId", "articleId", row_number() OVER (PARTITION BY "eventId" ORDER BY "articleId") AS rank
      FROM (SELECT DISTINCT "eventId", "articleId" FROM "EventReport"
            WHERE "eventId" = ANY(${eventIds}::int[]) AND "articleId" > ${afterArticleId}::int) reported
    ) ranked
    WHERE rank <= ${take}::int
    ORDER BY "eventId", "articleId"`;
  const pages = new Map<number, number[]>();
  for (const row of rows) pages.set(row.eventId, [...(pages.get(row.eventId) ?? []), row.articleId]);
  return pages;
}

/**
 * Distinct reporting articles and distinct sources per event, in one statement. An article
 * without a source counts as a source of its own.
 */
export async function eventArticleCounts(prisma: Tx, eventIds: number[]): Promise<Map<number, { articles: number; sources: number }>> {
  const rows = await prisma.$queryRaw<{ eventId: number; articles: number; sources: number }[]>`
    SELECT r."eventId", count(DISTINCT r."articleId")::int AS articles,
      count(DISTINCT coalesce('s' || a."sourceId", 'a' || a.id))::int AS sources
    FROM "EventReport" r JOIN "Article" a ON a.id = r."articleId"
    WHERE r."eventId" = ANY(${eventIds}::int[])
    GROUP BY r."eventId"`;
  return new Map(rows.map((row) => [row.eventId, { articles: row.articles, sources: row.sources }]));
}
