import "reflect-metadata"; // type-graphql decorators read it; it must load before any class here
import type { Event as EventRow, EventReport as EventReportRow } from "@prisma/client";
import { DateTimeISOResolver } from "graphql-scalars";
import { Field, ObjectType } from "type-graphql";
import { DatePrecision, EventKind, EventStatus, ParticipantRole } from "./enums.js";
import { Evidence } from "./evidence.type.js";
import { Connection, Node, toGlobalId } from "./relay.js";

@ObjectType("Event", {
  implements: Node,
  description:
    "Something that happened or was announced, coded with the PLOVER ontology: a story that groups every article reporting the same happening (same kind, overlapping participants or place, close dates, similar text). Its attributes are derived from all of them.",
})
export class Event extends Node {
  dbId!: number;
  locationId!: number | null;

  @Field(() => EventKind, { description: "PLOVER event type." })
  kind!: EventKind;

  @Field(() => String, { nullable: true, description: 'PLOVER mode, e.g. "withdraw" for leaving an alliance (SANCTION).' })
  mode!: string | null;

  @Field(() => EventStatus, { description: "Whether it happened or was announced (OCCURRED as soon as one article reports it happening)." })
  status!: EventStatus;

  @Field(() => DateTimeISOResolver, { nullable: true, description: "When it happened, as far as known: the date most of its articles give, at the finest precision any gives; see datePrecision." })
  date!: Date | null;

  @Field(() => DatePrecision, { nullable: true, description: "How much of `date` is known." })
  datePrecision!: DatePrecision | null;

  @Field(() => String, { nullable: true, description: "The place as its articles write it (the most frequent spelling)." })
  locationText!: string | null;

  static from(row: EventRow): Event {
    return Object.assign(new Event(), {
      id: toGlobalId("Event", row.id),
      dbId: row.id,
      locationId: row.locationId,
      kind: row.kind,
      mode: row.mode,
      status: row.status,
      date: row.date,
      datePrecision: row.datePrecision,
      locationText: row.locationText,
    });
  }
}

export const EventConnection = Connection("Event", Event, "event");

@ObjectType("EventParticipant", { description: "An actor taking part in an event, with its role." })
export class EventParticipant {
  actorId!: number;

  @Field(() => ParticipantRole, { description: "AGENT does the action; TARGET receives it." })
  role!: ParticipantRole;
}

@ObjectType("EventReport", { description: "An article reporting an event, with the evidence it gives." })
export class EventReport {
  articleId!: number;

  @Field(() => Evidence, { description: "Where in the article the event is reported, and which rule fired." })
  evidence!: Evidence;

  static from(row: EventReportRow): EventReport {
    return Object.assign(new EventReport(), { id: row.id, articleId: row.articleId, evidence: Evidence.from(row) });
  }
}

export const EventReportConnection = Connection("EventReport", EventReport, "event report");
