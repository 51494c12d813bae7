import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Claim as ClaimRow } from "@prisma/client";
import { DateTimeISOResolver } from "graphql-scalars";
import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { actorGraphEdges } from "../db/graph.repository.js";
import type { Context } from "./context.js";
import { resolveActorRef } from "./actor.resolver.js";
import { Actor } from "./actor.type.js";
import { Claim, ClaimConnection } from "./claim.type.js";
import { ClaimKind } from "./enums.js";
import { badUserInput } from "./errors.js";
import { ConnectionArgs } from "./pagination.args.js";
import { connectionFrom, MAX_PAGE_SIZE, pageRequest } from "./relay.js";

@ObjectType("ActorGraphEdge", { description: "All claims of one kind that one actor made against another, aggregated." })
export class ActorGraphEdge {
  fromId!: number;
  toId!: number;
  since?: Date;
  until?: Date;

  @Field(() => ClaimKind, { description: "The claim kind: ACCUSE for who accused whom." })
  kind!: ClaimKind;

  @Field(() => Int, { description: "How many claims (not negated) this edge stands for." })
  count!: number;

  @Field(() => DateTimeISOResolver, { description: "Publication time of the earliest of them." })
  firstSeen!: Date;

  @Field(() => DateTimeISOResolver, { description: "Publication time of the latest of them." })
  lastSeen!: Date;
}

@ObjectType("ActorGraph", { description: "Actors as nodes and aggregated claims between them as edges." })
export class ActorGraph {
  @Field(() => [Actor], { description: "Every actor at either end of an edge." })
  nodes!: Actor[];

  @Field(() => [ActorGraphEdge], { description: "Edges, most frequent first." })
  edges!: ActorGraphEdge[];
}

@Resolver(() => ActorGraph)
export class ActorGraphResolver {
  @Query(() => ActorGraph, {
    description:
      "Who accused (or rejected, requested, threatened, supported, agreed with) whom, as a graph: one edge per speaker, target and kind, with counts, first and last dates, and the claims behind it.",
  })
  async actorGraph(
    @Arg("kinds", () => [ClaimKind], { defaultValue: [ClaimKind.ACCUSE], description: "Claim kinds to draw. Default: ACCUSE." }) kinds: ClaimKind[],
    @Arg("since", () => DateTimeISOResolver, { nullable: true, description: "Only claims published at or after this time." }) since: Date | null,
    @Arg("until", () => DateTimeISOResolver, { nullable: true, description: "Only claims published before this time." }) until: Date | null,
    @Arg("actor", () => String, { nullable: true, description: "Only edges touching this actor (global id, name or alias)." }) actor: string | null,
    @Arg("minCount", () => Int, { defaultValue: 1, description: "Only edges standing for at least this many claims." }) minCount: number,
    @Arg("first", () => Int, { defaultValue: 50, description: `At most this many edges, most frequent first (up to ${MAX_PAGE_SIZE}).` }) first: number,
    @Ctx() { db, loaders }: Context,
  ): Promise<ActorGraph> {
    if (kinds.length === 0) throw badUserInput("kinds must name at least one claim kind", "kinds");
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, "first");
    if (!Number.isInteger(minCount) || minCount < 1) throw badUserInput("minCount must be at least 1", "minCount");
    if (since && until && since >= until) throw badUserInput("since must be before until", "since");
    const actorIds = actor ? await resolveActorRef(db, actor, "actor") : undefined;
    const rows = await actorGraphEdges(db.prisma, {
      kinds,
      since: since ?? undefined,
      until: until ?? undefined,
      actorIds,
      minCount,
      limit: first,
    });
    const actorRows = await Promise.all([...new Set(rows.flatMap((row) => [row.fromId, row.toId]))].map((id) => loaders.actor.load(id)));
    return {
      nodes: actorRows.flatMap((row) => (row ? [Actor.from(row)] : [])),
      edges: rows.map((row) =>
        Object.assign(new ActorGraphEdge(), { ...row, kind: row.kind as ClaimKind, since: since ?? undefined, until: until ?? undefined }),
      ),
    };
  }
}

@Resolver(() => ActorGraphEdge)
export class ActorGraphEdgeResolver {
  @FieldResolver(() => Actor, { description: "The speaker." })
  async from(@Root() edge: ActorGraphEdge, @Ctx() { loaders }: Context) {
    return Actor.from((await loaders.actor.load(edge.fromId))!);
  }

  @FieldResolver(() => Actor, { description: "The target." })
  async to(@Root() edge: ActorGraphEdge, @Ctx() { loaders }: Context) {
    return Actor.from((await loaders.actor.load(edge.toId))!);
  }

  @FieldResolver(() => ClaimConnection, { description: "The claims behind this edge, newest first, with their evidence." })
  async claims(@Root() edge: ActorGraphEdge, @Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { loaders }: Context) {
    // Keyset pages like claimPage, but every edge of the graph is fetched in one batch (loaders.edgeClaims).
    const request = pageRequest(page);
    const rows =
      request.take === 0
        ? []
        : await loaders.edgeClaims.load({
            fromId: edge.fromId,
            toId: edge.toId,
            kind: edge.kind,
            since: edge.since,
            until: edge.until,
            beforeId: request.afterPosition ?? undefined,
            take: request.take + 1,
          });
    // totalCount is the edge's own count: the same claims, already counted.
    return connectionFrom(rows, request, (row) => row.id, Claim.from, async () => edge.count);
  }
}
