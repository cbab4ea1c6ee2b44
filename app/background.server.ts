// Work the app does after answering: the webhook inbox, jobs, the mail outbox, purges and Flow.
// Each feature registers its loop here. Where it runs is server.mjs's choice (startBackground):
// in a thread of its own with its own connection (SQLite) or pool (PostgreSQL), so that no
// transaction of the worker ever runs on, or stalls, the thread that answers HTTP (better-sqlite3
// is synchronous; Prisma's query compiler is JavaScript on either). In development
// (scripts/dev.mjs) it runs in the dev server's thread, restarted from each reloaded build.
import db, { prepareDatabase } from "./db.server";
import { resumeWaiting, stopWaiting } from "./background.signals";

export { adoptSignalBuffer, sharedSignalBuffer } from "./background.signals";

export interface BackgroundLoop {
  name: string;
  start(): void;
  stop(): Promise<void>;
}

const loops: BackgroundLoop[] = [];
let started = false;

export function registerBackgroundLoop(loop: BackgroundLoop) {
  loops.push(loop);
  if (started) loop.start();
}

/**
 * A loop that runs `run` every `everyMs` after the previous run ended (never two at once), the
 * first time after `firstAfterMs` (by default `everyMs`); stopping waits for the run in progress,
 * then calls `afterStop`. `run` keeps its own errors; `stopping()` lets a long run end early.
 */
export function registerPollingLoop(loop: {
  name: string;
  everyMs: number;
  firstAfterMs?: number;
  /** Lets the process exit while the loop waits (a daily purge must not hold it open). */
  unref?: boolean;
  run: (stopping: () => boolean) => Promise<void>;
  afterStop?: () => void;
}) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = loop.run(() => stopped).finally(() => {
        running = null;
        schedule(loop.everyMs);
      });
    }, delay);
    if (loop.unref) timer.unref?.();
  };
  registerBackgroundLoop({
    name: loop.name,
    start() {
      stopped = false;
      schedule(loop.firstAfterMs ?? loop.everyMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      loop.afterStop?.();
    },
  });
}

/**
 * Whether server.mjs should start the background work in a thread of its own, unless
 * PRIVACY_DESK_BACKGROUND_THREAD=0 (an operator's way back to one thread). On SQLite so that no
 * synchronous statement of the worker runs on the thread that answers HTTP; on PostgreSQL so that
 * the worker's share of JavaScript (Prisma's query compiler above all) does not either, and it
 * has a pool of its own: an acknowledgement never waits for a connection the worker holds.
 */
export const backgroundRunsInThread = (): boolean => process.env.PRIVACY_DESK_BACKGROUND_THREAD !== "0";

/** Starts every loop in the calling thread. */
export async function startBackgroundWork(): Promise<void> {
  await prepareDatabase(db);
  if (started) return;
  started = true;
  resumeWaiting();
  await import("./background.loops.server");
  for (const loop of loops) loop.start();
}

export async function stopBackgroundWork(): Promise<void> {
  started = false;
  stopWaiting();
  await Promise.all(loops.map((loop) => loop.stop()));
}
