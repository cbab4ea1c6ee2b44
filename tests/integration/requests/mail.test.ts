// Notices as a shopper and staff receive them over a real SMTP server on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus, completeRequest, extendRequestDeadline, refuseRequest } from "../../../app/privacy/requests/lifecycle";
import { queueDueSoonNotices } from "../../../app/privacy/requests/dueSoon";
import { closeMailTransports, deliverDueMail, mailToCopy, markMailSentByHand, MAX_ATTEMPTS, requeueUnsentMail } from "../../../app/privacy/mail/delivery";
import { startSmtpCatcher } from "./smtpCatcher";
import { createDb } from "../../../app/db.factory";

const SHOP = "mail-a.myshopify.com";
const UNCONFIGURED = "mail-b.myshopify.com";
const DAY = 24 * 60 * 60 * 1000;

describe(`notices over SMTP on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "mail");
    smtp = await startSmtpCatcher();
    await database.db.shopSettings.create({
      data: {
        shop: SHOP,
        businessName: "qui pearl project",
        contactEmail: "privacy@quipearl.example",
        staffNotifyEmail: "staff@quipearl.example",
        mailFrom: "desk@quipearl.example",
        smtpHost: "127.0.0.1",
        smtpPort: smtp.port,
        noticeTemplates: JSON.stringify({ decision: { en: { subject: "[{reference}] Custom decision subject" } } }),
      },
    });
    await database.db.shopSettings.create({ data: { shop: UNCONFIGURED, businessName: "No Mail Shop" } });
  });
  afterAll(async () => {
    closeMailTransports();
    await smtp?.close();
    await database?.drop();
  });

  it("delivers the Japanese acknowledgement with the reference and the staff notice", async () => {
    const request = await createPrivacyRequest(
      database.db,
      { shop: SHOP, type: "disclosure", source: "storefront", email: "hanako@example.jp", customerName: "山田 花子 <b>", message: "{reference} <script>" },
      "shopper",
    );
    const report = await deliverDueMail(database.db, { env: {} });
    expect(report.sent).toBe(2);
    const ack = smtp.received.find((mail) => mail.to.includes("hanako@example.jp"));
    expect(ack?.from).toBe("desk@quipearl.example");
    expect(ack?.subject).toBe(`【${request.reference}】個人情報に関するご請求を受け付けました`);
    expect(ack?.text).toContain(`受付番号: ${request.reference}`);
    expect(ack?.text).toContain("保有個人データの開示");
    expect(ack?.text).toContain("手数料はいただきません");
    const staff = smtp.received.find((mail) => mail.to.includes("staff@quipearl.example"));
    expect(staff?.subject).toContain(request.reference);
    expect(staff?.text).not.toContain("hanako");
    expect(await database.db.outboundMail.count({ where: { requestId: request.id, status: "sent" } })).toBe(2);
  });

  it("sends an English decision with the shop's edited subject, and a refusal with its ground and explanation", async () => {
    const db = database.db;
    const english = await createPrivacyRequest(
      db,
      { shop: SHOP, type: "purpose_notice", source: "storefront", language: "en", email: "tom@example.com" },
      "shopper",
    );
    await changeRequestStatus(db, SHOP, english.id, "in_progress", "staff:owner@example.com");
    await completeRequest(db, SHOP, english.id, "staff:owner@example.com", { explanation: "See section 2 of our policy." });
    const refused = await createPrivacyRequest(db, { shop: SHOP, type: "disclosure", source: "storefront", email: "kenji@example.jp" }, "shopper");
    await refuseRequest(db, SHOP, refused.id, "staff:owner@example.com", {
      ground: "identity_not_confirmed",
      explanation: "ご登録のメールアドレスと一致しませんでした。",
    });
    smtp.received.length = 0;
    await deliverDueMail(db, { env: {} });

    const decision = smtp.received.find((mail) => mail.to.includes("tom@example.com") && mail.subject.includes("Custom"));
    expect(decision?.subject).toBe(`[${english.reference}] Custom decision subject`);
    expect(decision?.text).toContain("purposes for which we use personal information");
    expect(decision?.text).toContain("See section 2 of our policy.");
    const refusal = smtp.received.find((mail) => mail.to.includes("kenji@example.jp") && mail.subject.includes("対応について"));
    expect(refusal?.text).toContain("理由: ご本人であることを確認できなかったため");
    expect(refusal?.text).toContain("ご登録のメールアドレスと一致しませんでした。");
  });

  it("tells the person why the deadline moved", async () => {
    const db = database.db;
    const request = await createPrivacyRequest(db, { shop: SHOP, type: "disclosure", source: "storefront", email: "eu@example.com", language: "en", inEu: true }, "shopper");
    await extendRequestDeadline(db, SHOP, request.id, "staff:owner@example.com", { extraDays: 30, reason: "Your orders span ten years of archives." });
    smtp.received.length = 0;
    await deliverDueMail(db, { env: {} });
    const notice = smtp.received.find((mail) => mail.to.includes("eu@example.com") && mail.subject.includes("more time"));
    expect(notice?.subject).toBe(`[${request.reference}] We need more time to answer your request`);
    expect(notice?.text).toContain("Reason: Your orders span ten years of archives.");
  });

  it("retries with backoff when the server refuses, and gives up after the last attempt", async () => {
    const db = database.db;
    const flaky = await startSmtpCatcher({ rejectFirst: 1 });
    try {
      const mail = await db.outboundMail.create({ data: { shop: SHOP, kind: "decision", toAddress: "retry@example.com", subject: "s", body: "b" } });
      const env = { SMTP_URL: flaky.url };
      await db.shopSettings.update({ where: { shop: SHOP }, data: { smtpHost: "" } });
      const now = new Date();
      const first = await deliverDueMail(db, { env, now });
      expect(first.retried).toBe(1);
      const waiting = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(waiting.status).toBe("pending");
      expect(waiting.attempts).toBe(1);
      expect(waiting.lastError).toMatch(/451/);
      expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
      // Not due yet: nothing is sent.
      expect((await deliverDueMail(db, { env, now })).sent).toBe(0);
      const later = new Date(waiting.nextAttemptAt.getTime() + 1);
      expect((await deliverDueMail(db, { env, now: later })).sent).toBe(1);
      expect(flaky.received.map((received) => received.to)).toEqual([["retry@example.com"]]);

      const doomed = await db.outboundMail.create({ data: { shop: SHOP, kind: "decision", toAddress: "doomed@example.com", subject: "s", body: "b", attempts: MAX_ATTEMPTS - 1 } });
      const failing = { SMTP_URL: "smtp://127.0.0.1:9" };
      await deliverDueMail(db, { env: failing, now: later });
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: doomed.id } })).status).toBe("failed");
    } finally {
      await db.shopSettings.update({ where: { shop: SHOP }, data: { smtpHost: "127.0.0.1" } });
      await flaky.close();
    }
  });

  it("keeps mail as unconfigured without SMTP, offers its text to copy, and sends it once configured", async () => {
    const db = database.db;
    const request = await createPrivacyRequest(db, { shop: UNCONFIGURED, type: "inquiry", source: "storefront", email: "nomail@example.com" }, "shopper");
    const report = await deliverDueMail(db, { env: {} });
    expect(report.unconfigured).toBe(1);
    const copy = await mailToCopy(db, UNCONFIGURED, request.id);
    expect(copy).toHaveLength(1);
    expect(copy[0].to).toBe("nomail@example.com");
    expect(copy[0].body).toContain(request.reference);
    expect(await mailToCopy(db, SHOP, request.id)).toEqual([]);

    await db.shopSettings.update({ where: { shop: UNCONFIGURED }, data: { smtpHost: "127.0.0.1", smtpPort: smtp.port } });
    expect(await requeueUnsentMail(db, UNCONFIGURED)).toBe(1);
    smtp.received.length = 0;
    await deliverDueMail(db, { env: {} });
    expect(smtp.received.map((mail) => mail.to[0])).toEqual(["nomail@example.com"]);

    const manual = await db.outboundMail.create({ data: { shop: UNCONFIGURED, kind: "decision", toAddress: "x@example.com", subject: "s", body: "b", status: "unconfigured" } });
    expect(await markMailSentByHand(db, SHOP, manual.id)).toBe(false);
    expect(await markMailSentByHand(db, UNCONFIGURED, manual.id)).toBe(true);
  });

  it("notifies staff once when a request comes due", async () => {
    const db = database.db;
    const receivedAt = new Date(Date.now() - 12 * DAY);
    const request = await createPrivacyRequest(db, { shop: SHOP, type: "correction", source: "staff_phone", phone: "03-0000-0000", receivedAt }, "staff:1");
    const notDueYet = await createPrivacyRequest(db, { shop: SHOP, type: "correction", source: "staff_phone", phone: "03-0000-0001" }, "staff:1");
    await queueDueSoonNotices(db);
    await queueDueSoonNotices(db);
    const notices = await db.outboundMail.findMany({ where: { kind: "staff_due_soon", requestId: { in: [request.id, notDueYet.id] } } });
    expect(notices.map((mail) => mail.requestId)).toEqual([request.id]);
    smtp.received.length = 0;
    await deliverDueMail(db, { env: {} });
    const staff = smtp.received.find((mail) => mail.subject.includes("期限が近い"));
    expect(staff?.to).toEqual(["staff@quipearl.example"]);
    expect(staff?.text).toContain(request.reference);
  });

  it("notifies staff once even when two app instances look at the same moment", async () => {
    const receivedAt = new Date(Date.now() - 12 * DAY);
    const request = await createPrivacyRequest(database.db, { shop: SHOP, type: "inquiry", source: "staff_phone", phone: "03-0000-0002", receivedAt }, "staff:1");
    // On PostgreSQL a second client is a second connection pool, as another instance of the app
    // would have. SQLite suits one instance; two connections in one process would only block
    // each other's synchronous driver, so there the calls share the client.
    const other = database.kind === "postgres" ? createDb(database.target) : database.db;
    try {
      await Promise.all([database.db, other, database.db, other].map((client) => queueDueSoonNotices(client)));
    } finally {
      if (other !== database.db) await other.$disconnect();
    }
    expect(await database.db.outboundMail.count({ where: { kind: "staff_due_soon", requestId: request.id } })).toBe(1);
    expect(await database.db.requestEvent.count({ where: { requestId: request.id, action: "due_soon_notified" } })).toBe(1);
  });

  // Issue 11, point 12, at connect: a host saved before the rule (or whose name now resolves
  // inside) is refused by the mail worker too; nothing reaches the server, the mail waits.
  it("refuses at connection a shop SMTP host in the app's own network unless the sandbox variable allows it", async () => {
    const request = await createPrivacyRequest(database.db, { shop: SHOP, type: "inquiry", source: "staff_email", email: "connect.check@example.jp" }, "staff:1");
    const before = smtp.received.length;
    const allowed = process.env.PRIVACY_DESK_ALLOW_PRIVATE_SMTP;
    delete process.env.PRIVACY_DESK_ALLOW_PRIVATE_SMTP;
    try {
      const report = await deliverDueMail(database.db, { env: {} });
      expect(report.sent).toBe(0);
      expect(smtp.received.length).toBe(before);
      const mail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "acknowledgement" } });
      expect(mail).toMatchObject({ status: "pending", lastError: "SMTP_HOST_REFUSED" });
      await database.db.outboundMail.updateMany({ where: { requestId: request.id }, data: { nextAttemptAt: new Date() } });
    } finally {
      process.env.PRIVACY_DESK_ALLOW_PRIVATE_SMTP = allowed;
    }
    expect((await deliverDueMail(database.db, { env: {} })).sent).toBeGreaterThan(0);
    expect(smtp.received.some((mail) => mail.to.includes("connect.check@example.jp"))).toBe(true);
  });
});
