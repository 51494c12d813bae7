import { CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

/**
 * A breaking change is acknowledged by a line of CHANGELOG.md's `## Unreleased` section naming its
 * schema coordinate in backticks after `Breaking:`, for example
 * `- Breaking: \`Claim.quote\` removed; use \`Claim.evidence\`.`
 */
const ACKNOWLEDGEMENT = /^\s*[-*]\s+Breaking:\s+`([^`]+)`/;

/** The coordinates acknowledged in the changelog's `## Unreleased` section. */
export function acknowledgedBreakingChanges(changelog: string): Set<string> {
  const acknowledged = new Set<string>();
  let inUnreleased = false;
  for (const line of changelog.split(/\r?\n/)) {
    if (/^##\s/.test(line)) inUnreleased = /^##\s+\[?Unreleased\]?\s*$/i.test(line);
    else if (inUnreleased) {
      const match = ACKNOWLEDGEMENT.exec(line);
      if (match) acknowledged.add(match[1].trim());
    }
  }
  return acknowledged;
}

/** The coordinate a change is acknowledged by: graphql-inspector's path (`Type.field.argument`), or its type name. */
export function changeCoordinate(change: Change): string {
  return change.path ?? change.type;
}

export interface BreakingChangeReport {
  breaking: Change[];
  unacknowledged: Change[];
}

/** Compares the released schema with the current one and sorts the breaking changes by acknowledgement. */
export async function checkBreakingChanges(releasedSdl: string, currentSdl: string, changelog: string): Promise<BreakingChangeReport> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const acknowledged = acknowledgedBreakingChanges(changelog);
  return { breaking, unacknowledged: breaking.filter((change) => !acknowledged.has(changeCoordinate(change))) };
}
