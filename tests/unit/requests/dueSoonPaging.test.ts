// The due-soon check reads every open request due within the widest window, page by page, so one
// shop's requests outside its own narrow window cannot hide another shop's request from it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { queueDueSoonNotices } from "../../../app/privacy/requests/dueSoon";

const NARROW = "narrow-window.myshopify.com";
const WIDE = "wide-window.myshopify.com";
const DAY = 24 * 60 * 60 * 1000;

describe.each<DatabaseKind>(["sqlite", "postgres"])("due-soon notices across shops on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "due_soon_paging");
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("notifies a wide-window shop's request even when a narrow-window shop's fill the first pages", async () => {
    const db = database.db;
    const now = new Date("2026-12-01T00:00:00Z");
    await db.shopSettings.create({ data: { shop: NARROW, dueSoonDays: 1, staffNotifyEmail: "staff@narrow.example" } });
    await db.shopSettings.create({ data: { shop: WIDE, dueSoonDays: 10, staffNotifyEmail: "staff@wide.example" } });
    const make = async (shop: string, dueInDays: number, phone: string) => {
      const request = await createPrivacyRequest(db, { shop, type: "inquiry", source: "staff_phone", phone, receivedAt: now }, "staff:1");
      await db.privacyRequest.update({ where: { id: request.id }, data: { dueAt: new Date(now.getTime() + dueInDays * DAY) } });
      return request;
    };
    // Five requests due in 5 days: outside the narrow shop's 1-day window, ahead in due order.
    for (let i = 0; i < 5; i++) await make(NARROW, 5, `03-0000-000${i}`);
    const wide = await make(WIDE, 8, "03-1111-0000");

    expect(await queueDueSoonNotices(db, now, 2)).toBe(1);
    const notified = await db.requestEvent.findMany({ where: { action: "due_soon_notified" }, select: { requestId: true } });
    expect(notified.map((event) => event.requestId)).toEqual([wide.id]);
    expect(await db.outboundMail.count({ where: { kind: "staff_due_soon", shop: WIDE } })).toBe(1);
    expect(await db.outboundMail.count({ where: { kind: "staff_due_soon", shop: NARROW } })).toBe(0);
  });
});
