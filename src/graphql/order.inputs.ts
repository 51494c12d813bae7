import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Field, InputType, registerEnumType } from "type-graphql";
import { badUserInput } from "./errors.js";
import { connectionFrom, pageRequest, type ConnectionShape, type PageArgs } from "./relay.js";

// GitHub-style `orderBy: {field, direction}` inputs, paged by keyset on (sort value, id): the
// cursor carries both, so a page continues exactly after the last row seen, whatever arrives.

export enum OrderDirection {
  ASC = "asc",
  DESC = "desc",
}

registerEnumType(OrderDirection, {
  name: "OrderDirection",
  description: "Sort direction of an `orderBy` input.",
  valuesConfig: { ASC: { description: "Smallest or earliest first." }, DESC: { description: "Largest or latest first." } },
});

export enum ArticleOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  FETCHED_AT = "FETCHED_AT",
}

registerEnumType(ArticleOrderField, {
  name: "ArticleOrderField",
  description: "What articles can be ordered by.",
  valuesConfig: {
    PUBLISHED_AT: { description: "Publication time given by the source; articles without one come last in either direction." },
    FETCHED_AT: { description: "When Newsgraph stored the article." },
  },
});

export enum ClaimOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(ClaimOrderField, {
  name: "ClaimOrderField",
  description: "What claims can be ordered by.",
  valuesConfig: {
    PUBLISHED_AT: { description: "Publication time of the claim's article; claims from undated articles come last in either direction." },
    CREATED_AT: { description: "When the claim was stored." },
  },
});

export enum ActorOrderField {
  NAME = "NAME",
  CREATED_AT = "CREATED_AT",
}

registerEnumType(ActorOrderField, {
  name: "ActorOrderField",
  description: "What actors can be ordered by.",
  valuesConfig: { NAME: { description: "Canonical name (database collation)." }, CREATED_AT: { description: "When the actor was first stored." } },
});

@InputType("ArticleOrder", { description: "Ordering of an article list." })
export class ArticleOrder {
  @Field(() => ArticleOrderField, { description: "The field to order by." })
  field!: ArticleOrderField;

  @Field(() => OrderDirection, { description: "The direction." })
  direction!: OrderDirection;
}

@InputType("ClaimOrder", { description: "Ordering of a claim list." })
export class ClaimOrder {
  @Field(() => ClaimOrderField, { description: "The field to order by." })
  field!: ClaimOrderField;

  @Field(() => OrderDirection, { description: "The direction." })
  direction!: OrderDirection;
}

@InputType("ActorOrder", { description: "Ordering of an actor list." })
export class ActorOrder {
  @Field(() => ActorOrderField, { description: "The field to order by." })
  field!: ActorOrderField;

  @Field(() => OrderDirection, { description: "The direction." })
  direction!: OrderDirection;
}

/** A sort value as a cursor carries it: a time, a string, or null (rows without one sort last). */
export type SortValue = Date | string | null;

export interface OrderedCursor {
  value: SortValue;
  id: number;
}

function encodeOrderedCursor(field: string, value: SortValue, id: number): string {
  const encoded = value === null ? null : value instanceof Date ? { t: value.toISOString() } : { s: value };
  return Buffer.from(`order:${JSON.stringify([field, encoded, id])}`, "utf8").toString("base64url");
}

function decodeOrderedCursor(cursor: string, field: string): OrderedCursor {
  const refuse = (why: string) => badUserInput(`after "${String(cursor).slice(0, 80)}" ${why}`, "after");
  const text = Buffer.from(String(cursor), "base64url").toString("utf8");
  if (!text.startsWith("order:")) throw refuse("is not a cursor of an ordered list from this API");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice("order:".length));
  } catch {
    throw refuse("is not a cursor from this API");
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw refuse("is not a cursor from this API");
  const [cursorField, encoded, id] = parsed as [unknown, unknown, unknown];
  if (cursorField !== field) throw refuse(`belongs to a list ordered by ${String(cursorField)}, not by ${field}`);
  if (!Number.isSafeInteger(id) || (id as number) < 0) throw refuse("is not a cursor from this API");
  if (encoded === null) return { value: null, id: id as number };
  if (typeof encoded === "object" && encoded && "t" in encoded && typeof encoded.t === "string" && !Number.isNaN(Date.parse(encoded.t))) {
    return { value: new Date(encoded.t), id: id as number };
  }
  if (typeof encoded === "object" && encoded && "s" in encoded && typeof encoded.s === "string") return { value: encoded.s, id: id as number };
  throw refuse("is not a cursor from this API");
}

/**
 * How one ordering reads and pages a table: `after` turns a cursor into the condition for the
 * rows that follow it; `orderBy` is the matching Prisma order, ending in the id as tie-breaker.
 */
export interface OrderSpec<Row extends { id: number }, Where, OrderBy> {
  field: string;
  direction: OrderDirection;
  value: (row: Row) => SortValue;
  after: (cursor: OrderedCursor) => Where;
  orderBy: OrderBy;
}

/**
 * Keyset condition on a nullable sort column `column` (nested under `relation` when the value lives
 * on a related row) with nulls last in both directions.
 */
export function keysetAfter(
  column: string,
  direction: OrderDirection,
  cursor: OrderedCursor,
  relation?: string,
  nullable = true,
): Record<string, unknown> {
  const on = (condition: unknown) => (relation ? { [relation]: { [column]: condition } } : { [column]: condition });
  const beyond = direction === OrderDirection.DESC ? "lt" : "gt";
  const idBeyond = { id: { [beyond]: cursor.id } };
  if (cursor.value === null) return { AND: [on(null), idBeyond] };
  return {
    OR: [on({ [beyond]: cursor.value }), { AND: [on(cursor.value), idBeyond] }, ...(nullable ? [on(null)] : [])],
  };
}

/** One page of an ordered list: fetch `take` rows after the cursor's condition. */
export async function orderedPage<Row extends { id: number }, T, Where, OrderBy>(
  args: PageArgs,
  spec: OrderSpec<Row, Where, OrderBy>,
  fetch: (after: Where | undefined, orderBy: OrderBy, take: number) => Promise<Row[]>,
  count: () => Promise<number>,
  toNode: (row: Row) => T,
): Promise<ConnectionShape<T>> {
  const cursor = args.after ? decodeOrderedCursor(args.after, spec.field) : null;
  const page = pageRequest({ first: args.first });
  const rows = page.take === 0 ? [] : await fetch(cursor ? spec.after(cursor) : undefined, spec.orderBy, page.take + 1);
  const shape = connectionFrom(rows, page, (row) => row.id, toNode, count);
  const pageRows = rows.slice(0, page.take);
  shape.edges.forEach((edge, index) => (edge.cursor = encodeOrderedCursor(spec.field, spec.value(pageRows[index]), pageRows[index].id)));
  shape.pageInfo.startCursor = shape.edges[0]?.cursor ?? null;
  shape.pageInfo.endCursor = shape.edges.at(-1)?.cursor ?? null;
  return shape;
}
