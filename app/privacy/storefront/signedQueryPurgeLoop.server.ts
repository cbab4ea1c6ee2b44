// Purges the expired rows of SQLite's seen-signature memory (signedQueries.ts) from wherever the
// background work runs, so the thread that answers HTTP only ever writes its one row. A row
// outlives its expiry by at most a minute; PostgreSQL's store purges its own rows.
import { registerPollingLoop } from "../../background.server";
import db, { databaseProvider } from "../../db.server";
import { errorKind, log } from "../../log.server";
import { purgeExpiredSignatures } from "./signedQueries";

async function purgeOnce(stopping: () => boolean): Promise<void> {
  if (databaseProvider() !== "sqlite") return;
  try {
    await purgeExpiredSignatures(db, Date.now(), stopping);
  } catch (error) {
    log.error("signed_queries.purge_failed", { error: errorKind(error) });
  }
}

registerPollingLoop({ name: "signed-query-purge", everyMs: 60_000, firstAfterMs: 0, unref: true, run: purgeOnce });
