import { registerEnumType } from "type-graphql";
import { ActorKind, ClaimKind, DatePrecision, EventKind, EventStatus, ParticipantRole, SourceKind } from "@prisma/client";

registerEnumType(SourceKind, {
  name: "SourceKind",
  description: "How articles from a source arrive.",
  valuesConfig: {
    FEED: { description: "Polled RSS, Atom or JSON feed." },
    SITE: { description: "Pages fetched from a website." },
    MANUAL: { description: "Submitted through the API." },
    IMPORT: { description: "Bulk-imported from a file." },
  },
});

registerEnumType(ActorKind, {
  name: "ActorKind",
  description: "What sort of actor this is.",
  valuesConfig: {
    PERSON: { description: "A named person." },
    ORGANIZATION: { description: "A company, party, agency or international organisation." },
    COUNTRY: { description: "A state, also when named by its capital or seat of government." },
    GROUP: { description: "An unnamed collective: protesters, police, peacekeepers." },
    LOCATION: { description: "A place that is not a country: a region, city or site." },
  },
});

registerEnumType(ClaimKind, {
  name: "ClaimKind",
  description: "What an attributed statement does.",
  valuesConfig: {
    STATE: { description: "Neutral statement." },
    ACCUSE: { description: "Accuses, blames, condemns or criticises the targets." },
    REJECT: { description: "Rejects or denies, often an earlier accusation (see `respondsTo`)." },
    REQUEST: { description: "Demands, urges or calls on the targets to act." },
    THREATEN: { description: "Warns or threatens the targets." },
    SUPPORT: { description: "Backs, praises or welcomes the targets." },
    AGREE: { description: "Agrees or accepts." },
  },
});

registerEnumType(EventKind, {
  name: "EventKind",
  description: "PLOVER 2021 event type (openeventdata/PLOVER).",
});

registerEnumType(EventStatus, {
  name: "EventStatus",
  description: "Whether the event happened or was only announced or intended.",
  valuesConfig: {
    ANNOUNCED: { description: "Announced, planned or threatened; not (yet) carried out." },
    OCCURRED: { description: "Reported as having happened." },
  },
});

registerEnumType(DatePrecision, {
  name: "DatePrecision",
  description: "How much of an event date is known.",
  valuesConfig: {
    DAY: { description: "The exact day." },
    MONTH: { description: "Only the month; the date is its first day." },
    YEAR: { description: "Only the year; the date is 1 January." },
  },
});

registerEnumType(ParticipantRole, {
  name: "ParticipantRole",
  description: "Part an actor plays in an event.",
  valuesConfig: {
    AGENT: { description: "Does the action (PLOVER source)." },
    TARGET: { description: "Receives the action (PLOVER target)." },
  },
});

export { ActorKind, ClaimKind, DatePrecision, EventKind, EventStatus, ParticipantRole, SourceKind };
