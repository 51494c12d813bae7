import {
  getNamedType,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
// The package's ESM build imports graphql/index.mjs, a second copy of graphql beside the CommonJS
// one every other package loads ("another module or realm"); its CommonJS build shares ours.
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity/cjs";
import { DEFAULT_PAGE_SIZE } from "./relay.js";

/** Limits that reject an abusive operation before anything runs. */
export interface OperationLimits {
  /** Deepest field nesting allowed (introspection included). */
  maxDepth: number;
  /** Highest cost: every field costs 1, and what a list field selects counts `first` times. */
  maxComplexity: number;
  /** Most aliased fields in one operation. */
  maxAliases: number;
  /** Most lexical tokens in a document (enforced by the parser). */
  maxTokens: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxComplexity: 10_000, maxAliases: 30, maxTokens: 5_000 };

function limitError(message: string, code: string, limit: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual, http: { status: 400 } } });
}

/**
 * Page-size aware cost: a field that takes `first` (every connection, search, actorGraph) costs
 * its children `first` times; a connection asked without `first` costs them the default page size.
 */
const pageAwareEstimator: ComplexityEstimator = ({ args, childComplexity, field }) => {
  const first = typeof args.first === "number" ? args.first : getNamedType(field.type).name.endsWith("Connection") ? DEFAULT_PAGE_SIZE : 1;
  return 1 + childComplexity * Math.max(1, first);
};

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}

/** Depth and alias count of a selection set, following fragments (each fragment spread once per path). */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.alias) aliases += 1;
      const inner = selection.selectionSet ? measure(selection.selectionSet, fragments, visiting) : { depth: 0, aliases: 0 };
      depth = Math.max(depth, 1 + inner.depth);
      aliases += inner.aliases;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(selection.selectionSet, fragments, visiting);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue; // cycles are a validation error already
      visiting.add(name);
      const inner = measure(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
  }
  return { depth, aliases };
}

/** Throws a typed 400 error when the operation exceeds a limit. Runs after validation, before execution. */
export function enforceOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  limits: OperationLimits,
): void {
  const { depth, aliases } = measure(operation.selectionSet, fragmentsOf(document), new Set());
  if (depth > limits.maxDepth) {
    throw limitError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, "QUERY_TOO_DEEP", limits.maxDepth, depth);
  }
  if (aliases > limits.maxAliases) {
    throw limitError(`query uses ${aliases} aliases; the limit is ${limits.maxAliases}`, "TOO_MANY_ALIASES", limits.maxAliases, aliases);
  }
  let complexity: number;
  try {
    complexity = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables: variables ?? {},
      estimators: [pageAwareEstimator],
    });
  } catch (error) {
    // Variables that do not coerce: execution rejects them next with BAD_USER_INPUT, running nothing.
    if (error instanceof GraphQLError) return;
    throw error;
  }
  if (complexity > limits.maxComplexity) {
    throw limitError(
      `query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}; ask for smaller pages (first) or fewer nested lists`,
      "QUERY_TOO_COMPLEX",
      limits.maxComplexity,
      complexity,
    );
  }
}
