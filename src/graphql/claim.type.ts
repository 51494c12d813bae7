import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Claim as ClaimRow } from "@prisma/client";
import { Field, ObjectType } from "type-graphql";
import { ClaimKind } from "./enums.js";
import { Evidence } from "./evidence.type.js";
import { Connection, Node, toGlobalId } from "./relay.js";

@ObjectType("Claim", {
  implements: Node,
  description: "An attributed statement: who said what, of what kind, against whom, with the evidence it came from.",
})
export class Claim extends Node {
  dbId!: number;
  articleId!: number;
  speakerId!: number | null;
  respondsToId!: number | null;

  @Field(() => ClaimKind, { description: "What the statement does: STATE, ACCUSE, REJECT, REQUEST, THREATEN, SUPPORT or AGREE." })
  kind!: ClaimKind;

  @Field(() => String, { description: "What was claimed, as a span of the sentence." })
  content!: string;

  @Field(() => String, { nullable: true, description: "Verbatim quotation without quote marks, when the claim is a direct quote." })
  quote!: string | null;

  @Field(() => Boolean, { description: 'Whether the statement is negated ("did not accuse").' })
  negated!: boolean;

  @Field(() => Boolean, { description: 'Whether the attribution is hedged ("reportedly", "allegedly").' })
  hedged!: boolean;

  @Field(() => Evidence, { description: "Sentence, offsets, cue, rule and confidence: why this claim was extracted." })
  evidence!: Evidence;

  static from(row: ClaimRow): Claim {
    return Object.assign(new Claim(), {
      id: toGlobalId("Claim", row.id),
      dbId: row.id,
      articleId: row.articleId,
      speakerId: row.speakerId,
      respondsToId: row.respondsToId,
      kind: row.kind,
      content: row.content,
      quote: row.quote,
      negated: row.negated,
      hedged: row.hedged,
      evidence: Evidence.from(row),
    });
  }
}

export const ClaimConnection = Connection("Claim", Claim, "claim");
