// When to log a failure that repeats. A loop that runs every second and keeps failing the same way
// (a locked or unwritable database file) would otherwise write a line a second for as long as it
// lasts, burying every other line: its first failure is logged at once, then at most one line per
// interval while it persists, each with how many failures there have been, and one when it ends.

export interface FailureLine {
  /** Failures in a row so far, this one included. */
  failures: number;
}

export interface RecoveryLine {
  failures: number;
  /** From the first failure in the row to the success that ended it. */
  failingMs: number;
}

export class RepeatedFailureLog {
  private failures = 0;
  private firstAt = 0;
  private loggedAt = 0;

  constructor(private readonly intervalMs = 60_000) {}

  /** A failure at `now` (ms); the line to write, or null while one was written within the interval. */
  failed(now: number): FailureLine | null {
    this.failures++;
    if (this.failures === 1) this.firstAt = now;
    else if (now - this.loggedAt < this.intervalMs) return null;
    this.loggedAt = now;
    return { failures: this.failures };
  }

  /** A success at `now`; the line that says the failures ended, or null if there were none. */
  succeeded(now: number): RecoveryLine | null {
    if (this.failures === 0) return null;
    const line = { failures: this.failures, failingMs: Math.max(0, now - this.firstAt) };
    this.failures = 0;
    return line;
  }
}
