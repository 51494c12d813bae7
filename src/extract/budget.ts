/** How long one article's extraction may take before it stops with what it has. */
export const DEFAULT_BUDGET_MS = 5_000;

/**
 * A per-article time bound. The rule loops ask `spent(phase)` as they go (per token or mention,
 * so even one endless sentence is covered); once the deadline passes every later phase stops at
 * once and the result is partial, with a warning naming where it stopped.
 */
export class Budget {
  private readonly deadline: number;
  /** The phase during which the budget ran out, or null. */
  exceededIn: string | null = null;

  constructor(readonly ms: number = DEFAULT_BUDGET_MS) {
    this.deadline = performance.now() + ms;
  }

  private calls = 0;

  spent(phase: string): boolean {
    if (this.exceededIn !== null) return true;
    // Reading the clock on every token costs more than the rules it guards: every 32nd call is
    // often enough (32 tokens take microseconds).
    if ((++this.calls & 31) !== 0) return false;
    if (performance.now() <= this.deadline) return false;
    this.exceededIn = phase;
    return true;
  }
}
