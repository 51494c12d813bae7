import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { pollSource } from "../ingest/sources/poll-source.js";
import { addSource, InvalidSourceError, removeSource, updateSource } from "../ingest/sources/sources.js";
import type { Context } from "./context.js";
import { ArticleConnection } from "./article.type.js";
import { badUserInput, notFound } from "./errors.js";
import { ConnectionArgs } from "./pagination.args.js";
import { articlePage } from "./pages.js";
import { expectGlobalId, paginate } from "./relay.js";
import { Source, SourceConnection } from "./source.type.js";

@InputType("AddSourceInput", { description: "A feed or site to poll." })
export class AddSourceInput {
  @Field(() => String, { description: "Unique display name." })
  name!: string;

  @Field(() => String, { nullable: true, description: "RSS, Atom, RDF or JSON Feed URL (http or https)." })
  feedUrl?: string | null;

  @Field(() => String, { nullable: true, description: "Home page of the publisher." })
  siteUrl?: string | null;

  @Field(() => Int, { nullable: true, description: "Seconds between polls, 60 to 604800. Default 900." })
  pollInterval?: number | null;
}

@InputType("UpdateSourceInput", { description: "Changes to a source; omitted fields stay as they are." })
export class UpdateSourceInput {
  @Field(() => ID, { description: "Global id of the source." })
  id!: string;

  @Field(() => String, { nullable: true, description: "New name." })
  name?: string | null;

  @Field(() => String, { nullable: true, description: "New feed URL." })
  feedUrl?: string | null;

  @Field(() => String, { nullable: true, description: "New home page." })
  siteUrl?: string | null;

  @Field(() => Int, { nullable: true, description: "New poll interval in seconds." })
  pollInterval?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Pause (true) or resume (false) polling." })
  paused?: boolean | null;
}

@ObjectType("AddSourcePayload", { description: "Result of addSource." })
export class AddSourcePayload {
  @Field(() => Source, { description: "The new source; its first poll is due at once." })
  source!: Source;
}

@ObjectType("UpdateSourcePayload", { description: "Result of updateSource." })
export class UpdateSourcePayload {
  @Field(() => Source, { description: "The source after the change." })
  source!: Source;
}

@ObjectType("RemoveSourcePayload", { description: "Result of removeSource." })
export class RemoveSourcePayload {
  @Field(() => ID, { description: "Global id of the removed source. Its articles are kept." })
  removedSourceId!: string;
}

@ObjectType("RefreshSourcePayload", { description: "What one poll of a source found." })
export class RefreshSourcePayload {
  @Field(() => Source, { description: "The source, with its updated status." })
  source!: Source;

  @Field(() => String, { description: "ok, not-modified (HTTP 304) or failed." })
  status!: string;

  @Field(() => Int, { description: "Items in the feed." })
  items!: number;

  @Field(() => Int, { description: "New articles stored." })
  imported!: number;

  @Field(() => Int, { description: "Items already stored (same URL or text)." })
  duplicates!: number;

  @Field(() => Int, { description: "Items stored as near-duplicates of earlier articles." })
  nearDuplicates!: number;

  @Field(() => Int, { description: "Items with no usable text." })
  skipped!: number;

  @Field(() => String, { nullable: true, description: "Why the poll failed, when it did." })
  error!: string | null;
}

function invalid(error: unknown): never {
  if (error instanceof InvalidSourceError) throw badUserInput(error.message, `input.${error.field}`);
  throw error;
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: "All sources, oldest first, with their polling status." })
  sources(@Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { db }: Context) {
    return paginate(
      page,
      "asc",
      (id, take) => db.prisma.source.findMany({ where: { id }, orderBy: { id: "asc" }, take }),
      () => db.prisma.source.count(),
      Source.from,
    );
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles from this source, newest first." })
  articles(@Root() source: Source, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() context: Context) {
    return articlePage({ sourceId: source.dbId }, page, context);
  }

  @Authorized("ADMIN")
  @Mutation(() => AddSourcePayload, { description: "Adds a feed or site to poll on its own interval. Needs an ADMIN key." })
  async addSource(@Arg("input", () => AddSourceInput, { description: "The source." }) input: AddSourceInput, @Ctx() { db }: Context) {
    const row = await addSource(db, input).catch(invalid);
    return Object.assign(new AddSourcePayload(), { source: Source.from(row) });
  }

  @Authorized("ADMIN")
  @Mutation(() => UpdateSourcePayload, { description: "Renames, re-points, re-schedules, pauses or resumes a source. Needs an ADMIN key." })
  async updateSource(@Arg("input", () => UpdateSourceInput, { description: "The changes." }) input: UpdateSourceInput, @Ctx() { db }: Context) {
    const id = expectGlobalId(input.id, "Source", "input.id");
    const row = await updateSource(db, id, input).catch(invalid);
    if (!row) throw notFound(`no source has id ${input.id}`);
    return Object.assign(new UpdateSourcePayload(), { source: Source.from(row) });
  }

  @Authorized("ADMIN")
  @Mutation(() => RemoveSourcePayload, { description: "Stops polling a source and removes it; its articles are kept. Needs an ADMIN key." })
  async removeSource(@Arg("id", () => ID, { description: "Global id of the source." }) globalId: string, @Ctx() { db }: Context) {
    const id = expectGlobalId(globalId, "Source");
    if (!(await removeSource(db, id))) throw notFound(`no source has id ${globalId}`);
    return Object.assign(new RemoveSourcePayload(), { removedSourceId: globalId });
  }

  @Authorized("ADMIN")
  @Mutation(() => RefreshSourcePayload, { description: "Polls a source now, whatever its schedule, and reports what was found. Needs an ADMIN key." })
  async refreshSource(@Arg("id", () => ID, { description: "Global id of the source." }) globalId: string, @Ctx() { db, settings }: Context) {
    const id = expectGlobalId(globalId, "Source");
    if (!(await db.prisma.source.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`no source has id ${globalId}`);
    const outcome = await pollSource(db, id, settings);
    const row = await db.prisma.source.findUniqueOrThrow({ where: { id } });
    return Object.assign(new RefreshSourcePayload(), {
      source: Source.from(row),
      status: outcome.status,
      items: outcome.items,
      imported: outcome.imported,
      duplicates: outcome.duplicates,
      nearDuplicates: outcome.nearDuplicates,
      skipped: outcome.skipped,
      error: outcome.error,
    });
  }
}
