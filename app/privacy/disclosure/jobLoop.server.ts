// The disclosure-package loop of the app process.
import { hostname } from "node:os";
import db from "../../db.server";
import { registerPollingLoop } from "../../background.server";
import { log } from "../../log.server";
import { loopFailureLog } from "../../log.loopFailures.server";
import { adminGraphqlForShop } from "../../shopifyAdmin.server";
import { runNextDisclosureJob } from "./disclosureJob";

const POLL_MS = Number(process.env.JOB_WORKER_POLL_MS || 2_000);
const workerId = `${hostname()}:${process.pid}:disclosure`;

// Polls every two seconds: while the database is unreachable, a line a minute rather than a poll.
const failures = loopFailureLog({ failed: "disclosure.worker_error", recovered: "disclosure.worker_recovered" });

async function drain(stopping: () => boolean) {
  for (let job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId }); job && !stopping(); job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId })) {
    log.info("disclosure.job", { jobId: job.id, status: job.status, progress: job.progress, total: job.total, errorKind: job.lastError ?? undefined });
  }
}

registerPollingLoop({ name: "disclosure-jobs", everyMs: POLL_MS, run: failures.guard(drain) });
