// What the thread that answers HTTP and the background thread tell each other without a message:
// a few counters in shared memory. On SQLite the worker runs in its own thread with its own
// connection (background.thread.server.ts); it must see at once that a delivery was acknowledged
// (to wake up) and that acknowledgements are arriving or waiting for SQLite's write lock (to give
// way to them). In a single thread (PostgreSQL, development) the same memory is simply not shared.

// Int32 slots, then Float64s from byte 32.
const IN_FLIGHT = 0; // acknowledgements being read, verified or committed right now
const GENERATION = 1; // bumped by every acknowledged delivery; the worker waits on it
const WRITERS_WAITING = 2; // statements of the HTTP thread waiting for SQLite's write lock
const STOPPING = 3; // the background thread is asked to stop its waits
const LOCK_RELEASES = 4; // bumped when the background thread ends a transaction; waiting writers wake on it
const WRITER_TURNS = 5; // bumped when a statement of the HTTP thread that had to wait has had its turn
const WORKER_WORKING = 6; // 1 while the inbox worker is processing, 0 while it rests or waits
const WORK_SPANS = 7; // bumped each time the worker starts working again
const INT_SLOTS = 8;
const LAST_ACTIVITY_BYTE = 32;
const ACK_MS_BYTE = 40; // moving average of how long acknowledgements take, written by the HTTP thread
const FLOOR_MS_BYTE = 48; // the same, of acknowledgements that ran wholly while the worker did not work
const FLOOR_AT_BYTE = 56; // when the last of those ended (wall-clock ms)
const BYTES = 64;

export interface BackgroundSignals {
  buffer: SharedArrayBuffer;
  ints: Int32Array;
  lastActivity: Float64Array;
  ackMs: Float64Array;
  floorMs: Float64Array;
  floorAt: Float64Array;
}

function signalsOver(buffer: SharedArrayBuffer): BackgroundSignals {
  return {
    buffer,
    ints: new Int32Array(buffer, 0, INT_SLOTS),
    lastActivity: new Float64Array(buffer, LAST_ACTIVITY_BYTE, 1),
    ackMs: new Float64Array(buffer, ACK_MS_BYTE, 1),
    floorMs: new Float64Array(buffer, FLOOR_MS_BYTE, 1),
    floorAt: new Float64Array(buffer, FLOOR_AT_BYTE, 1),
  };
}

function fresh(): BackgroundSignals {
  const signals = signalsOver(new SharedArrayBuffer(BYTES));
  signals.lastActivity[0] = Number.NEGATIVE_INFINITY;
  signals.floorMs[0] = Number.NaN;
  signals.floorAt[0] = Number.NEGATIVE_INFINITY;
  return signals;
}

declare global {
  var privacyDeskSignals: BackgroundSignals | undefined;
}

// One per thread (kept across Vite's module reloads); the background thread adopts its parent's.
const current = (): BackgroundSignals => (globalThis.privacyDeskSignals ??= fresh());

/** The memory to hand to the background thread (workerData). */
export const sharedSignalBuffer = (): SharedArrayBuffer => current().buffer;

