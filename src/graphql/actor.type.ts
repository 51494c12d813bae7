import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Actor as ActorRow, Mention as MentionRow } from "@prisma/client";
import { Field, Int, ObjectType } from "type-graphql";
import { ActorKind } from "./enums.js";
import { Connection, Node, toGlobalId } from "./relay.js";

@ObjectType("Actor", {
  implements: Node,
  description: "A person, organisation, country, group or place, resolved to one canonical actor across articles and aliases.",
})
export class Actor extends Node {
  dbId!: number;
  parentId!: number | null;

  @Field(() => String, { description: "Canonical name." })
  name!: string;

  @Field(() => ActorKind, { description: "What sort of actor this is." })
  kind!: ActorKind;

  @Field(() => String, { nullable: true, description: "ISO-3166 alpha-3 code of the actor's country." })
  countryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Role or description, e.g. "Prime Minister of Armenia".' })
  role!: string | null;

  static from(row: ActorRow): Actor {
    return Object.assign(new Actor(), {
      id: toGlobalId("Actor", row.id),
      dbId: row.id,
      parentId: row.parentId,
      name: row.name,
      kind: row.kind,
      countryCode: row.countryCode,
      role: row.role,
    });
  }
}

export const ActorConnection = Connection("Actor", Actor, "actor");

@ObjectType("Mention", { description: "One place in an article where an actor is named or referred to." })
export class Mention {
  actorId!: number;
  articleId!: number;

  @Field(() => Int, { description: "Index of the sentence in the article body." })
  sentenceIndex!: number;

  @Field(() => Int, { description: "Start offset in the article body (UTF-16 code units)." })
  start!: number;

  @Field(() => Int, { description: "End offset in the article body (exclusive)." })
  end!: number;

  @Field(() => String, { description: "The text as written, e.g. \"He\" or \"Moscow\"." })
  text!: string;

  static from(row: MentionRow): Mention {
    return Object.assign(new Mention(), row);
  }
}

export const MentionConnection = Connection("Mention", Mention, "mention");
