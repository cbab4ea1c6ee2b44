import { beforeEach, describe, expect, it } from "vitest";
import { acknowledgementEnded, acknowledgementFloor, acknowledgementStarted, recentAcknowledgementMs, workerWorking } from "../../../app/background.signals";
import { DEFAULT_PACING, pacingFromEnv, restAfterWork } from "../../../app/privacy/webhooks/pacing";

const measured = { arriving: true, floorAgeMs: 100 };

describe("restAfterWork: the worker rests only while acknowledgements are slower than the floor", () => {
  it("on a loaded machine whose floor is above 5 ms, does not rest while acknowledgements keep to it", () => {
    // A fixed 5 ms target rested three times the work here, whatever the worker did to the acknowledgements.
    expect(restAfterWork(40, { ...measured, floorMs: 7, recentMs: 8 })).toBe(0);
    expect(restAfterWork(40, { ...measured, floorMs: 7, recentMs: 7 * 1.25 + 0.5 })).toBe(0);
  });

  it("above the floor's tolerance, works its busy share of the time", () => {
    expect(restAfterWork(40, { ...measured, floorMs: 7, recentMs: 9.5 })).toBe(120);
    expect(restAfterWork(40, { ...measured, floorMs: 2, recentMs: 4 }, { ...DEFAULT_PACING, busyShare: 0.5 })).toBe(40);
  });

  it("on a quiet machine, rests at acknowledgements a fixed 5 ms target let through", () => {
    expect(restAfterWork(10, { ...measured, floorMs: 1.5, recentMs: 4 })).toBe(30);
  });

  it("never rests while no deliveries arrive, nor at a busy share of 1", () => {
    expect(restAfterWork(40, { ...measured, arriving: false, floorMs: 1, recentMs: 50 })).toBe(0);
    expect(restAfterWork(40, { ...measured, floorMs: 1, recentMs: 50 }, { ...DEFAULT_PACING, busyShare: 1 })).toBe(0);
  });

  it("measures an unknown or stale floor again with one short rest", () => {
    expect(restAfterWork(40, { arriving: true, floorMs: Number.NaN, floorAgeMs: Number.POSITIVE_INFINITY, recentMs: 3 })).toBe(DEFAULT_PACING.probeMs);
    expect(restAfterWork(40, { arriving: true, floorMs: 3, floorAgeMs: DEFAULT_PACING.floorMaxAgeMs + 1, recentMs: 3 })).toBe(DEFAULT_PACING.probeMs);
    // An old floor that acknowledgements are far above still holds the worker to its busy share.
    expect(restAfterWork(40, { arriving: true, floorMs: 3, floorAgeMs: DEFAULT_PACING.floorMaxAgeMs + 1, recentMs: 30 })).toBe(120);
  });

  it("reads its knobs from the environment, refusing nonsense", () => {
    expect(pacingFromEnv({ WEBHOOK_WORKER_BUSY_SHARE: "0.5", WEBHOOK_ACK_TOLERANCE: "0.1" })).toMatchObject({ busyShare: 0.5, tolerance: 0.1 });
    expect(pacingFromEnv({ WEBHOOK_WORKER_BUSY_SHARE: "0", WEBHOOK_ACK_TOLERANCE: "-1" })).toMatchObject({ busyShare: 0.05, tolerance: DEFAULT_PACING.tolerance });
    expect(pacingFromEnv({ WEBHOOK_ACK_TOLERANCE: "abc" })).toEqual(DEFAULT_PACING);
  });
});

describe("the floor: acknowledgements measured while the worker does not work", () => {
  beforeEach(() => {
    globalThis.privacyDeskSignals = undefined;
  });

  it("counts an acknowledgement that ran wholly while the worker rested, not one that met its work", () => {
    expect(Number.isNaN(acknowledgementFloor().ms)).toBe(true);
    const beforeWork = acknowledgementStarted();
    acknowledgementEnded(3, beforeWork);
    expect(acknowledgementFloor().ms).toBe(3);

    // Started while the worker rested, ended after it started working: not the floor.
    const restSeen = acknowledgementStarted();
    workerWorking(true);
    acknowledgementEnded(40, restSeen);
    // Started and ended while it worked.
    acknowledgementEnded(40, acknowledgementStarted());
    expect(acknowledgementFloor().ms).toBe(3);

    // Spanned a whole work span between two rests.
    workerWorking(false);
    const spanned = acknowledgementStarted();
    workerWorking(true);
    workerWorking(false);
    acknowledgementEnded(40, spanned);
    expect(acknowledgementFloor().ms).toBe(3);

    // Within one rest: counted, as a moving average.
    acknowledgementEnded(5, acknowledgementStarted());
    expect(acknowledgementFloor().ms).toBeCloseTo(3.1, 6);
    // Every acknowledgement enters the recent average.
    expect(recentAcknowledgementMs()).toBeGreaterThan(5);
  });

  it("says how old the floor is", () => {
    acknowledgementEnded(2, acknowledgementStarted());
    const { ageMs } = acknowledgementFloor(performance.timeOrigin + performance.now() + 1_000);
    expect(ageMs).toBeGreaterThanOrEqual(1_000);
    expect(ageMs).toBeLessThan(1_500);
    globalThis.privacyDeskSignals = undefined;
    expect(acknowledgementFloor().ageMs).toBe(Number.POSITIVE_INFINITY);
  });
});
