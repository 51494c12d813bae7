import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { IsOptional, Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "./relay.js";

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Page size: how many items to return, at most ${MAX_PAGE_SIZE}. Default 20.` })
  @IsOptional()
  @Min(0, { message: "first must not be negative" })
  @Max(MAX_PAGE_SIZE, { message: `first must be at most ${MAX_PAGE_SIZE}` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor (`pageInfo.endCursor` of the previous page)." })
  after?: string | null;
}
