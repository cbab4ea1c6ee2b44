import { describe, expect, it } from "vitest";
import { acknowledgementsFirst } from "../../../app/privacy/webhooks/worker";

function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe("acknowledgementsFirst", () => {
  it("does not wait, and reports no pressure, when no delivery arrived recently", async () => {
    const clock = fakeClock();
    const yieldToAcks = acknowledgementsFirst(() => 10_000, { sleep: clock.sleep });
    expect(await yieldToAcks(0)).toBe(false);
    expect(clock.now()).toBe(0);
  });

  it("after a batch, looks once more for deliveries that the batch held up before deciding", async () => {
    const clock = fakeClock();
    // Nothing was acknowledged while the batch ran; the held-up deliveries arrive just after it.
    const yieldToAcks = acknowledgementsFirst(() => (clock.now() >= 20 && clock.now() < 100 ? 0 : 10_000), { quietMs: 20, sleep: clock.sleep });
    expect(await yieldToAcks(5)).toBe(true);
    expect(clock.now()).toBe(100);
  });

  it("waits until deliveries pause, then reports the pressure so the worker takes one event", async () => {
    const clock = fakeClock();
    const lastDeliveryAt = 40;
    const yieldToAcks = acknowledgementsFirst(() => clock.now() - lastDeliveryAt, { quietMs: 20, sleep: clock.sleep });
    expect(await yieldToAcks(0)).toBe(true);
    expect(clock.now()).toBe(60);
  });

  it("under a flood that never pauses, waits long enough to keep its share of the database at 1 %", async () => {
    const clock = fakeClock();
    const yieldToAcks = acknowledgementsFirst(() => 0, { quietMs: 20, sleep: clock.sleep });
    expect(await yieldToAcks(30)).toBe(true);
    expect(clock.now()).toBe(20 + 3_000);
  });

  it("bounds that wait below by minWaitMs and above by maxWaitMs, so processing never stops", async () => {
    const clock = fakeClock();
    const yieldToAcks = acknowledgementsFirst(() => 0, { quietMs: 20, minWaitMs: 250, maxWaitMs: 10_000, sleep: clock.sleep });
    expect(await yieldToAcks(0.5)).toBe(true);
    expect(clock.now()).toBe(20 + 250);
    expect(await yieldToAcks(5_000)).toBe(true);
    expect(clock.now()).toBe(20 + 250 + 20 + 10_000);
  });
});
