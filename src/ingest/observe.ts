/**
 * What ingestion reports to whoever listens (the server's /metrics). Ingestion does not know about
 * metrics: the server layer subscribes here, so data still flows one way.
 */
export type IngestResult = "stored" | "near_duplicate" | "duplicate" | "rejected";

export interface IngestObserver {
  article?(result: IngestResult): void;
  poll?(status: "ok" | "not-modified" | "failed"): void;
}

const observers = new Set<IngestObserver>();

/** Subscribes; the returned function unsubscribes. */
export function observeIngest(observer: IngestObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export function reportArticle(result: IngestResult): void {
  for (const observer of observers) observer.article?.(result);
}

export function reportPoll(status: "ok" | "not-modified" | "failed"): void {
  for (const observer of observers) observer.poll?.(status);
}
