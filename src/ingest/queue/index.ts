export { JobQueue, QUEUE_SCHEMA, type OpenQueueOptions, type WorkOptions } from "./job-queue.js";
export { loadQueueConfig, type QueueConfig } from "./queue-config.js";
export { INGEST_BATCH, POLL_SOURCE, JOB_TYPES, pollSingletonKey } from "./jobs.js";
export type { IngestBatchJob, IngestBatchResult, JobType, PollSourceJob } from "./jobs.js";
export { ingestSubmissions, type SubmissionResult } from "./ingest-submissions.js";
export { runIngestBatch, runPollSource, enqueueDueSources } from "./handlers.js";
export { enqueueImport, type EnqueueImportOptions, type EnqueueImportSummary } from "./enqueue-import.js";
export { queueDepth, type QueueCounts } from "./queue-depth.js";
