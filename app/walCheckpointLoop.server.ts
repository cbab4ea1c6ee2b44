// Copies SQLite's write-ahead log back into the database file from wherever the background work
// runs (its own thread in production), since the connection of the thread that answers HTTP does
// not checkpoint on its own (prepareDatabase). A passive checkpoint takes no lock that writers or
// readers wait for and never waits itself: it copies what it can and leaves the rest for the next.
// The background thread's own commits still checkpoint as SQLite does by default; this covers a
// log written only by acknowledgements while the worker has nothing to commit.
import { registerPollingLoop } from "./background.server";
import db, { databaseProvider } from "./db.server";
import { checkpointWal } from "./db.factory";
import { errorKind, log } from "./log.server";
import { RepeatedFailureLog } from "./log.repeatedFailure";

// Runs every second: a persistent failure is logged once a minute, not sixty times.
const failures = new RepeatedFailureLog(60_000);

async function checkpointOnce(): Promise<void> {
  if (databaseProvider() !== "sqlite") return;
  try {
    await checkpointWal(db);
  } catch (error) {
    const line = failures.failed(performance.now());
    if (line) log.error("sqlite.checkpoint_failed", { errorKind: errorKind(error), failures: line.failures });
    return;
  }
  const recovered = failures.succeeded(performance.now());
  // A warning, not info: PRIVACY_DESK_QUIET drops info lines, and the failures' last line must not
  // be the last word on them.
  if (recovered) log.warn("sqlite.checkpoint_recovered", { failures: recovered.failures, failingMs: recovered.failingMs });
}

registerPollingLoop({ name: "sqlite-wal-checkpoint", everyMs: 1_000, unref: true, run: checkpointOnce });
