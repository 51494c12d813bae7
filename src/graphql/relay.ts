import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import { Field, ID, Int, InterfaceType, ObjectType, type ClassType } from "type-graphql";
import { badUserInput } from "./errors.js";

/** Types that can be fetched by a global id through `node(id:)`. */
export const NODE_TYPES = ["Article", "Actor", "Claim", "Event", "Source"] as const;
export type NodeTypeName = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeTypeName, id: number): string {
  return Buffer.from(`${type}:${id}`, "utf8").toString("base64url");
}

export function fromGlobalId(globalId: string): { type: NodeTypeName; id: number } | null {
  if (typeof globalId !== "string" || globalId.length > 64 || !/^[A-Za-z0-9_-]+={0,2}$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, "base64url").toString("utf8");
  const match = /^([A-Za-z]+):(\d{1,10})$/.exec(decoded);
  if (!match || !(NODE_TYPES as readonly string[]).includes(match[1])) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
  return { type: match[1] as NodeTypeName, id };
}

/** Decodes a global id that must be of `type`; a malformed or foreign id is the caller's error. */
export function expectGlobalId(globalId: string, type: NodeTypeName, argument = "id"): number {
  const parsed = fromGlobalId(globalId);
  if (!parsed) throw badUserInput(`${argument} "${String(globalId).slice(0, 80)}" is not a valid global id`, argument);
  if (parsed.type !== type) throw badUserInput(`${argument} is the id of a ${parsed.type}, not of a ${type}`, argument);
  return parsed.id;
}

@InterfaceType("Node", { description: "An object with a globally unique id, fetchable with `node(id:)`." })
export abstract class Node {
  @Field(() => ID, { description: "Globally unique, opaque id." })
  id!: string;
}

@ObjectType("PageInfo", { description: "Where a page of a connection sits in the whole list." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow `endCursor`." })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: "Whether items precede `startCursor`. Always false for forward pagination from the start." })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the first item of this page." })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: "Cursor of the last item of this page; pass it as `after` for the next page." })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Cursors are opaque to clients; inside they carry the keyset position (the row id). */
export function encodeCursor(position: number): string {
  return Buffer.from(`cursor:${position}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const match = /^cursor:(\d{1,10})$/.exec(Buffer.from(String(cursor), "base64url").toString("utf8"));
  if (!match) throw badUserInput(`after "${String(cursor).slice(0, 80)}" is not a cursor from this API`, "after");
  return Number(match[1]);
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface PageRequest {
  take: number;
  afterPosition: number | null;
}

export function pageRequest(args: PageArgs): PageRequest {
  // Range checks happen in ConnectionArgs (class-validator) before any resolver runs.
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  return { take: first, afterPosition: args.after ? decodeCursor(args.after) : null };
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/**
 * Builds a connection from rows fetched with `take + 1` (the extra row only tells whether a next
 * page exists). `count` runs only if the client asks for totalCount.
 */
export function connectionFrom<Row, T>(
  rows: Row[],
  page: PageRequest,
  position: (row: Row) => number,
  toNode: (row: Row) => T,
  count: () => Promise<number>,
): ConnectionShape<T> {
  const pageRows = rows.slice(0, page.take);
  const edges = pageRows.map((row) => ({ cursor: encodeCursor(position(row)), node: toNode(row) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: rows.length > page.take,
      hasPreviousPage: false,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      counted ??= count();
      return counted;
    },
  };
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type, GitHub-style. */
export function Connection<T extends object>(name: string, nodeType: ClassType<T>, what: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a ${name}Connection.` })
  class EdgeType {
    @Field(() => String, { description: "Opaque cursor of this item; pass it as `after` to continue after it." })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: "Items of this page with their cursors." })
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: "Items of this page, without cursors." })
    nodes!: T[];

    @Field(() => PageInfo, { description: "Pagination state of this page." })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: "Number of items in the whole list, across all pages." })
    totalCount!: number;
  }
  return ConnectionType;
}

/** Keyset filter on the row id for the page after a cursor, in either direction. */
export type IdAfter = { lt: number } | { gt: number } | undefined;

/**
 * One page of a list ordered by id: keyset pagination (never OFFSET), so a cursor neither skips
 * nor repeats items while new rows arrive.
 */
export async function paginate<Row extends { id: number }, T>(
  args: PageArgs,
  order: "asc" | "desc",
  fetch: (idAfter: IdAfter, take: number) => Promise<Row[]>,
  count: () => Promise<number>,
  toNode: (row: Row) => T,
): Promise<ConnectionShape<T>> {
  const page = pageRequest(args);
  const idAfter: IdAfter =
    page.afterPosition === null ? undefined : order === "desc" ? { lt: page.afterPosition } : { gt: page.afterPosition };
  const rows = page.take === 0 ? [] : await fetch(idAfter, page.take + 1);
  return connectionFrom(rows, page, (row) => row.id, toNode, count);
}
