// Copies SQLite's write-ahead log back into the database file from wherever the background work
// runs (its own thread in production), since the connection of the thread that answers HTTP does
// not checkpoint on its own (prepareDatabase). A passive checkpoint takes no lock that writers or
// readers wait for and never waits itself: it copies what it can and leaves the rest for the next.
// The background thread's own commits still checkpoint as SQLite does by default; this covers a
// log written only by acknowledgements while the worker has nothing to commit.
import { registerBackgroundLoop } from "./background.server";
import db, { databaseProvider } from "./db.server";
import { checkpointWal } from "./db.factory";
import { errorKind, log } from "./log.server";

const INTERVAL_MS = 1_000;

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | undefined;
let active = false;

function schedule() {
  if (!active) return;
  timer = setTimeout(() => {
    running = checkpointWal(db)
      .then(() => undefined, (error) => log.error("sqlite.checkpoint_failed", { errorKind: errorKind(error) }))
      .finally(schedule);
  }, INTERVAL_MS);
  timer.unref?.();
}

registerBackgroundLoop({
  name: "sqlite-wal-checkpoint",
  start() {
    if (databaseProvider() !== "sqlite") return;
    active = true;
    schedule();
  },
  async stop() {
    active = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await running;
  },
});
