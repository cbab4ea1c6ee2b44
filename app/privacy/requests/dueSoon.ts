// Staff hear once per request when its due date comes within the shop's due-soon window. "Once"
// is the timeline's due_soon_notified event, written in the same transaction as the queued mail,
// after a conditional update that lets only one of several app instances through.
import type { Db } from "../../db.factory";
import { queueNotice } from "../mail/outbox";
import { queueFlowTrigger } from "../flow/flowOutbox";
import { addDays, dueSoonLimit } from "./deadlines";
import { loadDeskSettings, settingsTimeZone } from "./deskSettings";
import { staffDueSoonNotice } from "./staffNotices";
import { appendRequestEvent } from "./timeline";
import { OPEN_STATUSES } from "./requestTypes";

/** The widest window a shop may set (one more day covers the rest of today); each shop's own dueSoonDays is applied per request. */
const MAX_WINDOW_DAYS = 30;

type Candidate = { id: string; shop: string; dueAt: Date };

/**
 * Open requests due within the widest window, soonest first, a page at a time. Every page is read:
 * one shop's many requests that are not yet inside its own (narrower) window must not keep
 * another shop's request, due later but inside its wider window, from being looked at.
 */
async function* dueSoonCandidates(db: Db, now: Date, pageSize: number): AsyncGenerator<Candidate> {
  let after: Candidate | null = null;
  for (;;) {
    const page: Candidate[] = await db.privacyRequest.findMany({
      where: {
        status: { in: [...OPEN_STATUSES] },
        dueAt: { lte: addDays(now, MAX_WINDOW_DAYS + 1) },
        timeline: { none: { action: "due_soon_notified" } },
        ...(after ? { OR: [{ dueAt: { gt: after.dueAt } }, { dueAt: after.dueAt, id: { gt: after.id } }] } : {}),
      },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: pageSize,
      select: { id: true, shop: true, dueAt: true },
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}

export async function queueDueSoonNotices(db: Db, now = new Date(), pageSize = 200): Promise<number> {
  let queued = 0;
  for await (const candidate of dueSoonCandidates(db, now, pageSize)) {
    const done = await db.$transaction(async (tx) => {
      const settings = await loadDeskSettings(tx, candidate.shop);
      if (candidate.dueAt.getTime() > dueSoonLimit(now, settings.dueSoonDays, settingsTimeZone(settings)).getTime()) return false;
      const request = await tx.privacyRequest.findFirst({
        where: { id: candidate.id, shop: candidate.shop, status: { in: [...OPEN_STATUSES] }, timeline: { none: { action: "due_soon_notified" } } },
      });
      if (!request) return false;
      // Several app instances may look at once. Only the one whose conditional update still sees
      // the request as read goes on; on PostgreSQL the others wait for its commit, then match nothing.
      const claimed = await tx.privacyRequest.updateMany({
        where: { id: request.id, shop: request.shop, updatedAt: request.updatedAt },
        data: { updatedAt: new Date() },
      });
      if (claimed.count !== 1) return false;
      const mail = await queueNotice(tx, staffDueSoonNotice(settings, request));
      await queueFlowTrigger(tx, "due_soon", request, settings);
      // Recorded even without a staff address, so the notice is not re-evaluated every tick.
      await appendRequestEvent(tx, { shop: request.shop, requestId: request.id, actor: "system", action: "due_soon_notified", detail: { mailed: Boolean(mail) } });
      return true;
    });
    if (done) queued++;
  }
  return queued;
}
