/**
 * When the inbox worker rests after a transaction so that acknowledgements keep their latency.
 *
 * A fixed target (acknowledgements under 5 ms on average) says nothing about the machine: on two
 * cores shared with the sender and other work, the acknowledgements of an app whose worker does
 * nothing already averaged more than 5 ms, so the worker rested at its busy share whatever it
 * did to them, and left idle CPU unused. The rule compares instead with the floor measured on the
 * same machine at the same moment: the average of the acknowledgements that ran wholly while the
 * worker did not work (background.signals.ts). While the recent average stays within `tolerance`
 * (plus `slackMs`) of the floor the worker does not rest; above it, it works `busyShare` of the
 * time. A floor that is unknown or older than `floorMaxAgeMs` is measured again by one rest of
 * `probeMs`, so a worker that never rests still follows a machine whose load changes.
 */
export interface PacingRule {
  /** The share of time the worker works while acknowledgements are slower than the floor allows. */
  busyShare: number;
  /** How much slower than the floor acknowledgements may be before the worker rests (0.25: 25 %). */
  tolerance: number;
  /** Added to the allowance, so a floor of a millisecond or two is not held to a fraction of one. */
  slackMs: number;
  /** A rest that lets the floor be measured again. */
  probeMs: number;
  /** A floor older than this is measured again (while deliveries arrive). */
  floorMaxAgeMs: number;
}

export interface AcknowledgementReadings {
  /** Deliveries are being acknowledged now or were a moment ago. */
  arriving: boolean;
  /** The moving average of every recent acknowledgement, in ms. */
  recentMs: number;
  /** The moving average of acknowledgements while the worker did not work (NaN: none yet). */
  floorMs: number;
  /** How long ago the last of those ended, in ms. */
  floorAgeMs: number;
}

export const DEFAULT_PACING: PacingRule = { busyShare: 0.25, tolerance: 0.25, slackMs: 0.5, probeMs: 25, floorMaxAgeMs: 2_000 };

/** How long to rest after a transaction that took `workedMs` (0: carry on at once). */
export function restAfterWork(workedMs: number, readings: AcknowledgementReadings, rule: PacingRule = DEFAULT_PACING): number {
  if (!readings.arriving || rule.busyShare >= 1) return 0;
  if (Number.isNaN(readings.floorMs)) return rule.probeMs;
  const allowedMs = readings.floorMs * (1 + rule.tolerance) + rule.slackMs;
  const restMs = readings.recentMs <= allowedMs ? 0 : (workedMs * (1 - rule.busyShare)) / rule.busyShare;
  // An old floor still holds the worker to its share; the rest is at least long enough to renew it.
  return readings.floorAgeMs > rule.floorMaxAgeMs ? Math.max(rule.probeMs, restMs) : restMs;
}

/** The rule from the environment (docs/webhooks.md, operational knobs). */
export function pacingFromEnv(env: Record<string, string | undefined>): PacingRule {
  const number = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] !== undefined && env[name] !== "" && Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  return {
    ...DEFAULT_PACING,
    busyShare: Math.min(1, Math.max(0.05, number("WEBHOOK_WORKER_BUSY_SHARE", DEFAULT_PACING.busyShare))),
    tolerance: number("WEBHOOK_ACK_TOLERANCE", DEFAULT_PACING.tolerance),
  };
}
