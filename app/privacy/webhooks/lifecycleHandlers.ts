// Effects of the app's lifecycle and compliance webhooks (customers/data_request lives with the
// requests desk integration in dataRequestHandler.ts).
import { directSql } from "../../db.directSql";
import { eraseCustomer, eraseCustomers, eraseShop, reclaimErasedSpace, shopErasureTables } from "../erasure";
import { registerTopicHandler } from "./topicHandlers";

interface RedactPayload {
  customer: { id?: number | string | null; email?: string | null; phone?: string | null };
}

// One function per kind, so a batch of erasures reclaims space once (the worker de-duplicates hooks).
// The database is the client's own (not DATABASE_URL's): a test or tool may hand the worker another.
const reclaimAfterCustomerErasure = (db: Parameters<typeof reclaimErasedSpace>[0]) => reclaimErasedSpace(db, directSql(db).provider);
const reclaimAfterShopErasure = (db: Parameters<typeof reclaimErasedSpace>[0]) => reclaimErasedSpace(db, directSql(db).provider, shopErasureTables());

const redactSubject = (payload: unknown) => {
  const { customer } = payload as RedactPayload;
  return { customerId: customer.id, email: customer.email, phone: customer.phone };
};

// A backlog's erasures of one shop go together: one set of indexed statements for all their keys,
// so many redacts of one customer cost one erasure, and still one receipt each (eraseCustomers).
registerTopicHandler("customers/redact", async (tx, event) => void (await eraseCustomer(tx, event.shop, redactSubject(event.payload))), {
  afterCommit: reclaimAfterCustomerErasure,
  batch: async (tx, events) => void (await eraseCustomers(tx, events[0].shop, events.map((event) => redactSubject(event.payload)))),
});

registerTopicHandler("shop/redact", async (tx, event) => void (await eraseShop(tx, event.shop)), { afterCommit: reclaimAfterShopErasure });

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
