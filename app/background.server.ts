// Work the app does after answering: the webhook inbox, jobs, the mail outbox, purges and Flow.
// Each feature registers its loop here. Where it runs is server.mjs's choice (startBackground):
// on SQLite in a thread of its own with its own connection, so that no transaction of the worker
// ever runs on, or stalls, the thread that answers HTTP (better-sqlite3 is synchronous); on
// PostgreSQL, whose driver is asynchronous and where several instances share the work, in the
// app's thread. In development (scripts/dev.mjs) it runs in the dev server's thread, restarted
// from each reloaded build.
import db, { databaseProvider, prepareDatabase } from "./db.server";
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
 * Whether server.mjs should start the background work in a thread of its own: on SQLite, unless
 * PRIVACY_DESK_BACKGROUND_THREAD=0 (an operator's way back to one thread).
 */
export const backgroundRunsInThread = (): boolean => databaseProvider() === "sqlite" && process.env.PRIVACY_DESK_BACKGROUND_THREAD !== "0";

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
