import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType("Evidence", { description: "Why a fact was extracted: the sentence, the exact span, and the rule that fired." })
export class Evidence {
  @Field(() => String, { description: "The whole sentence the fact comes from." })
  sentence!: string;

  @Field(() => Int, { description: "Index of that sentence in the article body." })
  sentenceIndex!: number;

  @Field(() => Int, { description: "Start offset of the evidence span in the article body (UTF-16 code units)." })
  start!: number;

  @Field(() => Int, { description: "End offset of the evidence span (exclusive)." })
  end!: number;

  @Field(() => String, { nullable: true, description: "The cue as written: reporting verb or event trigger." })
  cue!: string | null;

  @Field(() => String, { description: "Name of the extraction rule or frame that fired." })
  rule!: string;

  @Field(() => Float, { description: "Extractor confidence, 0 to 1." })
  confidence!: number;

  @Field(() => String, { description: "Extractor name." })
  extractor!: string;

  @Field(() => String, { description: "Extractor version." })
  extractorVersion!: string;

  static from(row: Omit<Evidence, never>): Evidence {
    return Object.assign(new Evidence(), {
      sentence: row.sentence,
      sentenceIndex: row.sentenceIndex,
      start: row.start,
      end: row.end,
      cue: row.cue,
      rule: row.rule,
      confidence: row.confidence,
      extractor: row.extractor,
      extractorVersion: row.extractorVersion,
    });
  }
}
