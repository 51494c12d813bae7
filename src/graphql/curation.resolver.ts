import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { ReviewVerdict } from "@prisma/client";
import { GraphQLError } from "graphql";
import { DateTimeISOResolver } from "graphql-scalars";
import isoCountries from "i18n-iso-countries";
import { Arg, Authorized, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver, Root } from "type-graphql";
import {
  addAlias,
  CurationError,
  deleteArticle,
  mergeActors,
  reviewClaim,
  splitAlias,
  updateActor,
  type ActorChanges,
} from "../db/curation.repository.js";
import { COUNTRY_INFO } from "../extract/gazetteer.js";
import { reextractAll, reextractArticles } from "../ingest/reextract.js";
import type { Context } from "./context.js";
import { Actor } from "./actor.type.js";
import { Claim } from "./claim.type.js";
import { ActorKind } from "./enums.js";
import { badUserInput, notFound } from "./errors.js";
import { profileLoaders } from "./profile.loaders.js";
import { expectGlobalId, MAX_PAGE_SIZE, toGlobalId } from "./relay.js";

registerEnumType(ReviewVerdict, {
  name: "ReviewVerdict",
  description: "A curator's judgement of an extracted claim.",
  valuesConfig: {
    CONFIRMED: { description: "The claim is right as extracted." },
    REJECTED: { description: "The claim is wrong (wrong speaker, kind, target, or not a claim)." },
  },
});

const EDITOR_ONLY = " Needs an EDITOR or ADMIN key.";
const MAX_NOTE_LENGTH = 2_000;
const MAX_NAME_LENGTH = 200;

/** Turns a refusal from the repository into the typed error a client sees, naming the input field. */
function typed(error: unknown): never {
  if (error instanceof CurationError) {
    throw new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.field ? { field: `input.${error.field}` } : {}),
        ...(error.actorId ? { actorId: toGlobalId("Actor", error.actorId) } : {}),
      },
    });
  }
  throw error;
}

async function actorPayload(context: Context, id: number): Promise<Actor> {
  const row = await context.db.prisma.actor.findUniqueOrThrow({ where: { id } });
  return Actor.from(row);
}

@ObjectType("ClaimReview", { description: "A curator's verdict on a claim. Reviewed claims survive re-extraction unchanged." })
export class ClaimReviewType {
  @Field(() => ReviewVerdict, { description: "CONFIRMED or REJECTED." })
  verdict!: ReviewVerdict;

  @Field(() => String, { nullable: true, description: "Why, in the curator's words." })
  note!: string | null;

  @Field(() => DateTimeISOResolver, { description: "When the verdict was given (or last changed)." })
  reviewedAt!: Date;

  @Field(() => String, { nullable: true, description: "Name of the API key that gave the verdict; null when unknown or deleted." })
  reviewer!: string | null;
}

@InputType("MergeActorsInput", { description: "Actors to fold into one. Give sourceId or sourceIds (or both)." })
export class MergeActorsInput {
  @Field(() => [ID], { nullable: true, description: "Global ids of the actors to merge into the target; they are deleted." })
  sourceIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Global id of one actor to merge into the target (shorthand for sourceIds: [id])." })
  sourceId?: string | null;

  @Field(() => ID, { description: "Global id of the actor that remains." })
  targetId!: string;
}

@ObjectType("MergeActorsPayload", { description: "Result of mergeActors: the remaining actor and what moved onto it." })
export class MergeActorsPayload {
  @Field(() => Actor, { description: "The target actor after the merge." })
  actor!: Actor;

  @Field(() => [ID], { description: "Global ids of the merged (now deleted) actors." })
  mergedActorIds!: string[];

  @Field(() => Int, { description: "Aliases the target gained (aliases it already had are not counted)." })
  movedAliases!: number;

  @Field(() => Int, { description: "Mentions moved to the target." })
  movedMentions!: number;

  @Field(() => Int, { description: "Claims whose speaker is now the target." })
  movedClaimsMade!: number;

