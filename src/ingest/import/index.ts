export { importSource, ImportAbortedError, formatLocation } from "./import-source.js";
export { planImport, ImportInputError, JSONL_CONTENT_TYPES, parseJsonlLine, textArticle, feedRecords, sniff, isUrl } from "./sources.js";
export type { ImportPlan, ImportSource, PlanOptions } from "./sources.js";
export type { ImportInput, ImportOptions, ImportProblem, ImportProgress, ImportSummary, RecordLocation, SourceRecord } from "./types.js";
