import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Authorized, Ctx, Field, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { ingestArticle } from "../ingest/ingest-article.js";
import { InvalidArticleError } from "../ingest/validate.js";
import type { Context } from "./context.js";
import { Article } from "./article.type.js";
import { badUserInput } from "./errors.js";

@InputType("IngestArticleInput", { description: "An article to store and extract facts from." })
export class IngestArticleInput {
  @Field(() => String, { description: "Headline. Must not be empty." })
  title!: string;

  @Field(() => String, { description: "Plain-text body, paragraphs separated by blank lines. Must not be empty; size-limited (default 1 MB)." })
  body!: string;

  @Field(() => String, { nullable: true, description: "Absolute http(s) URL of the article." })
  url?: string | null;

  @Field(() => String, { nullable: true, description: 'Publication time, ISO-8601 ("2024-02-23" or "2024-02-23T10:00:00Z") or RFC 2822.' })
  publishedAt?: string | null;

  @Field(() => String, { nullable: true, description: "Name of the source; created when new." })
  sourceName?: string | null;

  @Field(() => String, { nullable: true, description: "Short summary or standfirst." })
  summary?: string | null;
}

@ObjectType("IngestArticlePayload", { description: "Result of ingestArticle." })
export class IngestArticlePayload {
  @Field(() => Article, { description: "The stored article; the earlier copy when this was a duplicate." })
  article!: Article;

  @Field(() => Boolean, { description: "True when the same article was already stored; nothing new was created." })
  duplicate!: boolean;

  @Field(() => Boolean, {
    description: "True when the article was stored as a near-duplicate of an earlier one (see `article.duplicateOf`); its facts are not extracted again.",
  })
  nearDuplicate!: boolean;

  @Field(() => Int, { description: "Actors this call resolved or created (0 for a duplicate)." })
  actorCount!: number;

  @Field(() => Int, { description: "Mentions stored." })
  mentionCount!: number;

  @Field(() => Int, { description: "Claims extracted and stored." })
  claimCount!: number;

  @Field(() => Int, { description: "Events extracted and stored." })
  eventCount!: number;

  @Field(() => [String], { description: "Extraction warnings (empty text, truncation, ...)." })
  warnings!: string[];
}

@Resolver()
export class IngestResolver {
  @Authorized("EDITOR")
  @Mutation(() => IngestArticlePayload, {
    description:
      "Stores an article, extracts actors, claims and events from it, and returns what was stored. Re-sending the same text (or URL) returns the existing article with duplicate: true. Needs an EDITOR or ADMIN key.",
  })
  async ingestArticle(
    @Arg("input", () => IngestArticleInput, { description: "The article." }) input: IngestArticleInput,
    @Ctx() { db, settings }: Context,
  ): Promise<IngestArticlePayload> {
    try {
      const outcome = await ingestArticle(db, input, settings);
      return Object.assign(new IngestArticlePayload(), {
        article: Article.from(outcome.article),
        duplicate: outcome.duplicate,
        nearDuplicate: outcome.nearDuplicateOf !== null,
        actorCount: outcome.counts.actors,
        mentionCount: outcome.counts.mentions,
        claimCount: outcome.counts.claims,
        eventCount: outcome.counts.events,
        warnings: outcome.warnings,
      });
    } catch (error) {
      if (error instanceof InvalidArticleError) throw badUserInput(error.message, `input.${error.field}`);
      throw error;
    }
  }
}
