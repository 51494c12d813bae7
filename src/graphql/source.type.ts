import type { Source as SourceRow } from "@prisma/client";
import { Field, ObjectType } from "type-graphql";
import { SourceKind } from "./enums.js";
import { Node, toGlobalId } from "./relay.js";

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

  static from(row: SourceRow): Source {
    return Object.assign(new Source(), {
      id: toGlobalId("Source", row.id),
      dbId: row.id,
      name: row.name,
      kind: row.kind,
      homepageUrl: row.homepageUrl,
      feedUrl: row.feedUrl,
    });
  }
}
