// The request page's HTTP actions as the page posts them (Bearer session token, intents), against
// the built server and the Admin API stand-in: correction, stop use, erasure request and cancel
// change Shopify's state and record the staff actor; refusals carry the domain's stable code; the
// page shows the expected erasure date before erasure is asked for; the downloads it offers answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, FIXTURE_ACCESS_TOKEN, type FixtureCustomer } from "../support/fixtures";
import { embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest, erasureSchedule, STOP_USE_TAG } from "../../app/privacy/requests";
import { STOP_USE_KINDS } from "../../app/privacy/consent/stopUse";
import { formatDate } from "../../app/components/desk/format";
import { eraseCustomer } from "../../app/privacy/erasure";
import { translate, type MessageKey } from "../../app/i18n";
import { visibleText } from "../support/languageCheck";

const STAFF_USER = "7007";
const ACTOR = `staff:${STAFF_USER}`;

describe(`request page actions over HTTP on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;

  const token = () => mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: STAFF_USER });
  const headers = () => ({ "User-Agent": BROWSER_UA, Authorization: `Bearer ${token()}` });
  const post = async (id: string, fields: Record<string, string>) => {
    const response = await fetch(`${app.url}/app/requests/${id}`, {
      method: "POST",
      headers: { ...headers(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, text: await response.text() };
  };
  const page = async (id: string) => {
    const url = embeddedAppUrl(app.url, `/app/requests/${id}`, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: STAFF_USER, locale: "ja" });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBe(200);
    return response.text();
  };
  const customers = (): FixtureCustomer[] => [...standIn.state.shop(DEMO_SHOP).customers.values()];
  const events = (requestId: string, action: string) => database.db.requestEvent.findMany({ where: { shop: DEMO_SHOP, requestId, action } });

  async function linkedRequest(type: string, customerId: number, extra: Record<string, unknown> = {}) {
    return createPrivacyRequest(
      database.db,
      {
        shop: DEMO_SHOP,
        type: type as "stop_use",
        source: "shopify",
        email: `desk-detail-${customerId}@example.jp`,
        shopifyCustomerId: String(customerId),
        identity: { method: "shopify_customer_login", verifiedAt: new Date() },
        ...extra,
      },
      "test",
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "deskdetail");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("applies a correction with customerUpdate, starting work on the verified request; refuses it before identity is verified with a stable code", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID && c.lastName)!;
    const before = customer.lastName;
    const unverified = await createPrivacyRequest(
      database.db,
      { shop: DEMO_SHOP, type: "correction", source: "storefront", email: "desk-detail-unverified@example.jp", requestedChanges: { lastName: "訂正後" } },
      "test",
    );
    const early = await post(unverified.id, { intent: "correction" });
    expect(early.status).toBe(400);
    expect(early.text).toContain("identity_required");
    expect(standIn.state.customer(DEMO_SHOP, customer.id)!.lastName).toBe(before);

    const request = await linkedRequest("correction", customer.id, { requestedChanges: { lastName: "訂正後" } });
    expect(request.status).toBe("received");
    const applied = await post(request.id, { intent: "correction" });
    expect(applied.status).toBe(200);
    expect(standIn.state.customer(DEMO_SHOP, customer.id)!.lastName).toBe("訂正後");
    const recorded = await events(request.id, "correction_applied");
    expect(recorded.map((event) => event.actor)).toEqual([ACTOR]);
    // Correcting is working on it: the request moved to in progress, recorded as automatic.
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("in_progress");
    const moved = await events(request.id, "status_changed");
    expect(moved.map((event) => JSON.parse(event.detail))).toEqual([{ from: "received", to: "in_progress", automatic: true }]);
  });

  it("stops use: unsubscribes email and SMS, tags the customer and adds the ledger rows, as the staff member", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID && c.email && c.phone && !c.tags.includes(STOP_USE_TAG))!;
    const request = await linkedRequest("stop_use", customer.id);
    const answer = await post(request.id, { intent: "stop_use" });
    expect(answer.status).toBe(200);

    const after = standIn.state.customer(DEMO_SHOP, customer.id)!;
    expect(after.emailMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    expect(after.smsMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    expect(after.tags).toContain(STOP_USE_TAG);
    const ledger = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey: `customer:${customer.id}`, source: "stop_use_request" } });
    expect(ledger.map((row) => row.kind).sort()).toEqual([...STOP_USE_KINDS].sort());
    expect(ledger.every((row) => row.granted === false)).toBe(true);
    expect((await events(request.id, "stop_use_applied")).map((event) => event.actor)).toEqual([ACTOR]);
  });

  it("shows the expected erasure date before erasure is requested, then requests and cancels it in Shopify", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID && c.orderCount > 0 && !c.dataErasureRequestedAt)!;
    const request = await linkedRequest("stop_use", customer.id);
    const lastOrder = standIn.state
      .orders(DEMO_SHOP)
      .filter((order) => order.customerId === customer.id)
      .map((order) => new Date(order.createdAt))
      .sort((a, b) => b.getTime() - a.getTime())[0]!;
    const projected = erasureSchedule(new Date(), lastOrder);

    const before = await page(request.id);
    expect(before).toContain(`今日依頼した場合の削除予定日: ${formatDate(projected.expectedErasureAt, "ja")}`);
    expect(before).toContain("最後の注文から6か月が経過するまでは");
    expect(before).toContain(formatDate(lastOrder, "ja"));

    expect((await post(request.id, { intent: "erasure" })).status).toBe(200);
    expect(standIn.state.customer(DEMO_SHOP, customer.id)!.dataErasureRequestedAt).not.toBeNull();
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).erasureRequestedAt).not.toBeNull();
    expect((await events(request.id, "erasure_requested")).map((event) => event.actor)).toEqual([ACTOR]);
    const requested = await page(request.id);
    expect(requested).toContain(`削除予定日: ${formatDate(projected.expectedErasureAt, "ja")}`);

    const again = await post(request.id, { intent: "erasure" });
    expect(again.status).toBe(400);
    expect(again.text).toContain("erasure_already_requested");

    expect((await post(request.id, { intent: "cancel_erasure" })).status).toBe(200);
    expect(standIn.state.customer(DEMO_SHOP, customer.id)!.dataErasureRequestedAt).toBeNull();
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).erasureRequestedAt).toBeNull();
    expect((await events(request.id, "erasure_cancelled")).map((event) => event.actor)).toEqual([ACTOR]);
  });

  it("refuses a Shopify action before identity with the identity_required code, and the page names the verification method", async () => {
    const unverified = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "stop_use", source: "staff_phone", email: "desk-detail-unverified@example.jp" }, "test");
    const refused = await post(unverified.id, { intent: "stop_use" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("identity_required");

    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID)!;
    const verified = await linkedRequest("inquiry", customer.id);
    const html = await page(verified.id);
    expect(html).toContain("Shopify のお客様アカウントでのログインで確認");
    expect(html).not.toContain("shopify_customer_loginで確認");
    expect(html).not.toContain("、）");
  });

  it("offers the linked customer's data and the provision records as downloads that answer with the session token", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID)!;
    const request = await linkedRequest("provision_records", customer.id);
    const html = await page(request.id);
    expect(html).toContain("このお客様について保持しているデータ");
    expect(html).toContain("第三者提供記録の開示");

    const json = await fetch(`${app.url}/app/customer-data/${customer.id}?format=json`, { headers: headers() });
    expect(json.status).toBe(200);
    expect(await json.text()).toContain(request.reference);
    const csv = await fetch(`${app.url}/app/customer-data/${customer.id}?format=csv`, { headers: headers() });
    expect(csv.headers.get("content-disposition")).toContain(`customer-${customer.id}-data.csv`);
    // Without the token (a plain link inside the iframe) the download does not answer with data.
    const bare = await fetch(`${app.url}/app/customer-data/${customer.id}?format=json`, { headers: { "User-Agent": BROWSER_UA }, redirect: "manual" });
    expect(bare.status).not.toBe(200);

    for (const format of ["json", "csv", "html"]) {
      const answer = await fetch(`${app.url}/app/records/provision-disclosure/${request.id}?format=${format}&lang=en`, { headers: headers() });
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-disposition")).toBeTruthy();
    }
  });

  it("refuses only on a ground that fits the request: a correction takes 34's, an inquiry none", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID)!;
    const correction = await linkedRequest("correction", customer.id);
    const wrong = await post(correction.id, { intent: "refuse", ground: "serious_business_disruption", explanation: "業務に支障があるためです。" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("ground_not_for_type");
    const right = await post(correction.id, { intent: "refuse", ground: "outside_purpose", explanation: "ご注文の発送に必要な範囲を超えています。" });
    expect(right.status).toBe(200);
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: correction.id } })).refusalGround).toBe("outside_purpose");

    const inquiry = await linkedRequest("inquiry", customer.id);
    const refused = await post(inquiry.id, { intent: "refuse", ground: "identity_not_confirmed", explanation: "ご本人確認ができませんでした。" });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("not_refusable");
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: inquiry.id } })).status).toBe("received");
  });

  // Point 8: each state offers only what it allows (app/privacy/requests/requestOffer.ts).
  it("offers after completion only the downloads and the record, never building, stopping, erasing or cancelling again", async () => {
    const ja = (key: MessageKey) => translate("ja", key);
    const offered = async (id: string) => visibleText(await page(id));
    const [first, second] = customers().filter((c) => c.id !== BUSY_CUSTOMER_ID && !c.dataErasureRequestedAt && c.email);

    const disclosure = await linkedRequest("disclosure", first.id);
    const working = await page(disclosure.id);
    expect(visibleText(working)).toContain(ja("desk.detail.buildPackage"));
    for (const modal of ["move-status", "extend", "refuse", "withdraw", "build-package"]) expect(working, modal).toContain(`id="${modal}"`);
    expect((await post(disclosure.id, { intent: "disclosure" })).status).toBe(200);
    await expect.poll(async () => (await database.db.job.findFirst({ where: { requestId: disclosure.id } }))?.status, { timeout: 20_000, interval: 250 }).toBe("done");
    const built = await offered(disclosure.id);
    expect(built).toContain(ja("desk.detail.rebuildPackage"));
    expect(built).toContain(ja("desk.detail.complete"));
    expect((await post(disclosure.id, { intent: "complete" })).status).toBe(200);
    const completedHtml = await page(disclosure.id);
    const completed = visibleText(completedHtml);
    for (const key of ["desk.detail.buildPackage", "desk.detail.rebuildPackage", "desk.detail.extend", "desk.detail.complete", "desk.detail.refuse", "desk.detail.withdraw"] as const) {
      expect(completed, key).not.toContain(ja(key));
    }
    // Each action is a button with its confirmation modal (ConfirmAction); none of them is on the page.
    for (const modal of ["move-status", "extend", "complete", "refuse", "withdraw", "build-package"]) expect(completedHtml, modal).not.toContain(`id="${modal}"`);
    expect(completed).toContain(ja("desk.detail.downloadJson"));
    expect(completed).toContain(ja("desk.detail.printable"));
    expect(completed).toContain(ja("desk.detail.closedOn").split("{date}")[1]);
    // A stale page's button answers with a code the page says in words, and nothing is built.
    const stale = await post(disclosure.id, { intent: "disclosure" });
    expect(stale.status).toBe(400);
    expect(await database.db.job.count({ where: { requestId: disclosure.id } })).toBe(1);

    const stopUse = await linkedRequest("stop_use", second.id);
    expect((await post(stopUse.id, { intent: "erasure" })).status).toBe(200);
    const requested = await offered(stopUse.id);
    expect(requested).toContain(ja("desk.detail.cancelErasure"));
    expect(requested).not.toContain(ja("desk.detail.requestErasure"));
    expect((await post(stopUse.id, { intent: "complete" })).status).toBe(200);
    const closed = await offered(stopUse.id);
    expect(closed).toContain(ja("desk.detail.erasureCard"));
    for (const key of ["desk.detail.cancelErasure", "desk.detail.requestErasure", "desk.detail.applyStopUse"] as const) expect(closed, key).not.toContain(ja(key));
    // Cancelling is refused as the page no longer offers it: Shopify's erasure stays requested.
    expect((await post(stopUse.id, { intent: "cancel_erasure" })).status).toBe(400);
    expect(standIn.state.customer(DEMO_SHOP, second.id)!.dataErasureRequestedAt).not.toBeNull();
  });

  it("shows a request closed by Shopify's erasure as closed by it, with no badge or action that says otherwise", async () => {
    const ja = (key: MessageKey) => translate("ja", key);
    const customer = customers().filter((c) => c.id !== BUSY_CUSTOMER_ID && c.email).at(-1)!;
    const request = await linkedRequest("correction", customer.id, { requestedChanges: { lastName: "訂正後" } });
    await database.db.$transaction((tx) => eraseCustomer(tx as never, DEMO_SHOP, { customerId: customer.id, email: customer.email!, phone: customer.phone ?? null }));
    const html = await page(request.id);
    const text = visibleText(html);
    for (const modal of ["move-status", "extend", "refuse", "withdraw", "add-note", "apply-correction", "send-link"]) expect(html, modal).not.toContain(`id="${modal}"`);
    expect(text).toContain(ja("desk.detail.statusErased"));
    expect(text).toContain(ja("desk.detail.closedByErasure").split("{date}")[1]);
    expect(text).toContain(ja("desk.timeline.reason.shopify_customer_redact"));
    for (const key of ["desk.identity.verified", "desk.detail.addNote", "desk.detail.notes", "desk.detail.correctionCard", "desk.detail.findMatches", "desk.detail.openInShopify", "desk.detail.applyCorrection"] as const) {
      expect(text, key).not.toContain(ja(key));
    }
    expect(text).not.toMatch(new RegExp(ja("desk.detail.due").replace("{date}", ".*")));
    const note = await post(request.id, { intent: "note", note: "電話で山田様と話しました" });
    expect(note.status).toBe(400);
    expect(note.text).toContain("request_erased");
    expect(await events(request.id, "note_added")).toEqual([]);
  });
});
