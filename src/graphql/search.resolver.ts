import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Args, createUnionType, Ctx, Field, Float, InputType, Int, ObjectType, Query, registerEnumType, Resolver } from "type-graphql";
import { DateTimeISOResolver } from "graphql-scalars";
import { countSearch, search, type SearchFilters, type SearchKind } from "../db/search.repository.js";
import type { Context } from "./context.js";
import { resolveActorRef } from "./actor.resolver.js";
import { Actor } from "./actor.type.js";
import { Article } from "./article.type.js";
import { Claim } from "./claim.type.js";
import { ClaimKind, EventKind } from "./enums.js";
import { badUserInput } from "./errors.js";
import { Event } from "./event.type.js";
import { ConnectionArgs } from "./pagination.args.js";
import { encodeCursor, fromGlobalId, PageInfo, pageRequest } from "./relay.js";

export enum SearchType {
  ARTICLE = "ARTICLE",
  ACTOR = "ACTOR",
  CLAIM = "CLAIM",
  EVENT = "EVENT",
}

registerEnumType(SearchType, {
  name: "SearchType",
  description: "What search looks in.",
  valuesConfig: {
    ARTICLE: { description: "Article titles and bodies (full text)." },
    ACTOR: { description: "Actor names and aliases (fuzzy: misspellings match)." },
    CLAIM: { description: "Claim quotes and content (full text)." },
    EVENT: { description: "Sentences reporting events (full text)." },
  },
});

export const SearchResultItem = createUnionType({
  name: "SearchResultItem",
  description: "Anything search can find.",
  types: () => [Article, Actor, Claim, Event] as const,
});

@ObjectType("SearchResultEdge", { description: "One search hit, with its score and the matching text." })
class SearchResultEdge {
  @Field(() => String, { description: "Opaque cursor of this hit." })
  cursor!: string;

  @Field(() => SearchResultItem, { description: "The article, actor, claim or event found." })
  node!: typeof SearchResultItem;

  @Field(() => Float, { description: "Relevance from 0 to 1; hits are ordered by it." })
  score!: number;

  @Field(() => String, { nullable: true, description: "Matching text, with matched words between « and »; for actors the alias that matched." })
  snippet!: string | null;
}

@ObjectType("SearchResultConnection", { description: "A page of search hits, best first." })
class SearchResultConnection {
  @Field(() => [SearchResultEdge], { description: "Hits of this page with scores, snippets and cursors." })
  edges!: SearchResultEdge[];

  @Field(() => [SearchResultItem], { description: "Hits of this page, without scores." })
  nodes!: (typeof SearchResultItem)[];

  @Field(() => PageInfo, { description: "Pagination state of this page." })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: "Number of hits over all pages, counted up to 1,000." })
  totalCount!: number;
}

@InputType("SearchFilter", { description: "Narrows a search. All given fields must match." })
export class SearchFilter {
  @Field(() => String, { nullable: true, description: "Source: global id or name." })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Article language, ISO 639-1 ("en").' })
  language?: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "Articles published at or after this time." })
  since?: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "Articles published before this time." })
  until?: Date | null;

  @Field(() => String, { nullable: true, description: "An actor (global id, name or alias) the hit must involve." })
  actor?: string | null;

  @Field(() => ClaimKind, { nullable: true, description: "Claim hits of this kind only." })
  claimKind?: ClaimKind | null;

  @Field(() => EventKind, { nullable: true, description: "Event hits of this kind only." })
  eventKind?: EventKind | null;
}

const MAX_HITS = 1_000;

@Resolver()
export class SearchResolver {
  @Query(() => SearchResultConnection, {
    description:
      'Ranked search: PostgreSQL full text over articles, claims and event reports (websearch syntax: "quoted phrase", OR, -word) and fuzzy actor names ("Pashinian" finds Pashinyan), with highlighted snippets.',
  })
  async search(
    @Arg("query", () => String, { description: "What to look for." }) query: string,
    @Arg("types", () => [SearchType], { nullable: true, description: "Where to look; everywhere when omitted." }) types: SearchType[] | null,
    @Arg("filter", () => SearchFilter, { nullable: true, description: "Conditions the hits must meet." }) filter: SearchFilter | null,
    @Args(() => ConnectionArgs) page: ConnectionArgs,
    @Ctx() { db, loaders }: Context,
  ): Promise<SearchResultConnection> {
    const text = query.trim();
    if (!text) throw badUserInput("query must not be empty", "query");
    if (text.length > 500) throw badUserInput("query must be at most 500 characters", "query");
    if (filter?.since && filter?.until && filter.since >= filter.until) throw badUserInput("filter.since must be before filter.until", "filter.since");
    const { take, afterPosition } = pageRequest(page);
    const offset = afterPosition ?? 0;
    if (offset > MAX_HITS) throw badUserInput(`search pages end at ${MAX_HITS} hits`, "after");

    let sourceIds: number[] | undefined;
    if (filter?.source) {
      const global = fromGlobalId(filter.source);
      const found = global?.type === "Source"
        ? await db.prisma.source.findUnique({ where: { id: global.id }, select: { id: true } })
        : await db.prisma.source.findUnique({ where: { name: filter.source.trim() }, select: { id: true } });
      if (!found) throw badUserInput(`filter.source: no source "${filter.source.slice(0, 100)}"`, "filter.source");
      sourceIds = [found.id];
    }
    const actorIds = filter?.actor ? await resolveActorRef(db, filter.actor, "filter.actor") : undefined;
    const kinds = (types?.length ? [...new Set(types)] : Object.values(SearchType)) as SearchKind[];
    const filters: SearchFilters = {
      sourceIds,
      language: filter?.language ?? undefined,
      since: filter?.since ?? undefined,
      until: filter?.until ?? undefined,
      actorIds,
      claimKind: filter?.claimKind ?? undefined,
      eventKind: filter?.eventKind ?? undefined,
    };
    const hits = await search(db.prisma, text, kinds, filters, Math.min(MAX_HITS, offset + take + 1));
    const pageHits = hits.slice(offset, offset + take);
    const nodes = await Promise.all(
      pageHits.map(async (hit) => {
        switch (hit.kind) {
          case "ARTICLE":
            return Article.from((await loaders.article.load(hit.id))!);
          case "ACTOR":
            return Actor.from((await loaders.actor.load(hit.id))!);
          case "CLAIM":
            return Claim.from((await loaders.claim.load(hit.id))!);
          case "EVENT":
            return Event.from((await loaders.event.load(hit.id))!);
        }
      }),
    );
    const edges = pageHits.map((hit, index) =>
      Object.assign(new SearchResultEdge(), { cursor: encodeCursor(offset + index + 1), node: nodes[index], score: hit.score, snippet: hit.snippet }),
    );
    let counted: Promise<number> | undefined;
    // A plain object, not Object.assign: assigning would run the totalCount getter at once.
    return {
      edges,
      nodes,
      pageInfo: {
        hasNextPage: hits.length > offset + take,
        hasPreviousPage: offset > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      // Counted only when asked for.
      get totalCount() {
        counted ??= countSearch(db.prisma, text, kinds, filters, MAX_HITS);
        return counted;
      },
    } as unknown as SearchResultConnection;
  }
}
