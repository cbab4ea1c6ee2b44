// Copies SQLite's write-ahead log back into the database file from wherever the background work
// runs (its own thread in production), since the connection of the thread that answers HTTP does
// not checkpoint on its own (prepareDatabase). A passive checkpoint takes no lock that writers or
// readers wait for and never waits itself: it copies what it can and leaves the rest for the next.
// The background thread's own commits still checkpoint as SQLite does by default; this covers a
// log written only by acknowledgements while the worker has nothing to commit.
import { registerPollingLoop } from "./background.server";
import db, { databaseProvider } from "./db.server";
import { checkpointWal } from "./db.factory";
import { loopFailureLog } from "./log.loopFailures.server";

// Runs every second: a persistent failure is logged once a minute, not sixty times.
const failures = loopFailureLog({ failed: "sqlite.checkpoint_failed", recovered: "sqlite.checkpoint_recovered" });

async function checkpointOnce(): Promise<void> {
  if (databaseProvider() !== "sqlite") return;
  await checkpointWal(db);
}

registerPollingLoop({ name: "sqlite-wal-checkpoint", everyMs: 1_000, unref: true, run: failures.guard(checkpointOnce) });
