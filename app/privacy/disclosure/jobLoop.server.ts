// The disclosure-package loop of the app process.
import { hostname } from "node:os";
import db from "../../db.server";
import { registerPollingLoop } from "../../background.server";
import { errorKind, log } from "../../log.server";
import { adminGraphqlForShop } from "../../shopifyAdmin.server";
import { runNextDisclosureJob } from "./disclosureJob";

const POLL_MS = Number(process.env.JOB_WORKER_POLL_MS || 2_000);
const workerId = `${hostname()}:${process.pid}:disclosure`;

async function drain(stopping: () => boolean) {
  try {
    for (let job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId }); job && !stopping(); job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId })) {
      log.info("disclosure.job", { jobId: job.id, status: job.status, progress: job.progress, total: job.total, errorKind: job.lastError ?? undefined });
    }
  } catch (error) {
    log.error("disclosure.worker_error", { errorKind: errorKind(error) });
  }
}

registerPollingLoop({ name: "disclosure-jobs", everyMs: POLL_MS, run: drain });
