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
