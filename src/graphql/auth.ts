import type { ApiKeyRole } from "@prisma/client";
import { GraphQLError } from "graphql";
import type { AuthChecker } from "type-graphql";
import type { Context } from "./context.js";

/** Each role may do what the roles below it may. */
const RANK: Record<ApiKeyRole, number> = { READER: 1, EDITOR: 2, ADMIN: 3 };

/**
 * type-graphql's @Authorized("EDITOR") check. No key: UNAUTHENTICATED; a key whose role is too
 * low: FORBIDDEN. Both say which role the field needs.
 */
export const authChecker: AuthChecker<Context, ApiKeyRole> = ({ context, info }, roles) => {
  const needed = roles.reduce<ApiKeyRole>((best, role) => (RANK[role] > RANK[best] ? role : best), "READER");
  if (!context.viewer) {
    throw new GraphQLError(`${info.fieldName} needs an API key with the ${needed} role: send Authorization: Bearer <key>`, {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  if (RANK[context.viewer.role] < RANK[needed]) {
    throw new GraphQLError(`${info.fieldName} needs the ${needed} role; this key is a ${context.viewer.role} key`, {
      extensions: { code: "FORBIDDEN" },
    });
  }
  return true;
};
