// The failing polls of a background loop, logged as RepeatedFailureLog decides: a loop that polls
// every few seconds while the database is unreachable would otherwise write a line per poll for as
// long as the outage lasts. Each line carries the error's kind and counts, never its message.
import { errorKind, log } from "./log.server";
import { RepeatedFailureLog } from "./log.repeatedFailure";

export interface LoopFailureLog {
  /** A poll failed, told by the error's kind (log.server's errorKind). */
  failed(errorKind: string): void;
  /** A poll succeeded: ends a run of failures with one line, if there was one. */
  succeeded(): void;
  /** `run` with its failures and its recovery logged here; it never throws. */
  guard<Args extends unknown[]>(run: (...args: Args) => Promise<void>): (...args: Args) => Promise<void>;
}

export function loopFailureLog(events: { failed: string; recovered: string }, intervalMs = 60_000): LoopFailureLog {
  const failures = new RepeatedFailureLog(intervalMs);
  const failed = (kind: string) => {
    const line = failures.failed(performance.now());
    if (line) log.error(events.failed, { errorKind: kind, failures: line.failures });
  };
  const succeeded = () => {
    const line = failures.succeeded(performance.now());
    // A warning, not info: PRIVACY_DESK_QUIET drops info lines, and the failures' last line must
    // not be the last word on them.
    if (line) log.warn(events.recovered, { failures: line.failures, failingMs: line.failingMs });
  };
  return {
    failed,
    succeeded,
    guard:
      (run) =>
      async (...args) => {
        try {
          await run(...args);
        } catch (error) {
          failed(errorKind(error));
          return;
        }
        succeeded();
      },
  };
}
