// The disclosure-package loop of the app process.
import { hostname } from "node:os";
import db from "../../db.server";
import { registerBackgroundLoop } from "../../background.server";
import { errorKind, log } from "../../log.server";
import { adminGraphqlForShop } from "../../shopifyAdmin.server";
import { runNextDisclosureJob } from "./disclosureJob";

const POLL_MS = Number(process.env.JOB_WORKER_POLL_MS || 2_000);
const workerId = `${hostname()}:${process.pid}:disclosure`;

let timer: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> | null = null;
let stopped = true;

async function drain() {
  try {
    for (let job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId }); job && !stopped; job = await runNextDisclosureJob(db, adminGraphqlForShop, { workerId })) {
      log.info("disclosure.job", { jobId: job.id, status: job.status, progress: job.progress, total: job.total, errorKind: job.lastError ?? undefined });
    }
  } catch (error) {
    log.error("disclosure.worker_error", { errorKind: errorKind(error) });
  }
}

function schedule() {
  if (stopped) return;
  timer = setTimeout(() => {
    running = drain().finally(() => {
      running = null;
      schedule();
    });
  }, POLL_MS);
}

registerBackgroundLoop({
  name: "disclosure-jobs",
  start() {
    stopped = false;
    schedule();
  },
  async stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  },
});
