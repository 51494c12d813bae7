import "reflect-metadata";
import { validate } from "class-validator";
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { ActorResolver, MentionResolver } from "./actor.resolver.js";
import { ActorCounterpartResolver, ActorProfileResolver } from "./actor-profile.resolver.js";
import { ClaimReviewResolver, CurationResolver } from "./curation.resolver.js";
import { ArticleResolver } from "./article.resolver.js";
import { ClaimResolver } from "./claim.resolver.js";
import { authChecker } from "./auth.js";
import { badUserInput } from "./errors.js";
import { EventParticipantResolver, EventReportResolver, EventResolver } from "./event.resolver.js";
import { IngestResolver } from "./ingest.resolver.js";
import { ActorGraphEdgeResolver, ActorGraphResolver } from "./graph.resolver.js";
import { NodeResolver } from "./node.resolver.js";
import { TimelineResolver } from "./timeline.resolver.js";
import { QueueResolver } from "./queue.resolver.js";
import { SearchResolver } from "./search.resolver.js";
import { SourceResolver } from "./source.resolver.js";
import { pubSub } from "./subscription.hub.js";
import { SubscriptionResolver } from "./subscription.resolver.js";

/** Runs class-validator on argument objects and reports the first broken rule in plain words. */
async function validateArguments(value: unknown): Promise<void> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  const errors = await validate(value, { forbidUnknownValues: false });
  if (errors.length === 0) return;
  const messages = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  throw badUserInput(messages.join("; "), errors[0].property);
}

const ROOT_DESCRIPTIONS = {
  Query: "Read the news graph: articles, actors, claims (who accused whom) and events.",
  Mutation: "Write to the news graph: ingest articles, manage the sources that are polled, curate actors, claims and articles.",
  Subscription: "Live updates over WebSocket (graphql-ws protocol, same URL as HTTP): new articles, claims and events as they are stored.",
};

/** type-graphql has no way to describe the root types; every type in the schema gets a description. */
function describeRootTypes(built: GraphQLSchema): GraphQLSchema {
  const config = built.toConfig();
  const describe = (type: GraphQLObjectType | null | undefined) =>
    type ? new GraphQLObjectType({ ...type.toConfig(), description: ROOT_DESCRIPTIONS[type.name as keyof typeof ROOT_DESCRIPTIONS] }) : type;
  const query = describe(config.query);
  const mutation = describe(config.mutation);
  const subscription = describe(config.subscription);
  const roots = new Set([config.query?.name, config.mutation?.name, config.subscription?.name]);
  return new GraphQLSchema({ ...config, query, mutation, subscription, types: config.types.filter((type) => !roots.has(type.name)) });
}

let schema: GraphQLSchema | undefined;

/** The schema is built once per process: building it per request would cost milliseconds each time. */
export function getSchema(): GraphQLSchema {
  schema ??= describeRootTypes(buildSchemaSync({
    resolvers: [
      NodeResolver,
      ArticleResolver,
      ActorResolver,
      MentionResolver,
      ClaimResolver,
      EventResolver,
      EventParticipantResolver,
      EventReportResolver,
      IngestResolver,
      SourceResolver,
      SearchResolver,
      ActorGraphResolver,
      ActorGraphEdgeResolver,
      TimelineResolver,
      ActorProfileResolver,
      ActorCounterpartResolver,
      CurationResolver,
      ClaimReviewResolver,
      QueueResolver,
      SubscriptionResolver,
    ],
    pubSub,
    validate: false,
    validateFn: validateArguments,
    authChecker,
  }));
  return schema;
}

/** SDL as committed in schema.graphql: sorted, so that diffs show real changes only. */
export function printSchemaSDL(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
