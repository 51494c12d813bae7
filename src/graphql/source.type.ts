import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Source as SourceRow } from "@prisma/client";
import { DateTimeISOResolver } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";
import { SourceKind } from "./enums.js";
import { Connection, Node, toGlobalId } from "./relay.js";

@ObjectType("Source", { implements: Node, description: "Where articles come from: a feed, a site, an import or the API." })
export class Source extends Node {
  dbId!: number;

  @Field(() => String, { description: "Unique display name." })
  name!: string;

  @Field(() => SourceKind, { description: "How articles from this source arrive." })
  kind!: SourceKind;

  @Field(() => String, { nullable: true, description: "Home page of the publisher." })
  homepageUrl!: string | null;

  @Field(() => String, { nullable: true, description: "Feed URL, for FEED sources." })
  feedUrl!: string | null;

  @Field(() => Int, { description: "Seconds between polls of the feed." })
  pollInterval!: number;

  @Field(() => Boolean, { description: "Paused sources are not polled." })
  paused!: boolean;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "When the feed was last fetched, successfully or not." })
  lastFetchedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: "HTTP status of the last fetch (304: unchanged); null when no response came." })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last poll failed, as CODE: message; null after a success." })
  lastError!: string | null;

  @Field(() => Int, { description: "Failed polls in a row; each doubles the wait before the next one." })
  consecutiveFailures!: number;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "When the next poll is due." })
  nextPollAt!: Date | null;

  @Field(() => Int, { description: "Feed items seen over all polls." })
  itemsSeen!: number;

  @Field(() => Int, { description: "Articles stored from this source's feed over all polls." })
  itemsImported!: number;

  static from(row: SourceRow): Source {
    return Object.assign(new Source(), {
      id: toGlobalId("Source", row.id),
      dbId: row.id,
      name: row.name,
      kind: row.kind,
      homepageUrl: row.homepageUrl,
      feedUrl: row.feedUrl,
      pollInterval: row.pollIntervalSeconds,
      paused: row.paused,
      lastFetchedAt: row.lastFetchedAt,
      lastStatus: row.lastStatus,
      lastError: row.lastError,
      consecutiveFailures: row.consecutiveFailures,
      nextPollAt: row.nextPollAt,
      itemsSeen: row.itemsSeen,
      itemsImported: row.itemsImported,
    });
  }
}

export const SourceConnection = Connection("Source", Source, "source");
