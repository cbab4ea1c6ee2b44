// Work the app process does after answering: the webhook inbox, jobs and the mail outbox.
// Each feature registers its loop here; the server starts them once it listens.
import db, { prepareDatabase } from "./db.server";

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

export async function startBackgroundWork(): Promise<void> {
  await prepareDatabase(db);
  if (started) return;
  started = true;
  await import("./background.loops.server");
  for (const loop of loops) loop.start();
}

export async function stopBackgroundWork(): Promise<void> {
  started = false;
  await Promise.all(loops.map((loop) => loop.stop()));
}
