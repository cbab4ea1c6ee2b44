// Identity checks that need only the database: staff match and one-time email links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentText } from "../../support/mail";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus } from "../../../app/privacy/requests/lifecycle";
import { RequestNotFoundError } from "../../../app/privacy/requests/requestTypes";
import { confirmCustomerMatch, loggedInCustomerIdentity } from "../../../app/privacy/identity/customerMatch";
import { confirmIdentityByToken, hashIdentityToken, sendIdentityLink } from "../../../app/privacy/identity/emailLink";
import { deliverDueMail, mailToCopy } from "../../../app/privacy/mail/delivery";
import { noticesForRequest } from "../../../app/privacy/desk/requestNotices";

const SHOP = "identity-a.myshopify.com";
const OTHER = "identity-b.myshopify.com";

describe(`identity checks on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(undefined, "identity");
  });
  afterAll(async () => {
    await database?.drop();
  });

  const newRequest = (email = "shopper@example.jp") =>
    createPrivacyRequest(database.db, { shop: SHOP, type: "disclosure", source: "storefront", email }, "shopper");

  it("verifies a logged-in customer's request at intake", async () => {
    const request = await createPrivacyRequest(
      database.db,
      { shop: SHOP, type: "disclosure", source: "storefront", email: "in@example.jp", ...loggedInCustomerIdentity("1001", new Date("2026-01-01T00:00:00Z")) },
      "shopper",
    );
    expect(request.identityStatus).toBe("verified");
    expect(request.identityMethod).toBe("shopify_customer_login");
    expect(request.shopifyCustomerId).toBe("1001");
    expect(() => loggedInCustomerIdentity("not-a-number")).toThrow();
  });

  it("records who confirmed a customer match and when, only within the shop", async () => {
    const request = await newRequest();
    const at = new Date("2026-02-02T02:02:02Z");
    await expect(confirmCustomerMatch(database.db, OTHER, request.id, "1002", "staff:other", at)).rejects.toBeInstanceOf(RequestNotFoundError);
    const matched = await confirmCustomerMatch(database.db, SHOP, request.id, "gid://shopify/Customer/1002", "staff:42", at);
    expect(matched).toMatchObject({ shopifyCustomerId: "1002", identityStatus: "verified", identityMethod: "staff_match", identityVerifiedBy: "staff:42" });
    expect(matched.identityVerifiedAt?.toISOString()).toBe(at.toISOString());
    const event = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "customer_match_confirmed" } });
    expect(event.actor).toBe("staff:42");
    // Identity verified, so work on the request started: recorded as an automatic move by the same person.
    expect(matched.status).toBe("in_progress");
    const moved = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "status_changed" } });
    expect(moved.actor).toBe("staff:42");
    expect(JSON.parse(moved.detail)).toEqual({ from: "received", to: "in_progress", automatic: true });
  });

  it("mails a one-time link whose token is stored only hashed, and confirms identity once", async () => {
    const db = database.db;
    const request = await newRequest("link@example.jp");
    await expect(changeRequestStatus(db, SHOP, request.id, "in_progress", "staff:1")).rejects.toThrow(/identity must be verified/);
    const now = new Date();
    await sendIdentityLink(db, SHOP, request.id, "staff:1", { now, verifyUrl: "https://shop.example/apps/privacy/verify" });
    const mail = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "identity_link" } });
    expect(mail.toAddress).toBe("link@example.jp");
    const token = new URL(/https:\/\/\S+/.exec(await sentText(db, mail.id))![0]).searchParams.get("token")!;
    expect(token.length).toBeGreaterThanOrEqual(40);
    const stored = await db.identityToken.findFirstOrThrow({ where: { requestId: request.id } });
    expect(stored.tokenHash).toBe(hashIdentityToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).identityStatus).toBe("pending_link");

    expect(await confirmIdentityByToken(db, OTHER, token)).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmIdentityByToken(db, SHOP, token + "x")).toEqual({ ok: false, reason: "invalid" });
    const [first, second] = await Promise.all([confirmIdentityByToken(db, SHOP, token), confirmIdentityByToken(db, SHOP, token)].map((p) => p.catch(() => ({ ok: false }))));
    expect([first.ok, second.ok].filter(Boolean)).toHaveLength(1);
    expect(await confirmIdentityByToken(db, SHOP, token)).toEqual({ ok: false, reason: "used" });
    const verified = await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(verified).toMatchObject({ identityStatus: "verified", identityMethod: "email_link", identityVerifiedBy: "shopper", status: "in_progress" });
    const moved = await db.requestEvent.findMany({ where: { requestId: request.id, action: "status_changed" } });
    expect(moved.map((event) => [event.actor, JSON.parse(event.detail).automatic])).toEqual([["system", true]]);
  });

  it("refuses expired links and replaces earlier links when a new one is sent", async () => {
    const db = database.db;
    const request = await newRequest("expire@example.jp");
    const sentAt = new Date(Date.now() - 100 * 60 * 60 * 1000);
    await sendIdentityLink(db, SHOP, request.id, "staff:1", { now: sentAt });
    const firstMail = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "identity_link" } });
    const oldToken = new URL(/https:\/\/\S+/.exec(await sentText(db, firstMail.id))![0]).searchParams.get("token")!;
    expect(await sentText(db, firstMail.id)).toContain(`https://${SHOP}/apps/privacy/verify?token=`);
    expect(await confirmIdentityByToken(db, SHOP, oldToken)).toEqual({ ok: false, reason: "expired" });
    await sendIdentityLink(db, SHOP, request.id, "staff:1");
    const mails = await db.outboundMail.findMany({ where: { requestId: request.id, kind: "identity_link" }, orderBy: { createdAt: "asc" } });
    const newToken = new URL(/https:\/\/\S+/.exec(await sentText(db, mails[1].id))![0]).searchParams.get("token")!;
    expect((await confirmIdentityByToken(db, SHOP, newToken)).ok).toBe(true);
  });

  // Issue 11, point 11: the token is never stored readable. The outbox keeps the link sealed, the
  // mail carries it, sending clears it, and the desk shows the mail without it.
  it("keeps the identity link's token out of every stored column and every staff view, and sends it once", async () => {
    const db = database.db;
    const request = await newRequest("sealed@example.jp");
    await sendIdentityLink(db, SHOP, request.id, "staff:1");
    const mail = await db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "identity_link" }, omit: { sealedLinks: false } });
    const token = new URL(/https:\/\/\S+/.exec(await sentText(db, mail.id))![0]).searchParams.get("token")!;
    expect(JSON.stringify(mail)).not.toContain(token);
    expect(mail.sealedLinks).toBeTruthy();
    for (const view of [
      JSON.stringify(await noticesForRequest(db, SHOP, request.id, () => "(withheld)")),
      JSON.stringify(await mailToCopy(db, SHOP, request.id)),
      JSON.stringify(await db.outboundMail.findMany({ where: { requestId: request.id } })),
    ]) {
      expect(view).not.toContain(token);
      expect(view).not.toContain(mail.sealedLinks!);
    }
    expect(JSON.stringify(await noticesForRequest(db, SHOP, request.id, () => "(withheld)"))).toContain("(withheld)");

    const sent: string[] = [];
    await deliverDueMail(db, { env: { SMTP_URL: "smtp://127.0.0.1:1" }, send: async (_config, message) => void sent.push(message.text) });
    expect(sent.filter((text) => text.includes(`verify?token=${token}`))).toHaveLength(1);
    const after = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id }, select: { status: true, sealedLinks: true, body: true } });
    expect(after).toMatchObject({ status: "sent", sealedLinks: null });
    expect(after.body).not.toContain(token);
  });
});
