/**
 * Feed dates: ISO 8601 (Atom, dc:date, JSON Feed) and RFC 822 (RSS) on a fast path, anything else
 * through chrono-node (e.g. NBC's "Sat, Dec 16 2023 02:02:33 PM"). A date without a time zone is
 * read in `defaultOffsetMinutes` (the parser passes the feed's own offset, taken from its channel
 * date), never in the machine's local zone. Year, month and day must be explicit: relative
 * phrases ("Monday") are not dates here.
 */
import * as chrono from "chrono-node";

export interface FeedDate {
  date: Date;
  /** UTC offset written in the text, in minutes; undefined when the text had no zone. */
  offsetMinutes?: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC822 =
  /^(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(Z|[+-]\d{4}|GMT|UTC?|[ECMP][SD]T)$/i;
const ZONE_NAMES: Record<string, number> = {
  Z: 0, GMT: 0, UT: 0, UTC: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

function zoneOffset(zone: string): number {
  const named = ZONE_NAMES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith("-") ? -minutes : minutes;
}

function valid(date: Date): Date | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseFeedDate(raw: string | undefined, defaultOffsetMinutes = 0): FeedDate | undefined {
  const text = raw?.replace(/\s+/g, " ").trim();
  if (!text) return undefined;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = iso;
    const offset = zone ? zoneOffset(zone) : defaultOffsetMinutes;
    const wall = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0${fraction}`) * 1000)));
    // Date.UTC rolls 2023-02-30 over into March: such a date is not a date.
    if (wall.getUTCMonth() !== +mo! - 1 || wall.getUTCDate() !== +d! || wall.getUTCHours() !== +h) return undefined;
    const date = valid(new Date(wall.getTime() - offset * 60_000));
    return date && { date, offsetMinutes: zone ? offset : undefined };
  }

  const rfc = RFC822.exec(text);
  if (rfc) {
    const date = valid(new Date(text));
    if (date) return { date, offsetMinutes: zoneOffset(rfc[1]!) };
  }

  const [result] = chrono.parse(text, { instant: new Date(0), timezone: defaultOffsetMinutes }, { forwardDate: false });
  const start = result?.start;
  if (!start || !start.isCertain("year") || !start.isCertain("month") || !start.isCertain("day")) return undefined;
  const date = valid(start.date());
  if (!date) return undefined;
  const zoned = start.isCertain("timezoneOffset");
  return { date, offsetMinutes: zoned ? (start.get("timezoneOffset") ?? undefined) : undefined };
}
