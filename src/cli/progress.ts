import type { ImportProgress } from "../ingest/import/index.js";

export type ProgressMode = "bar" | "lines" | "none";

/** "29s", "4m05s", "1h02m". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

export function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

/** "1200/6517 (183/s, ETA 29s)", the core of both the bar and the log lines. */
export function progressText(progress: ImportProgress): string {
  const of = progress.total === null ? `${progress.processed}` : `${progress.processed}/${progress.total}`;
  const eta = progress.etaMs === null ? "" : `, ETA ${formatDuration(progress.etaMs)}`;
  return `${of} (${formatRate(progress.rate)}/s${eta})`;
}

function tally(progress: ImportProgress): string {
  const parts = [`${progress.imported} new`];
  if (progress.nearDuplicates) parts.push(`${progress.nearDuplicates} near-dup`);
  if (progress.duplicates) parts.push(`${progress.duplicates} dup`);
  if (progress.skipped) parts.push(`${progress.skipped} skipped`);
  if (progress.bad) parts.push(`${progress.bad} bad`);
  return parts.join(", ");
}

const BAR_REFRESH_MS = 100;
const LINE_EVERY_RECORDS = 100;
const LINE_EVERY_MS = 2_000;

/**
 * Shows import progress: a redrawn bar on a terminal, or a plain line every 100 records or 2 s
 * (whichever comes first) when the output is a file or a pipe.
 */
export class ProgressReporter {
  private lastDraw = 0;
  private lastLine = 0;
  private barShown = false;
  private latest: ImportProgress | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    readonly mode: ProgressMode,
  ) {
    this.lastLine = Date.now();
  }

  update(progress: ImportProgress): void {
    this.latest = progress;
    const now = Date.now();
    if (this.mode === "bar") {
      if (now - this.lastDraw >= BAR_REFRESH_MS || progress.processed === progress.total) this.draw(progress, now);
    } else if (this.mode === "lines") {
      if (progress.processed % LINE_EVERY_RECORDS === 0 || now - this.lastLine >= LINE_EVERY_MS) {
        this.lastLine = now;
        this.stream.write(`progress ${progressText(progress)}: ${tally(progress)}\n`);
      }
    }
  }

  /** Writes a line without garbling the bar (the bar is cleared, then redrawn below it). */
  log(line: string, stream: NodeJS.WriteStream = this.stream): void {
    if (this.barShown) this.clear();
    stream.write(`${line}\n`);
    if (this.mode === "bar" && this.latest) this.draw(this.latest, Date.now());
  }

  /** Removes the bar before the summary is printed. */
  finish(): void {
    if (this.barShown) this.clear();
  }

  private clear(): void {
    this.stream.write("\r\x1b[2K");
    this.barShown = false;
  }

  private draw(progress: ImportProgress, now: number): void {
    this.lastDraw = now;
    const columns = this.stream.columns || 80;
    const width = Math.max(10, Math.min(30, columns - 60));
    const fraction = progress.total ? Math.min(1, progress.processed / progress.total) : 0;
    const filled = Math.round(fraction * width);
    const bar = `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
    const percent = progress.total ? ` ${String(Math.floor(fraction * 100)).padStart(3)}%` : "";
    const line = `${bar}${percent} ${progressText(progress)} ${tally(progress)}`;
    this.stream.write(`\r\x1b[2K${line.slice(0, columns - 1)}`);
    this.barShown = true;
  }
}
