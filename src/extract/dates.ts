/**
 * Event dates: chrono-node for day/month expressions and relative ones ("on Monday", "last week"),
 * plus the bare-year phrases chrono does not parse ("in 2020"). Relative dates need publishedAt;
 * without it only absolute dates are accepted, so the output never depends on the clock.
 */
import * as chrono from "chrono-node";
import type { DatePrecision } from "./types.js";

export interface FoundDate {
  date: string;
  precision: DatePrecision;
  start: number;
  end: number;
}

const YEAR_RE = /\b(?:in|since|during|by|until|from|of|early|late|mid-?)\s+((?:1[89]|20)\d{2})\b(?!\s*(?:people|troops|soldiers|km|kilometers|miles|dollars|%))/gi;
const MAYBE_DATE = /\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|last|january|february|march|april|may|june|july|august|september|october|november|december|ago/i;

const pad = (n: number) => String(n).padStart(2, "0");

/** Dates in text[from, to) (text is the whole body, offsets are body offsets). */
export function findDates(text: string, from: number, to: number, publishedAt?: Date | null): FoundDate[] {
  const slice = text.slice(from, to);
  if (!MAYBE_DATE.test(slice)) return [];
  const out: FoundDate[] = [];
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(slice); m; m = YEAR_RE.exec(slice)) {
    const yStart = m.index + m[0].lastIndexOf(m[1]);
    out.push({ date: `${m[1]}-01-01`, precision: "YEAR", start: from + yStart, end: from + yStart + 4 });
  }
  const ref = publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : null;
  let results: chrono.ParsedResult[] = [];
  try {
    results = chrono.parse(slice, ref ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false });
  } catch {
    return out;
  }
  for (const r of results) {
    // "may" and "march" are also verbs.
    if (/^(may|march)$/.test(r.text)) continue;
    const c = r.start;
    const certainYear = c.isCertain("year");
    if (!ref && !certainYear) continue;
    let y = c.get("year"), mo = c.get("month"), d = c.get("day");
    if (y === null || mo === null || d === null) continue;
    const precision: DatePrecision = c.isCertain("day") || c.isCertain("weekday") ? "DAY" : c.isCertain("month") ? "MONTH" : "YEAR";
    if (precision === "YEAR" && !certainYear) continue;
    // News reports the past: a bare weekday after the publication date means last week's.
    if (ref && c.isCertain("weekday") && !c.isCertain("day")) {
      const t = Date.UTC(y, mo - 1, d);
      if (t > ref.getTime()) {
        const back = new Date(t - 7 * 86400000);
        y = back.getUTCFullYear(); mo = back.getUTCMonth() + 1; d = back.getUTCDate();
      }
    }
    const date = precision === "DAY" ? `${y}-${pad(mo)}-${pad(d)}` : precision === "MONTH" ? `${y}-${pad(mo)}-01` : `${y}-01-01`;
    const start = from + r.index;
    if (out.some((o) => o.start < start + r.text.length && start < o.end)) continue;
    out.push({ date, precision, start, end: start + r.text.length });
  }
  return out;
}