  @Field(() => Int, { description: "Claims that now target the target (a claim already targeting it is counted once)." })
  movedClaimsReceived!: number;

  @Field(() => Int, { description: "Event participations moved (duplicates folded)." })
  movedParticipations!: number;

  @Field(() => Int, { description: "Child actors whose parent is now the target." })
  movedChildren!: number;
}

@InputType("AddAliasInput", { description: "A new name for an actor." })
export class AddAliasInput {
  @Field(() => ID, { description: "Global id of the actor." })
  actorId!: string;

  @Field(() => String, { description: "The alias as written, e.g. \"Pashinian\". It must not already belong to any actor." })
  alias!: string;
}

@ObjectType("AddAliasPayload", { description: "Result of addAlias." })
export class AddAliasPayload {
  @Field(() => Actor, { description: "The actor with its new alias." })
  actor!: Actor;
}

@InputType("SplitAliasInput", {
  description: "Moves an alias wrongly resolved to an actor to another actor: an existing one (intoActorId) or a new one (newActorName). Give exactly one.",
})
export class SplitAliasInput {
  @Field(() => ID, { description: "Global id of the actor that has the alias now." })
  actorId!: string;

  @Field(() => String, { description: "The alias to move (matched case- and determiner-insensitively)." })
  alias!: string;

  @Field(() => ID, { nullable: true, description: "Global id of an existing actor to move the alias to." })
  intoActorId?: string | null;

  @Field(() => String, { nullable: true, description: "Name of a new actor to create for the alias." })
  newActorName?: string | null;

  @Field(() => ActorKind, { nullable: true, description: "Kind of the new actor. Default: the kind of the actor split from." })
  newActorKind?: ActorKind | null;

  @Field(() => Boolean, { defaultValue: true, description: "Also move the mentions written as this alias. Default: true." })
  moveMentions!: boolean;
}

@ObjectType("SplitAliasPayload", { description: "Result of splitAlias." })
export class SplitAliasPayload {
  @Field(() => Actor, { description: "The actor the alias was taken from." })
  actor!: Actor;

  @Field(() => Actor, { description: "The actor that has the alias now (new or existing)." })
  into!: Actor;

  @Field(() => Int, { description: "Mentions moved with the alias." })
  movedMentions!: number;
}

@InputType("UpdateActorInput", { description: "Changes to an actor. Omitted fields stay as they are; null clears role, countryCode and parentId." })
export class UpdateActorInput {
  @Field(() => ID, { description: "Global id of the actor." })
  id!: string;

  @Field(() => String, { nullable: true, description: "New canonical name; it also becomes an alias." })
  name?: string | null;

  @Field(() => ActorKind, { nullable: true, description: "New kind." })
  kind?: ActorKind | null;

  @Field(() => String, { nullable: true, description: 'New role, e.g. "Prime Minister of Armenia".' })
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-3166 country code, alpha-3 ("ARM") or alpha-2 ("AM", stored as alpha-3).' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Global id of the parent actor; it must not be the actor or one of its descendants." })
  parentId?: string | null;
}

@ObjectType("UpdateActorPayload", { description: "Result of updateActor." })
export class UpdateActorPayload {
  @Field(() => Actor, { description: "The actor after the change." })
  actor!: Actor;
}

@InputType("ReviewClaimInput", { description: "A verdict on a claim." })
export class ReviewClaimInput {
  @Field(() => ID, { description: "Global id of the claim." })
  id!: string;

  @Field(() => ReviewVerdict, { description: "CONFIRMED or REJECTED." })
  verdict!: ReviewVerdict;

  @Field(() => String, { nullable: true, description: `Why (at most ${MAX_NOTE_LENGTH} characters).` })
  note?: string | null;
}

@ObjectType("ReviewClaimPayload", { description: "Result of reviewClaim." })
export class ReviewClaimPayload {
  @Field(() => Claim, { description: "The claim, with its review." })
  claim!: Claim;
}