/** In the background thread: use the memory of the thread that answers HTTP. */
export function adoptSignalBuffer(buffer: SharedArrayBuffer): void {
  globalThis.privacyDeskSignals = signalsOver(buffer);
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable across threads. */
const nowMs = () => performance.timeOrigin + performance.now();

/** Moving averages over about 20 acknowledgements. */
const ACK_AVERAGE_WEIGHT = 0.05;

/**
 * Returns what acknowledgementEnded needs to tell whether the worker worked meanwhile: the number
 * of the worker's current rest (how many times it has started working), or -1 while it works.
 */
export function acknowledgementStarted(): number {
  const { ints } = current();
  Atomics.add(ints, IN_FLIGHT, 1);
  return Atomics.load(ints, WORKER_WORKING) === 1 ? -1 : Atomics.load(ints, WORK_SPANS);
}

/**
 * `tookMs`: how long this acknowledgement took, from its first byte to its answer; `restSeen`:
 * what acknowledgementStarted returned. An acknowledgement that ran wholly within one rest of the
 * worker (or while it waited for work) is also counted in the floor: what acknowledgements take
 * on this machine, as loaded as it is now, without the worker (see pacing.ts).
 */
export function acknowledgementEnded(tookMs?: number, restSeen = -1): void {
  const signals = current();
  const now = nowMs();
  signals.lastActivity[0] = now;
  // Only this thread writes them; the worker reads values at most one acknowledgement old.
  if (tookMs !== undefined) {
    signals.ackMs[0] += (tookMs - signals.ackMs[0]) * ACK_AVERAGE_WEIGHT;
    const { ints } = signals;
    if (restSeen >= 0 && Atomics.load(ints, WORKER_WORKING) === 0 && Atomics.load(ints, WORK_SPANS) === restSeen) {
      const floor = signals.floorMs[0];
      signals.floorMs[0] = Number.isNaN(floor) ? tookMs : floor + (tookMs - floor) * ACK_AVERAGE_WEIGHT;
      signals.floorAt[0] = now;
    }
  }
  Atomics.sub(signals.ints, IN_FLIGHT, 1);
}

/** The inbox worker starts (true) or stops (false) using the CPU and the database. */
export function workerWorking(working: boolean): void {
  const { ints } = current();
  if (working) Atomics.add(ints, WORK_SPANS, 1);
  Atomics.store(ints, WORKER_WORKING, working ? 1 : 0);
}

/**
 * The floor: the moving average of acknowledgements that ran while the worker did not work (NaN
 * before the first), and how many ms ago the last of them ended.
 */
export function acknowledgementFloor(now = nowMs()): { ms: number; ageMs: number } {
  const signals = current();
  return { ms: signals.floorMs[0], ageMs: now - signals.floorAt[0] };
}


/** Milliseconds since a delivery was last being acknowledged: zero while one is in progress. */
export function msSinceAcknowledgement(now = nowMs()): number {
  const signals = current();
  return Atomics.load(signals.ints, IN_FLIGHT) > 0 ? 0 : now - signals.lastActivity[0];
}

/** A delivery was committed: wakes a worker waiting in another thread (see waitForActivity). */
export function bumpActivity(): void {
  const { ints } = current();
  Atomics.add(ints, GENERATION, 1);
  Atomics.notify(ints, GENERATION);
}

export const activityGeneration = (): number => Atomics.load(current().ints, GENERATION);

// ES2024, in Node since 16; TypeScript's lib here predates it.
type WaitOutcome = "ok" | "not-equal" | "timed-out";
type WaitAsync = (array: Int32Array, index: number, value: number, timeoutMs: number) => { async: true; value: Promise<WaitOutcome> } | { async: false; value: WaitOutcome };

/**
 * Resolves when a delivery was committed after `generation` was read, or after `timeoutMs`.
 * Atomics.waitAsync does not block the thread; stopWaiting() ends every wait at once, and every
 * later one, until resumeWaiting().
 */
export async function waitForActivity(generation: number, timeoutMs: number): Promise<"activity" | "timeout" | "stopping"> {
  const { ints } = current();
  if (Atomics.load(ints, STOPPING) === 1) return "stopping";
  const result = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(ints, GENERATION, generation, timeoutMs);
  const outcome = result.async ? await result.value : result.value;
  if (Atomics.load(ints, STOPPING) === 1) return "stopping";
  return outcome === "timed-out" ? "timeout" : "activity";
}

export function stopWaiting(): void {
  const { ints } = current();
  Atomics.store(ints, STOPPING, 1);
  Atomics.add(ints, GENERATION, 1);
  Atomics.notify(ints, GENERATION);
}

export function resumeWaiting(): void {
  Atomics.store(current().ints, STOPPING, 0);
}

/** The HTTP thread counts its statements that wait for SQLite's write lock (db.sqliteConnection.ts). */
export function writerWaits(delta: 1 | -1): void {
  const { ints } = current();
  Atomics.add(ints, WRITERS_WAITING, delta);
  if (delta === -1) {
    Atomics.add(ints, WRITER_TURNS, 1);
    Atomics.notify(ints, WRITER_TURNS);
  }
}

/** How many waiting statements of the HTTP thread have had their turn. */
export const writerTurns = (): number => Atomics.load(current().ints, WRITER_TURNS);

/** In the background thread: resolves when a waiting HTTP statement has had its turn after `seen`, or after `timeoutMs`. */
export async function waitForWriterTurn(seen: number, timeoutMs: number): Promise<void> {
  const result = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(current().ints, WRITER_TURNS, seen, timeoutMs);
  if (result.async) await result.value;
}

export const writersWaiting = (): number => Atomics.load(current().ints, WRITERS_WAITING);

/** Acknowledgements are being read, verified or committed, or wait for the write lock: the worker keeps its transactions short. */
export const acknowledgementsPending = (): boolean => {
  const { ints } = current();
  return Atomics.load(ints, IN_FLIGHT) > 0 || Atomics.load(ints, WRITERS_WAITING) > 0;
};

/** How many transactions the background thread has ended: read before trying for the lock. */
export const lockReleases = (): number => Atomics.load(current().ints, LOCK_RELEASES);

/** The background thread ended a transaction (committed or rolled back): the write lock is free. */
export function lockReleased(): void {
  const { ints } = current();
  Atomics.add(ints, LOCK_RELEASES, 1);
  Atomics.notify(ints, LOCK_RELEASES);
}

/**
 * Resolves as soon as the background thread ends a transaction after `seen` was read, or after
 * `timeoutMs` (the lock may be held by another process, which does not tell). Never blocks the thread.
 */
export async function waitForLockRelease(seen: number, timeoutMs: number): Promise<void> {
  const result = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(current().ints, LOCK_RELEASES, seen, timeoutMs);
  if (result.async) await result.value;
}

/** How long acknowledgements have been taking lately (a moving average over about 20), in ms. */
export const recentAcknowledgementMs = (): number => current().ackMs[0];
