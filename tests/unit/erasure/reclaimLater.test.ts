// PostgreSQL's VACUUM after erasures runs on a timer, not after every batch (its cost grows with
// the tables, docs/benchmarks-backlog.md): the tables erasures touched are remembered and vacuumed
// together, at most once per interval, and what is pending when the work stops is run then.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ReclaimLater } from "../../../app/privacy/reclaimLater";
import type { Db } from "../../../app/db.factory";

const db = {} as Db;

describe("ReclaimLater", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("vacuums the tables of several erasures once, an interval after the first", async () => {
    const runs: string[][] = [];
    const reclaim = new ReclaimLater(async (_db, tables) => void runs.push([...tables].sort()), 30_000);
    reclaim.schedule(db, ["PrivacyRequest", "Job"]);
    await vi.advanceTimersByTimeAsync(10_000);
    reclaim.schedule(db, ["Job", "ConsentRecord"]);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(runs).toEqual([["ConsentRecord", "Job", "PrivacyRequest"]]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(1);
    expect(reclaim.pending).toBe(false);
  });

  it("runs what is pending when flushed, and tries a failed VACUUM's tables again at the next run", async () => {
    const runs: string[][] = [];
    const errors: unknown[] = [];
    let fail = true;
    const reclaim = new ReclaimLater(async (_db, tables) => {
      runs.push([...tables]);
      if (fail) throw new Error("lock timeout");
    }, 30_000);
    reclaim.onError = (error) => errors.push(error);
    reclaim.schedule(db, ["Job"]);
    await reclaim.flush();
    expect(runs).toEqual([["Job"]]);
    expect(errors).toHaveLength(1);
    expect(reclaim.pending).toBe(true);
    fail = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs).toEqual([["Job"], ["Job"]]);
    expect(reclaim.pending).toBe(false);
  });
});
