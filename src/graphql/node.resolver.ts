import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "./context.js";
import { Actor } from "./actor.type.js";
import { Article } from "./article.type.js";
import { Claim } from "./claim.type.js";
import { badUserInput } from "./errors.js";
import { Event } from "./event.type.js";
import { fromGlobalId, MAX_PAGE_SIZE, Node } from "./relay.js";
import { Source } from "./source.type.js";

async function loadNode(globalId: string, { loaders }: Context, argument: string): Promise<Node | null> {
  const parsed = fromGlobalId(globalId);
  if (!parsed) throw badUserInput(`${argument} "${String(globalId).slice(0, 80)}" is not a valid global id`, argument);
  switch (parsed.type) {
    case "Article": {
      const row = await loaders.article.load(parsed.id);
      return row && Article.from(row);
    }
    case "Actor": {
      const row = await loaders.actor.load(parsed.id);
      return row && Actor.from(row);
    }
    case "Claim": {
      const row = await loaders.claim.load(parsed.id);
      return row && Claim.from(row);
    }
    case "Event": {
      const row = await loaders.event.load(parsed.id);
      return row && Event.from(row);
    }
    case "Source": {
      const row = await loaders.source.load(parsed.id);
      return row && Source.from(row);
    }
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Fetches any object by its global id; null when no such object exists." })
  node(@Arg("id", () => ID, { description: "Global id." }) id: string, @Ctx() context: Context) {
    return loadNode(id, context, "id");
  }

  @Query(() => [Node], { nullable: "items", description: `Fetches up to ${MAX_PAGE_SIZE} objects by global id, in the order given.` })
  nodes(@Arg("ids", () => [ID], { description: "Global ids." }) ids: string[], @Ctx() context: Context) {
    if (ids.length > MAX_PAGE_SIZE) throw badUserInput(`ids may hold at most ${MAX_PAGE_SIZE} ids`, "ids");
    return Promise.all(ids.map((id, index) => loadNode(id, context, `ids[${index}]`)));
  }
}
