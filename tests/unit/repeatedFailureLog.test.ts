// A failure that repeats every second is logged at its first occurrence, then at most once a
// minute with the count so far, and once more when it ends (app/walCheckpointLoop.server.ts).
import { describe, expect, it } from "vitest";
import { RepeatedFailureLog } from "../../app/log.repeatedFailure";

/** What a once-a-second loop logs over `seconds`, failing while `failing(second)`. */
function lines(seconds: number, failing: (second: number) => boolean, rule = new RepeatedFailureLog(60_000)) {
  const out: string[] = [];
  for (let second = 0; second < seconds; second++) {
    const now = second * 1_000;
    if (failing(second)) {
      const line = rule.failed(now);
      if (line) out.push(`${second}s failed ×${line.failures}`);
    } else {
      const line = rule.succeeded(now);
      if (line) out.push(`${second}s recovered after ×${line.failures} in ${line.failingMs} ms`);
    }
  }
  return out;
}

describe("RepeatedFailureLog", () => {
  it("logs the first failure, then once a minute with the count, then the recovery", () => {
    expect(lines(200, (second) => second >= 10 && second < 150)).toEqual([
      "10s failed ×1",
      "70s failed ×61",
      "130s failed ×121",
      "150s recovered after ×140 in 140000 ms",
    ]);
  });

  it("logs nothing while everything succeeds", () => {
    expect(lines(120, () => false)).toEqual([]);
  });

  it("starts over after a recovery: the next failure is logged at once", () => {
    expect(lines(20, (second) => second === 3 || second === 5 || second === 6)).toEqual([
      "3s failed ×1",
      "4s recovered after ×1 in 1000 ms",
      "5s failed ×1",
      "7s recovered after ×2 in 2000 ms",
    ]);
  });

  it("counts failures that were not logged in the next line", () => {
    const rule = new RepeatedFailureLog(10_000);
    expect(rule.failed(0)).toEqual({ failures: 1 });
    expect(rule.failed(9_999)).toBeNull();
    // A failure every few seconds, not every second: still one line per interval.
    expect(rule.failed(13_000)).toEqual({ failures: 3 });
    expect(rule.failed(20_000)).toBeNull();
    expect(rule.failed(23_000)).toEqual({ failures: 5 });
  });
});
