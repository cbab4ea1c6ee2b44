// Effects of the app's lifecycle and compliance webhooks (customers/data_request lives with the
// requests desk integration in dataRequestHandler.ts).
import { directSql } from "../../db.directSql";
import type { Db } from "../../db.factory";
import { ERASURE_TABLES, checkErasureSubject, eraseCustomer, eraseCustomers, eraseShop, reclaimErasedSpace, shopErasureTables } from "../erasure";
import { ReclaimLater } from "../reclaimLater";
import { shopHash } from "../keyedHash";
import { registerTopicHandler } from "./topicHandlers";

interface RedactPayload {
  customer: { id?: number | string | null; email?: string | null; phone?: string | null };
}

/** PostgreSQL's VACUUM after erasures, at most once per interval (reclaimLater.ts). */
export const postgresReclaim = new ReclaimLater((db, tables) => reclaimErasedSpace(db, "postgresql", tables));

/**
 * After an erasure commits: SQLite's truncating checkpoint at once (cheap, bounded by the batch's
 * pages), PostgreSQL's VACUUM on the timer. The database is the client's own (not DATABASE_URL's):
 * a test or tool may hand the worker another.
 */
function reclaimAfter(tables: readonly string[]) {
  return async (db: Db) => {
    if (directSql(db).provider === "sqlite") await reclaimErasedSpace(db, "sqlite", tables);
    else postgresReclaim.schedule(db, tables);
  };
}

// One function per kind, so a batch of erasures reclaims space once (the worker de-duplicates hooks).
const reclaimAfterCustomerErasure = reclaimAfter(ERASURE_TABLES);
const reclaimAfterShopErasure = reclaimAfter(shopErasureTables());

const redactSubject = (payload: unknown) => {
  const { customer } = payload as RedactPayload;
  return { customerId: customer.id, email: customer.email, phone: customer.phone };
};

// A backlog's erasures of one shop go together: one set of indexed statements for all their keys,
// so many redacts of one customer cost one erasure, and still one receipt each (eraseCustomers).
registerTopicHandler("customers/redact", async (tx, event) => void (await eraseCustomer(tx, event.shop, redactSubject(event.payload))), {
  afterCommit: reclaimAfterCustomerErasure,
  batch: async (tx, events) => void (await eraseCustomers(tx, events[0].shop, events.map((event) => redactSubject(event.payload)))),
  // A payload without a customer, or one naming no one, fails alone instead of its shop's batch.
  check: (event) => checkErasureSubject(event.shop, redactSubject(event.payload)),
});

// Shopify sends shop/redact 48 h after app/uninstalled, which deletes the shop's sessions. A shop
// that holds an offline session has the app installed (again): its shop/redact is a replay of a
// captured delivery (its body, and so its signature, is the same every time) or one overtaken by a
// reinstall, and erasing would destroy the records a working shop must keep. It is refused, with a
// receipt that says so.
registerTopicHandler(
  "shop/redact",
  async (tx, event) => {
    if ((await tx.session.count({ where: { shop: event.shop, isOnline: false } })) > 0) {
      await tx.erasureReceipt.create({ data: { shopHash: shopHash(event.shop), kind: "shop_redact", outcome: "refused_installed", performedAt: new Date() } });
      return;
    }
    await eraseShop(tx, event.shop);
  },
  { afterCommit: reclaimAfterShopErasure },
);

registerTopicHandler("app/uninstalled", async (tx, event) => {
  await tx.session.deleteMany({ where: { shop: event.shop } });
  await tx.shop.upsert({
    where: { domain: event.shop },
    create: { domain: event.shop, status: "uninstalled", uninstalledAt: event.receivedAt },
    update: { status: "uninstalled", uninstalledAt: event.receivedAt },
  });
});

registerTopicHandler("app/scopes_update", async (tx, event) => {
  const scopes = (event.payload as { current: string[] }).current.join(",");
  await tx.shop.upsert({ where: { domain: event.shop }, create: { domain: event.shop, scopes }, update: { scopes } });
  // The stored sessions must agree with what the shop granted, or the library asks to re-authorise.
  await tx.session.updateMany({ where: { shop: event.shop }, data: { scope: scopes } });
});
