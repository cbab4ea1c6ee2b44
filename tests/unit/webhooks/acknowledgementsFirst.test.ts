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
    expect(await yieldToAcks()).toBe(false);
    expect(clock.now()).toBe(0);
  });

  it("waits until deliveries pause, then reports the pressure so the worker takes one event", async () => {
    const clock = fakeClock();
    const lastDeliveryAt = 40;
    const yieldToAcks = acknowledgementsFirst(() => clock.now() - lastDeliveryAt, { quietMs: 20, sleep: clock.sleep });
    expect(await yieldToAcks()).toBe(true);
    expect(clock.now()).toBe(60);
  });

  it("never waits longer than its bound under a continuous flood, so processing cannot starve", async () => {
    const clock = fakeClock();
    const yieldToAcks = acknowledgementsFirst(() => 0, { quietMs: 20, maxWaitMs: 250, sleep: clock.sleep });
    expect(await yieldToAcks()).toBe(true);
    expect(clock.now()).toBe(250);
  });
});
