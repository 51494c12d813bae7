import type { Evidence, ExtractedEvent, ParticipantRole } from "../extract/types.js";

/** The sentences that report an event, each start offset once (a sentence may back it twice). */
export function eventEvidence(event: ExtractedEvent): Evidence[] {
  const seen = new Set<number>();
  return [event.evidence, ...(event.moreEvidence ?? [])].filter((item) => !seen.has(item.start) && seen.add(item.start));
}

/** An event's participants as stored actor ids, each (actor, role) once; unresolved actors are left out. */
export function eventParticipants(
  event: ExtractedEvent,
  actorId: (key: string | null | undefined) => number | null,
): { actorId: number; role: ParticipantRole }[] {
  const unique = new Map<string, { actorId: number; role: ParticipantRole }>();
  for (const participant of event.participants) {
    const id = actorId(participant.actorKey);
    if (id !== null) unique.set(`${id}:${participant.role}`, { actorId: id, role: participant.role });
  }
  return [...unique.values()];
}
