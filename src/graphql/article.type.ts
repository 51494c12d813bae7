import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Article as ArticleRow } from "@prisma/client";
import { DateTimeISOResolver } from "graphql-scalars";
import { Field, Float, ObjectType } from "type-graphql";
import { Connection, Node, toGlobalId } from "./relay.js";

/**
 * An article row, possibly without its two large columns: the article loader leaves out the body
 * and the MinHash signature, because a page of claims with their articles would otherwise read
 * hundreds of kilobytes of text that most operations never return.
 */
export type ArticleListRow = Omit<ArticleRow, "body" | "minhash"> & { body?: string };

@ObjectType("Article", { implements: Node, description: "A stored news article: clean text plus what was extracted from it." })
export class Article extends Node {
  dbId!: number;
  sourceId!: number | null;
  duplicateOfId!: number | null;

  @Field(() => String, { description: "Headline, stored once even when the page repeated it." })
  title!: string;

  /** The body when the row carried it; lists load it only if asked for (ArticleResolver.body). */
  bodyText?: string;

  @Field(() => String, { nullable: true, description: "Short summary or standfirst, when the source gave one." })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: "URL as submitted." })
  url!: string | null;

  @Field(() => String, { nullable: true, description: "URL without fragment or tracking parameters; unique." })
  canonicalUrl!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639-1 language code, when detected." })
  language!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "Publication time given by the source." })
  publishedAt!: Date | null;

  @Field(() => DateTimeISOResolver, { description: "When Newsgraph stored the article." })
  fetchedAt!: Date;

  @Field(() => String, { description: "SHA-256 of the normalised title and body; the exact-duplicate key." })
  contentHash!: string;

  @Field(() => String, { nullable: true, description: "Extractor that produced the facts, as name@version." })
  extractedWith!: string | null;

  @Field(() => [String], { description: "Extraction warnings: why a result may be empty or partial." })
  extractionNotes!: string[];

  @Field(() => Float, { nullable: true, description: "Estimated similarity (0..1) to `duplicateOf`, for near-duplicates." })
  duplicateSimilarity!: number | null;

  static from(row: ArticleListRow): Article {
    return Object.assign(new Article(), {
      id: toGlobalId("Article", row.id),
      dbId: row.id,
      sourceId: row.sourceId,
      duplicateOfId: row.duplicateOfId,
      duplicateSimilarity: row.duplicateSimilarity,
      title: row.title,
      bodyText: row.body,
      summary: row.summary,
      url: row.url,
      canonicalUrl: row.canonicalUrl,
      language: row.language,
      publishedAt: row.publishedAt,
      fetchedAt: row.fetchedAt,
      contentHash: row.contentHash,
      extractedWith: row.extractedWith,
      extractionNotes: row.extractionNotes,
    });
  }
}

export const ArticleConnection = Connection("Article", Article, "article");
