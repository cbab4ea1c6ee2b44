// The outbox loop of the app process: delivers due mail and emits due-soon notices.
import db from "../../db.server";
import { registerPollingLoop } from "../../background.server";
import { errorKind, log } from "../../log.server";
import { loopFailureLog } from "../../log.loopFailures.server";
import { queueDueSoonNotices } from "../requests/dueSoon";
import { closeMailTransports, deliverDueMail } from "./delivery";
import { learnShopName } from "../shopSetup";
import { adminGraphqlForShop, NoOfflineSessionError } from "../../shopifyAdmin.server";

/** A notice waits for the shop's name or contact: ask Shopify with the shop's offline token (mail/signaturePlaceholders.ts). */
async function learnName(shop: string): Promise<"learnt" | "unknowable" | "unavailable"> {
  try {
    return (await learnShopName(db, shop, await adminGraphqlForShop(shop))) ? "learnt" : "unknowable";
  } catch (error) {
    if (error instanceof NoOfflineSessionError) return "unknowable";
    log.warn("mail.shop_name_unavailable", { shop, errorKind: errorKind(error) });
    return "unavailable";
  }
}

const POLL_MS = Number(process.env.MAIL_WORKER_POLL_MS || 5_000);
const DUE_SOON_EVERY_MS = Number(process.env.DUE_SOON_CHECK_MS || 10 * 60 * 1000);

let lastDueSoonCheck = 0;
// Polls every few seconds: while the database is unreachable, a line a minute rather than a poll.
const failures = loopFailureLog({ failed: "mail.worker_error", recovered: "mail.worker_recovered" });

async function tick() {
  if (Date.now() - lastDueSoonCheck >= DUE_SOON_EVERY_MS) {
    lastDueSoonCheck = Date.now();
    const queued = await queueDueSoonNotices(db);
    if (queued) log.info("mail.due_soon_queued", { count: queued });
  }
  const report = await deliverDueMail(db, { learnShopName: learnName });
  if (report.sent || report.retried || report.failed || report.unconfigured) log.info("mail.delivery", { ...report });
}

registerPollingLoop({ name: "mail-outbox", everyMs: POLL_MS, run: failures.guard(tick), afterStop: closeMailTransports });
