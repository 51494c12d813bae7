import { Prisma, type PrismaClient } from "@prisma/client";

const selections = new Map<string, Prisma.Sql>();

/**
 * Every stored column of a model, named and typed as Prisma's client returns it (enums as text),
 * minus `omit`. Read from Prisma's own datamodel, so a column added to the schema is selected too.
 */
function columnsOf(model: Prisma.ModelName, omit: readonly string[]): Prisma.Sql {
  const key = `${model}|${omit.join(",")}`;
  let selection = selections.get(key);
  if (!selection) {
    const fields = Prisma.dmmf.datamodel.models
      .find((candidate) => candidate.name === model)!
      .fields.filter((field) => (field.kind === "scalar" || field.kind === "enum") && !omit.includes(field.name));
    selection = Prisma.raw(
      fields.map((field) => `"${field.dbName ?? field.name}"${field.kind === "enum" ? "::text" : ""} AS "${field.name}"`).join(", "),
    );
    selections.set(key, selection);
  }
  return selection;
}

/**
 * Rows of `model` whose `column` is one of `values`: the statement behind every DataLoader batch.
 *
 * Raw SQL on purpose: these run for every nested list of every request, and through
 * `findMany({ where: { id: { in } } })` Prisma 6's client engine spent more CPU compiling and
 * mapping the query (its WASM query compiler) than PostgreSQL spent answering it: 5.6 ms against
 * 2.3 ms of CPU for 100 claims, measured on the benchmark database (scripts/bench).
 */
export function rowsWhereIn<Row>(
  prisma: PrismaClient,
  model: Prisma.ModelName,
  column: string,
  values: readonly number[],
  options: { omit?: readonly string[]; orderBy?: string } = {},
): Promise<Row[]> {
  if (values.length === 0) return Promise.resolve([]);
  const order = options.orderBy ? Prisma.raw(` ORDER BY ${options.orderBy}`) : Prisma.empty;
  return prisma.$queryRaw<Row[]>`SELECT ${columnsOf(model, options.omit ?? [])} FROM ${Prisma.raw(`"${model}"`)} WHERE ${Prisma.raw(`"${column}"`)} IN (${Prisma.join(values)})${order}`;
}