@InputType("DeleteArticleInput", { description: "An article to delete." })
export class DeleteArticleInput {
  @Field(() => ID, { description: "Global id of the article." })
  id!: string;
}

@ObjectType("DeleteArticlePayload", { description: "Result of deleteArticle: what went with the article. Actors and other articles' facts stay." })
export class DeleteArticlePayload {
  @Field(() => ID, { description: "Global id of the deleted article." })
  deletedArticleId!: string;

  @Field(() => Int, { description: "Mentions deleted." })
  deletedMentions!: number;

  @Field(() => Int, { description: "Claims deleted (reviewed ones included)." })
  deletedClaims!: number;

  @Field(() => Int, { description: "Event reports deleted." })
  deletedEventReports!: number;

  @Field(() => Int, { description: "Events deleted because no other article reports them." })
  deletedEvents!: number;

  @Field(() => [ID], {
    description:
      "Near-duplicates of the deleted article. They are kept and listed as originals now, without facts of their own: reextract them to extract their facts, or delete them too.",
  })
  releasedDuplicateIds!: string[];
}

@InputType("ReextractInput", { description: "Articles to extract again with the current extractor. Give articleIds or all: true." })
export class ReextractInput {
  @Field(() => [ID], { nullable: true, description: `Global ids of the articles (at most ${MAX_PAGE_SIZE}).` })
  articleIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Every stored article, in batches." })
  all?: boolean | null;
}

@ObjectType("ReextractPayload", { description: "Result of reextract: what the current extractor wrote." })
export class ReextractPayload {
  @Field(() => String, { description: "The extractor that ran, as name@version." })
  extractor!: string;

  @Field(() => Int, { description: "Articles whose facts were replaced." })
  articles!: number;

  @Field(() => Int, { description: "Near-duplicates left alone: their facts are the original's." })
  skipped!: number;

  @Field(() => Int, { description: "Mentions written." })
  mentions!: number;

  @Field(() => Int, { description: "Claims written." })
  claims!: number;

  @Field(() => Int, { description: "Reviewed claims kept as they were." })
  claimsKept!: number;

  @Field(() => Int, { description: "Events written." })
  events!: number;
}

function checkedName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw badUserInput(`${field} must not be empty`, `input.${field}`);
  if (trimmed.length > MAX_NAME_LENGTH) throw badUserInput(`${field} must be at most ${MAX_NAME_LENGTH} characters`, `input.${field}`);
  return trimmed;
}

/** An ISO-3166 code as stored (alpha-3, as the extractor's gazetteer writes it), or an error. */
function checkedCountryCode(code: string): string {
  const upper = code.trim().toUpperCase();
  const alpha3 = upper.length === 2 ? isoCountries.alpha2ToAlpha3(upper) : upper;
  if (!alpha3 || !/^[A-Z]{3}$/.test(alpha3) || !(COUNTRY_INFO.has(alpha3) || isoCountries.isValid(alpha3))) {
    throw badUserInput(`countryCode "${code.slice(0, 20)}" is not an ISO-3166 alpha-3 or alpha-2 country code`, "input.countryCode");
  }
  return alpha3;
}

@Resolver()
export class CurationResolver {
  @Authorized("EDITOR")
  @Mutation(() => MergeActorsPayload, {
    description:
      "Folds actors into a target in one transaction: aliases, mentions, claims made and received, event participations and child actors move to the target, duplicates are folded, and the merged actors are deleted." +
      EDITOR_ONLY,
  })
  async mergeActors(@Arg("input", () => MergeActorsInput, { description: "Which actors." }) input: MergeActorsInput, @Ctx() context: Context) {
    const targetId = expectGlobalId(input.targetId, "Actor", "input.targetId");
    const given = [...(input.sourceIds ?? []), ...(input.sourceId != null ? [input.sourceId] : [])];
    if (given.length === 0) throw badUserInput("give sourceId or sourceIds", "input.sourceIds");
    if (given.length > MAX_PAGE_SIZE) throw badUserInput(`at most ${MAX_PAGE_SIZE} actors can be merged at once`, "input.sourceIds");
    const sourceIds = given.map((id, index) => expectGlobalId(id, "Actor", input.sourceIds?.length ? `input.sourceIds[${index}]` : "input.sourceId"));
    const moved = await mergeActors(context.db.prisma, sourceIds, targetId).catch(typed);
    return Object.assign(new MergeActorsPayload(), {
      actor: await actorPayload(context, targetId),
      mergedActorIds: [...new Set(sourceIds)].map((id) => toGlobalId("Actor", id)),
      movedAliases: moved.aliases,
      movedMentions: moved.mentions,
      movedClaimsMade: moved.claimsMade,
      movedClaimsReceived: moved.claimTargets,
      movedParticipations: moved.participations,
      movedChildren: moved.children,
    });
  }

