// The Flow outbox loop of the app process: sends due triggers, and once an hour forgets settled ones.
import db from "../../db.server";
import { registerPollingLoop } from "../../background.server";
import { log } from "../../log.server";
import { loopFailureLog } from "../../log.loopFailures.server";
import { adminGraphqlForShop } from "../../shopifyAdmin.server";
import { deliverDueFlowTriggers, purgeSettledFlowTriggers } from "./flowOutbox";

const POLL_MS = Number(process.env.FLOW_WORKER_POLL_MS || 5_000);
const PURGE_EVERY_MS = 60 * 60 * 1000;

let lastPurge = 0;
// Polls every few seconds: while the database is unreachable, a line a minute rather than a poll.
const failures = loopFailureLog({ failed: "flow.worker_error", recovered: "flow.worker_recovered" });

async function tick() {
  const report = await deliverDueFlowTriggers(db, adminGraphqlForShop);
  // "skipped" would read as personal data to the logger's field check (it contains "ip").
  if (report.sent || report.retried || report.failed || report.skipped) log.info("flow.delivery", { sent: report.sent, retried: report.retried, failed: report.failed, switchedOff: report.skipped });
  if (Date.now() - lastPurge >= PURGE_EVERY_MS) {
    lastPurge = Date.now();
    const purged = await purgeSettledFlowTriggers(db);
    if (purged) log.info("flow.purged", { count: purged });
  }
}

registerPollingLoop({ name: "flow-outbox", everyMs: POLL_MS, run: failures.guard(tick) });
