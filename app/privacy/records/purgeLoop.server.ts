// Purges provision records past retention once when the server starts and then once a day.
import { registerPollingLoop } from "../../background.server";
import db from "../../db.server";
import { errorKind, log } from "../../log.server";
import { purgeExpiredProvisionRecords } from "./retention";

const DAY_MS = 24 * 60 * 60 * 1000;

async function purgeOnce(): Promise<void> {
  try {
    const counts = await purgeExpiredProvisionRecords(db);
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (total) log.info("records.purged", { shops: Object.keys(counts).length, records: total });
  } catch (error) {
    log.error("records.purge_failed", { error: errorKind(error) });
  }
}

registerPollingLoop({ name: "records-retention", everyMs: DAY_MS, firstAfterMs: 0, unref: true, run: purgeOnce });