  @Authorized("EDITOR")
  @Mutation(() => AddAliasPayload, { description: "Adds a name an actor is known by. Refused when the actor or another actor already has it." + EDITOR_ONLY })
  async addAlias(@Arg("input", () => AddAliasInput, { description: "The actor and the alias." }) input: AddAliasInput, @Ctx() context: Context) {
    const actorId = expectGlobalId(input.actorId, "Actor", "input.actorId");
    await addAlias(context.db.prisma, actorId, input.alias).catch(typed);
    return Object.assign(new AddAliasPayload(), { actor: await actorPayload(context, actorId) });
  }

  @Authorized("EDITOR")
  @Mutation(() => SplitAliasPayload, {
    description: "Moves an alias, and by default the mentions written as it, from an actor to another existing or new actor." + EDITOR_ONLY,
  })
  async splitAlias(@Arg("input", () => SplitAliasInput, { description: "The alias and where it goes." }) input: SplitAliasInput, @Ctx() context: Context) {
    const actorId = expectGlobalId(input.actorId, "Actor", "input.actorId");
    const intoActorId = input.intoActorId != null ? expectGlobalId(input.intoActorId, "Actor", "input.intoActorId") : undefined;
    if (input.newActorName != null) checkedName(input.newActorName, "newActorName");
    const moved = await splitAlias(context.db.prisma, {
      actorId,
      alias: input.alias,
      intoActorId,
      newActor: input.newActorName != null ? { name: input.newActorName, kind: input.newActorKind } : undefined,
      moveMentions: input.moveMentions,
    }).catch(typed);
    return Object.assign(new SplitAliasPayload(), {
      actor: await actorPayload(context, actorId),
      into: await actorPayload(context, moved.intoActorId),
      movedMentions: moved.mentions,
    });
  }

