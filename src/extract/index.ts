/**
 * Newsgraph's extraction engine: text in, actors / mentions / claims / events out.
 * Pure, synchronous and deterministic; never throws (problems become warnings).
 *
 *   analyze (text.ts)      wink-nlp tokens, POS, lemmas, sentences with body offsets
 *   ActorTable (actors.ts) mentions, gazetteer, titles, acronyms, groups, coreference
 *   extractEvents          PLOVER event triggers with agent/target/place/date
 *   extractClaims          reporting-verb frames, quotes, responses to accusations
 */
import type { ExtractInput, ExtractionResult, ExtractedActor, ExtractedMention } from "./types.js";
import { analyze } from "./text.js";
import { ActorTable } from "./actors.js";
import { extractEvents } from "./events.js";
import { extractClaims, type ClaimSpan } from "./claims.js";
import { INTENTION_NOUNS } from "./lexicon.js";
import { detectLanguage } from "./language.js";
import { Budget } from "./budget.js";

export * from "./types.js";
export { detectLanguage } from "./language.js";
export { DEFAULT_BUDGET_MS } from "./budget.js";

export const EXTRACTOR = { name: "newsgraph-rules", version: "1.2.0" } as const;

function empty(warnings: string[]): ExtractionResult {
  return { extractor: { ...EXTRACTOR }, actors: [], mentions: [], claims: [], events: [], warnings };
}

/** `budgetMs`: the time bound for this article (default DEFAULT_BUDGET_MS); past it the result is partial. */
export function extract(input: ExtractInput, options: { budgetMs?: number } = {}): ExtractionResult {
  const warnings: string[] = [];
  const budget = new Budget(options.budgetMs);
  const body = typeof input?.body === "string" ? input.body : "";
  if (typeof input?.body !== "string") warnings.push("body is not a string");
  if (!body.trim()) {
    warnings.push("empty text");
    return empty(warnings);
  }
  const publishedAt = input.publishedAt instanceof Date && !Number.isNaN(input.publishedAt.getTime()) ? input.publishedAt : null;
  try {
    const a = analyze(body);
    warnings.push(...a.warnings);
    // The rules read English: text in another language is skipped, not mined for nonsense.
    if (!warnings.some((w) => w.startsWith("text looks binary"))) {
      const lang = detectLanguage(body);
      if (lang !== "en") {
        warnings.push(`language: ${lang}, extraction skipped`);
        return empty(warnings);
      }
    }
    if (a.sents.length === 0) {
      warnings.push("no sentences found");
      return empty(warnings);
    }
    const at = new ActorTable(a);
    at.detect(budget);
    const ctx = { a, at, budget };
    const allHits = extractEvents(ctx, publishedAt);
    const spans: ClaimSpan[] = [];
    const claims = extractClaims(ctx, allHits, spans);
    // What is threatened, demanded, promised or refused has not happened: the claim is the event.
    const unreal = spans.filter((c) => c.kind === "THREATEN" || c.kind === "REQUEST" || c.kind === "AGREE" || c.kind === "REJECT");
    // Only the action itself ("threatened to shell", "declined to resign"), not facts mentioned
    // along the way ("demanding his resignation over his government's decision to cede ...").
    const governed = (t: number, c0: number) => {
      for (let k = Math.max(c0, t - 5); k < t; k++) {
        if (a.toks[k].lower === "to" && !INTENTION_NOUNS.has(a.toks[k - 1]?.lower ?? "")) return true;
      }
      return false;
    };
    // What a claim answers is not a second event: "rejected North Korea's demand", "dismissed an
    // Australian ultimatum", "accepted the offer" (a nominal trigger heading the claim's object).
    // What an accusation condemns did happen: "condemned Russia's invasion of Ukraine" keeps the invasion.
    const answered = (h: (typeof allHits)[number]) => h.ev.evidence.rule.startsWith("event.noun.") &&
      spans.some((c) => c.kind !== "STATE" && c.kind !== "ACCUSE" && h.trigger >= c.c0 && h.trigger < Math.min(c.c1, c.c0 + 5));
    const hits = allHits.filter((h) => !answered(h) && !unreal.some((c) => h.trigger >= c.c0 && h.trigger < c.c1 && governed(h.trigger, c.c0)));
    const events = hits.map((h, i) => ({ key: `e${i}`, ...h.ev }));

    // Public actor keys a0, a1, ... in order of first mention; only actors that are mentioned
    // or take part in a claim or event are reported.
    const used = new Set<string>();
    const mentions = at.mentions.filter((m) => m.actorKey && !m.unknown && m.end > m.start).sort((x, y) => x.start - y.start || y.end - x.end);
    for (const m of mentions) used.add(m.actorKey!);
    for (const c of claims) {
      if (c.speakerKey) used.add(c.speakerKey);
      c.targetKeys.forEach((k) => used.add(k));
    }
    for (const e of events) {
      e.participants.forEach((p) => used.add(p.actorKey));
      if (e.locationKey) used.add(e.locationKey);
    }
    // Parents (Russia for "Russian peacekeepers") are reported too, so parentKey always resolves.
    for (const k of [...used]) {
      const p = at.get(k)?.parentKey;
      if (p) used.add(p);
    }
    const order = [...used];
    const firstPos = new Map<string, number>();
    for (const m of mentions) if (!firstPos.has(m.actorKey!)) firstPos.set(m.actorKey!, m.start);
    order.sort((x, y) => (firstPos.get(x) ?? Infinity) - (firstPos.get(y) ?? Infinity) || x.localeCompare(y));
    const pub = new Map(order.map((k, i) => [k, `a${i}`]));
    const map = (k: string) => pub.get(k)!;

    const actors: ExtractedActor[] = order.map((k) => {
      const r = at.get(k)!;
      return {
        key: map(k),
        name: r.name,
        kind: r.kind,
        ...(r.country ? { country: r.country } : {}),
        ...(r.role ? { role: r.role } : {}),
        ...(r.parentKey && pub.has(r.parentKey) ? { parentKey: map(r.parentKey) } : {}),
        aliases: [...r.aliases].sort(),
        confidence: r.confidence,
      };
    });
    const outMentions: ExtractedMention[] = mentions.map((m) => ({
      actorKey: map(m.actorKey!), sentenceIndex: m.s, start: m.start, end: m.end, text: body.slice(m.start, m.end),
    }));
    for (const c of claims) {
      if (c.speakerKey) c.speakerKey = map(c.speakerKey);
      c.targetKeys = c.targetKeys.map(map);
    }
    for (const e of events) {
      e.participants = e.participants.map((p) => ({ ...p, actorKey: map(p.actorKey) }));
      if (e.locationKey) e.locationKey = map(e.locationKey);
    }
    if (budget.exceededIn) warnings.push(`time budget of ${budget.ms} ms spent during ${budget.exceededIn}: the result is partial`);
    return { extractor: { ...EXTRACTOR }, actors, mentions: outMentions, claims, events, warnings };
  } catch (err) {
    warnings.push(`extraction failed: ${err instanceof Error ? err.message : String(err)}`);
    return empty(warnings);
  }
}
