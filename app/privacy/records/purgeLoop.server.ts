// Purges provision records past retention once when the server starts and then once a day.
import { registerBackgroundLoop } from "../../background.server";
import db from "../../db.server";
import { errorKind, log } from "../../log.server";
import { purgeExpiredProvisionRecords } from "./retention";

const DAY_MS = 24 * 60 * 60 * 1000;

let timer: ReturnType<typeof setTimeout> | undefined;
let running: Promise<void> | undefined;
let active = false;

async function purgeOnce(): Promise<void> {
  try {
    const counts = await purgeExpiredProvisionRecords(db);
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    if (total) log.info("records.purged", { shops: Object.keys(counts).length, records: total });
  } catch (error) {
    log.error("records.purge_failed", { error: errorKind(error) });
  }
}

function schedule(delay: number) {
  if (!active) return;
  timer = setTimeout(() => {
    running = purgeOnce().finally(() => schedule(DAY_MS));
  }, delay);
  timer.unref?.();
}

registerBackgroundLoop({
  name: "records-retention",
  start() {
    active = true;
    schedule(0);
  },
  async stop() {
    active = false;
    if (timer) clearTimeout(timer);
    timer = undefined;
    await running;
  },
});