  @Authorized("EDITOR")
  @Mutation(() => UpdateActorPayload, { description: "Changes an actor's name, kind, role, country or parent." + EDITOR_ONLY })
  async updateActor(@Arg("input", () => UpdateActorInput, { description: "The changes." }) input: UpdateActorInput, @Ctx() context: Context) {
    const id = expectGlobalId(input.id, "Actor", "input.id");
    const changes: ActorChanges = {};
    if (input.name === null) throw badUserInput("name cannot be cleared", "input.name");
    if (input.kind === null) throw badUserInput("kind cannot be cleared", "input.kind");
    if (input.name !== undefined) changes.name = checkedName(input.name, "name");
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.role !== undefined) changes.role = input.role?.trim() ? checkedName(input.role, "role") : null;
    if (input.countryCode !== undefined) changes.countryCode = input.countryCode?.trim() ? checkedCountryCode(input.countryCode) : null;
    if (input.parentId !== undefined) changes.parentId = input.parentId === null ? null : expectGlobalId(input.parentId, "Actor", "input.parentId");
    await updateActor(context.db.prisma, id, changes).catch(typed);
    return Object.assign(new UpdateActorPayload(), { actor: await actorPayload(context, id) });
  }

  @Authorized("EDITOR")
  @Mutation(() => ReviewClaimPayload, {
    description: "Records a verdict on a claim, with a note, the reviewing key and the time. Reviewed claims are never overwritten by re-extraction." + EDITOR_ONLY,
  })
  async reviewClaim(@Arg("input", () => ReviewClaimInput, { description: "The claim and the verdict." }) input: ReviewClaimInput, @Ctx() context: Context) {
    const id = expectGlobalId(input.id, "Claim", "input.id");
    const note = input.note?.trim() || null;
    if (note && note.length > MAX_NOTE_LENGTH) throw badUserInput(`note must be at most ${MAX_NOTE_LENGTH} characters`, "input.note");
    await reviewClaim(context.db.prisma, id, { verdict: input.verdict, note, reviewerKeyId: context.viewer?.keyId ?? null }).catch(typed);
    const row = await context.db.prisma.claim.findUniqueOrThrow({ where: { id } });
    return Object.assign(new ReviewClaimPayload(), { claim: Claim.from(row) });
  }

  @Authorized("EDITOR")
  @Mutation(() => DeleteArticlePayload, {
    description:
      "Deletes an article and what was extracted from it only: its mentions, claims, event reports, and the events no other article reports. Actors stay." +
      EDITOR_ONLY,
  })
  async deleteArticle(@Arg("input", () => DeleteArticleInput, { description: "The article." }) input: DeleteArticleInput, @Ctx() context: Context) {
    const id = expectGlobalId(input.id, "Article", "input.id");
    const deleted = await deleteArticle(context.db.prisma, id);
    if (!deleted) throw notFound(`no article has id ${input.id}`);
    return Object.assign(new DeleteArticlePayload(), {
      deletedArticleId: input.id,
      deletedMentions: deleted.mentions,
      deletedClaims: deleted.claims,
      deletedEventReports: deleted.eventReports,
      deletedEvents: deleted.events,
      releasedDuplicateIds: deleted.releasedDuplicateIds.map((articleId) => toGlobalId("Article", articleId)),
    });
  }

  @Authorized("EDITOR")
  @Mutation(() => ReextractPayload, {
    description:
      "Reruns the current extractor on stored article text: replaces each article's unreviewed claims, mentions and event reports, keeps reviewed claims, and records the extractor's name and version." +
      EDITOR_ONLY,
  })
  async reextract(@Arg("input", () => ReextractInput, { description: "Which articles." }) input: ReextractInput, @Ctx() context: Context) {
    const hasIds = input.articleIds != null;
    if (hasIds === Boolean(input.all)) throw badUserInput("give articleIds or all: true, not both", "input.articleIds");
    let totals;
    if (input.all) totals = await reextractAll(context.db);
    else {
      const globalIds = input.articleIds!;
      if (globalIds.length === 0) throw badUserInput("articleIds must name at least one article", "input.articleIds");
      if (globalIds.length > MAX_PAGE_SIZE) throw badUserInput(`at most ${MAX_PAGE_SIZE} articleIds; use all: true for everything`, "input.articleIds");
      const ids = globalIds.map((id, index) => expectGlobalId(id, "Article", `input.articleIds[${index}]`));
      const outcome = await reextractArticles(context.db, ids);
      if (outcome.missing.length) throw notFound(`no article has id ${outcome.missing.map((id) => toGlobalId("Article", id)).join(", ")}`);
      totals = outcome.totals;
    }
    return Object.assign(new ReextractPayload(), totals);
  }
}

@Resolver(() => Claim)
export class ClaimReviewResolver {
  @FieldResolver(() => ClaimReviewType, { nullable: true, description: "The curator's verdict, when the claim has been reviewed." })
  async review(@Root() claim: Claim, @Ctx() context: Context) {
    const row = await profileLoaders(context).claimReview.load(claim.dbId);
    if (!row) return null;
    return Object.assign(new ClaimReviewType(), { verdict: row.verdict, note: row.note, reviewedAt: row.reviewedAt, reviewer: row.reviewerKey?.name ?? null });
  }
}
