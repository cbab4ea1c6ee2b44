// The WAL checkpoint loop runs every second; a failure that persists is logged once at first, then
// once a minute with the count, and its end once, each by the error's kind only.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const checkpoint = vi.hoisted(() => ({ failing: false }));
const loops = vi.hoisted(() => [] as Array<{ name: string; run: () => Promise<void> }>);
vi.mock("../../app/db.server", () => ({ default: {}, databaseProvider: () => "sqlite" }));
vi.mock("../../app/db.factory", () => ({
  checkpointWal: async () => {
    if (checkpoint.failing) throw Object.assign(new Error("disk I/O error for someone@example.jp"), { code: "SQLITE_IOERR" });
  },
}));
vi.mock("../../app/background.server", () => ({ registerPollingLoop: (loop: { name: string; run: () => Promise<void> }) => loops.push(loop) }));

describe("sqlite-wal-checkpoint loop", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["performance", "Date"] });
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("logs a persistent failure at first, once a minute with a count, and its recovery once", async () => {
    await import("../../app/walCheckpointLoop.server");
    const loop = loops.find((registered) => registered.name === "sqlite-wal-checkpoint")!;
    const written: Array<Record<string, unknown>> = [];
    const capture = (line: unknown) => void written.push(JSON.parse(String(line)) as Record<string, unknown>);
    vi.spyOn(console, "error").mockImplementation(capture);
    vi.spyOn(console, "warn").mockImplementation(capture);
    vi.spyOn(console, "log").mockImplementation(capture);

    const runFor = async (seconds: number) => {
      for (let second = 0; second < seconds; second++) {
        await loop.run();
        vi.advanceTimersByTime(1_000);
      }
    };
    await runFor(5);
    checkpoint.failing = true;
    await runFor(125);
    checkpoint.failing = false;
    await runFor(5);

    expect(written.map(({ level, event, errorKind, failures, failingMs }) => ({ level, event, errorKind, failures, failingMs }))).toEqual([
      { level: "error", event: "sqlite.checkpoint_failed", errorKind: "Error:SQLITE_IOERR", failures: 1, failingMs: undefined },
      { level: "error", event: "sqlite.checkpoint_failed", errorKind: "Error:SQLITE_IOERR", failures: 61, failingMs: undefined },
      { level: "error", event: "sqlite.checkpoint_failed", errorKind: "Error:SQLITE_IOERR", failures: 121, failingMs: undefined },
      { level: "warn", event: "sqlite.checkpoint_recovered", errorKind: undefined, failures: 125, failingMs: 125_000 },
    ]);
    expect(JSON.stringify(written)).not.toMatch(/@|disk I\/O/);
  });
});
