// Every request action against the Admin API stand-in: customer matching, correction, stop use,
// erasure, refusal and the disclosure package of the 600-order customer, with throttled answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { startAdminApiStandIn, MAX_QUERY_COST, type AdminApiStandIn } from "../../support/adminApi";
import { BUSY_CUSTOMER_ID, BUSY_CUSTOMER_ORDERS, DEMO_SHOP, OTHER_SHOP } from "../../support/fixtures";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus, refuseRequest } from "../../../app/privacy/requests/lifecycle";
import { RequestInputError, RequestNotFoundError } from "../../../app/privacy/requests/requestTypes";
import {
  applyCorrection,
  applyStopUse,
  cancelShopifyErasure,
  correctionView,
  recordedErasureSchedule,
  requestShopifyErasure,
  STOP_USE_TAG,
} from "../../../app/privacy/requests/shopifyActions";
import { proposeCustomerMatches } from "../../../app/privacy/identity/customerMatch";
import { disclosureJobStatus, latestDisclosurePackage, runNextDisclosureJob, startDisclosureJob } from "../../../app/privacy/disclosure/disclosureJob";
import { packageCsv, packageHtml } from "../../../app/privacy/disclosure/disclosurePackage";
import type { FixtureCustomer } from "../../support/fixtures";

const STAFF = "staff:owner@quipearl.example";

describe(`request actions against the Admin API stand-in on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let clock = Date.now();
  const sleep = async (ms: number) => {
    clock += ms;
  };

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "actions");
    // A small bucket, so paging 600 orders runs into THROTTLED answers; the fake clock refills it.
    standIn = await startAdminApiStandIn({ bucket: { maximumAvailable: 1000, restoreRate: 50 }, now: () => clock });
  });
  afterAll(async () => {
    await standIn?.close();
    await database?.drop();
  });

  const api = () => standIn.client(DEMO_SHOP);
  const customers = (): FixtureCustomer[] => [...standIn.state.shop(DEMO_SHOP).customers.values()];
  const contactable = () => customers().find((c) => c.id !== BUSY_CUSTOMER_ID && c.email && c.phone)!;

  async function verifiedRequest(type: string, customerId: number, extra: Record<string, unknown> = {}) {
    const request = await createPrivacyRequest(
      database.db,
      {
        shop: DEMO_SHOP,
        type,
        source: "storefront",
        email: `req-${customerId}@example.jp`,
        shopifyCustomerId: String(customerId),
        identity: { method: "shopify_customer_login", verifiedAt: new Date() },
        ...extra,
      },
      "shopper",
    );
    await changeRequestStatus(database.db, DEMO_SHOP, request.id, "in_progress", STAFF);
    return request;
  }

  it("proposes Shopify customers by email, phone and order name", async () => {
    const customer = contactable();
    const order = standIn.state.orders(DEMO_SHOP).find((candidate) => candidate.customerId === customer.id);
    const byEmail = await proposeCustomerMatches(api(), { email: customer.email!, phone: "", orderName: "" }, { sleep });
    expect(byEmail.map((c) => c.customerId)).toEqual([String(customer.id)]);
    expect(byEmail[0].matchedBy).toEqual(["email"]);
    const all = await proposeCustomerMatches(api(), { email: customer.email!, phone: customer.phone!, orderName: order?.name ?? "" }, { sleep });
    expect(all[0].customerId).toBe(String(customer.id));
    expect(all[0].matchedBy).toEqual(order ? ["email", "phone", "order"] : ["email", "phone"]);
    expect(await proposeCustomerMatches(api(), { email: "nobody@nowhere.example", phone: "", orderName: "#999999" }, { sleep })).toEqual([]);
  });

  it("shows current against requested values and applies the correction with customerUpdate", async () => {
    const customer = contactable();
    const request = await verifiedRequest("correction", customer.id, { requestedChanges: { lastName: "真珠", note: "新しいメモ" } });
    const view = await correctionView(database.db, api(), DEMO_SHOP, request.id, { sleep });
    expect(view).toEqual([
      { field: "lastName", current: customer.lastName, requested: "真珠", changed: customer.lastName !== "真珠" },
      { field: "note", current: customer.note, requested: "新しいメモ", changed: true },
    ]);
    const applied = await applyCorrection(database.db, api(), DEMO_SHOP, request.id, STAFF, undefined, { sleep });
    expect(applied).toEqual(["lastName", "note"]);
    const after = standIn.state.customer(DEMO_SHOP, customer.id)!;
    expect(after.lastName).toBe("真珠");
    expect(after.note).toBe("新しいメモ");
    expect(standIn.calls.some((call) => call.operationName === "PrivacyDeskCorrectCustomer")).toBe(true);
    const event = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "correction_applied" } });
    expect(event.actor).toBe(STAFF);
    expect(JSON.parse(event.detail)).toEqual({ fields: ["lastName", "note"] });
  });

  it("stops use: unsubscribes email and SMS, tags the customer and writes the consent ledger", async () => {
    const customer = contactable();
    const request = await verifiedRequest("stop_use", customer.id);
    const outcome = await applyStopUse(database.db, api(), DEMO_SHOP, request.id, STAFF, new Date(), { sleep });
    expect(outcome).toEqual({ email: true, sms: true, tagged: true, ledgerRecords: expect.any(Number) });
    const after = standIn.state.customer(DEMO_SHOP, customer.id)!;
    expect(after.emailMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    expect(after.smsMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");
    expect(after.tags).toContain(STOP_USE_TAG);
    const ledger = await database.db.consentRecord.findMany({ where: { shop: DEMO_SHOP, subjectKey: `customer:${customer.id}`, source: "stop_use_request" } });
    expect(ledger.length).toBe(outcome.ledgerRecords);
    expect(ledger.map((row) => row.kind)).toEqual(expect.arrayContaining(["email_marketing", "sms_marketing"]));
    expect(ledger.every((row) => row.granted === false && row.evidence.includes(request.reference))).toBe(true);
  });

  it("requests erasure with Shopify's six-month hold after the last order, and cancels it", async () => {
    const request = await verifiedRequest("stop_use", BUSY_CUSTOMER_ID);
    const now = new Date();
    const schedule = await requestShopifyErasure(database.db, api(), DEMO_SHOP, request.id, STAFF, now, { sleep });
    expect(standIn.state.customer(DEMO_SHOP, BUSY_CUSTOMER_ID)!.dataErasureRequestedAt).not.toBeNull();
    const lastOrder = standIn.state
      .orders(DEMO_SHOP)
      .filter((order) => order.customerId === BUSY_CUSTOMER_ID)
      .map((order) => new Date(order.createdAt).getTime())
      .reduce((a, b) => Math.max(a, b));
    expect(schedule.lastOrderAt?.getTime()).toBe(lastOrder);
    const sixMonths = new Date(lastOrder);
    sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
    const tenDays = now.getTime() + 10 * 24 * 60 * 60 * 1000;
    // Shopify holds erasure until six months after the last order (10 days after the request otherwise).
    const expected = Math.max(tenDays, sixMonths.getTime());
    expect(schedule.heldForOrders).toBe(sixMonths.getTime() > tenDays);
    expect(Math.abs(schedule.expectedErasureAt.getTime() - expected)).toBeLessThan(3 * 24 * 60 * 60 * 1000);
    expect((await recordedErasureSchedule(database.db, DEMO_SHOP, request.id))?.expectedErasureAt.toISOString()).toBe(schedule.expectedErasureAt.toISOString());
    await expect(requestShopifyErasure(database.db, api(), DEMO_SHOP, request.id, STAFF, now, { sleep })).rejects.toThrow(/already been requested/);

    await cancelShopifyErasure(database.db, api(), DEMO_SHOP, request.id, STAFF, { sleep });
    expect(standIn.state.customer(DEMO_SHOP, BUSY_CUSTOMER_ID)!.dataErasureRequestedAt).toBeNull();
    expect(await recordedErasureSchedule(database.db, DEMO_SHOP, request.id)).toBeNull();
    const actions = (await database.db.requestEvent.findMany({ where: { requestId: request.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["erasure_requested", "erasure_cancelled"]));
  });

  it("builds the disclosure package of the 600-order customer through throttling, in a background job", async () => {
    const db = database.db;
    standIn.state.customer(DEMO_SHOP, BUSY_CUSTOMER_ID)!.note = "<script>alert(1)</script>";
    const request = await verifiedRequest("disclosure", BUSY_CUSTOMER_ID, { deliveryMethod: "paper" });
    const job = await startDisclosureJob(db, DEMO_SHOP, request.id, STAFF);
    expect((await startDisclosureJob(db, DEMO_SHOP, request.id, STAFF)).id).toBe(job.id);
    standIn.state.drain(DEMO_SHOP, 100);
    const callsBefore = standIn.calls.length;

    const progress: number[] = [];
    const finished = await runNextDisclosureJob(db, async (shop) => standIn.client(shop), {
      sleep,
      onCost: () => undefined,
      workerId: "test",
    });
    expect([finished?.status, finished?.lastError]).toEqual(["done", null]);
    expect(finished?.progress).toBe(BUSY_CUSTOMER_ORDERS);
    expect(finished?.total).toBe(BUSY_CUSTOMER_ORDERS);
    progress.push(finished!.progress);

    const calls = standIn.calls.slice(callsBefore);
    expect(calls.some((call) => call.throttled)).toBe(true);
    expect(Math.max(...calls.map((call) => call.cost))).toBeLessThanOrEqual(MAX_QUERY_COST);
    const orderPages = calls.filter((call) => call.operationName === "PrivacyDeskDisclosureOrders" && !call.throttled);
    expect(orderPages.length).toBeGreaterThan(1);

    const status = await disclosureJobStatus(db, DEMO_SHOP, request.id);
    expect(status).toMatchObject({ status: "done", progress: BUSY_CUSTOMER_ORDERS, total: BUSY_CUSTOMER_ORDERS });
    const pkg = (await latestDisclosurePackage(db, DEMO_SHOP, request.id))!;
    expect(pkg.shopify?.orders).toHaveLength(BUSY_CUSTOMER_ORDERS);
    expect(new Set(pkg.shopify!.orders.map((order) => order.id)).size).toBe(BUSY_CUSTOMER_ORDERS);
    const fixtureOrders = standIn.state.orders(DEMO_SHOP).filter((order) => order.customerId === BUSY_CUSTOMER_ID);
    const lines = (name: string) => fixtureOrders.find((order) => order.name === name)!.lineItems.length;
    expect(pkg.shopify!.orders.every((order) => order.lineItems.length === lines(order.name))).toBe(true);
    expect(pkg.shopify!.customer.addresses.length).toBeGreaterThan(0);
    expect(pkg.shopify!.customer.emailMarketingConsent).not.toBeUndefined();
    expect(pkg.appRecords.requests.some((r) => r.reference === request.reference)).toBe(true);
    expect(await latestDisclosurePackage(db, OTHER_SHOP, request.id)).toBeNull();

    const html = packageHtml(pkg);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain("保有個人データ開示のお知らせ");
    expect(html).toContain("書面（郵送）");
    expect(html.match(/<article class="order">/g)).toHaveLength(BUSY_CUSTOMER_ORDERS);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const csv = packageCsv(pkg);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.split("\n").filter((line) => line.startsWith("order,")).length).toBeGreaterThan(BUSY_CUSTOMER_ORDERS);
    const timeline = (await db.requestEvent.findMany({ where: { requestId: request.id } })).map((e) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(["disclosure_started", "disclosure_ready"]));
  });

  it("rides out THROTTLED answers on mutations too", async () => {
    const customer = customers().find((c) => c.id !== BUSY_CUSTOMER_ID && c.email && !c.phone && !c.tags.includes(STOP_USE_TAG))!;
    const request = await verifiedRequest("stop_use", customer.id);
    standIn.state.drain(DEMO_SHOP, 0);
    const callsBefore = standIn.calls.length;
    const outcome = await applyStopUse(database.db, api(), DEMO_SHOP, request.id, STAFF, new Date(), { sleep });
    // No phone: no SMS consent to change, but email and the tag still are.
    expect(outcome).toMatchObject({ email: true, sms: false, tagged: true });
    expect(standIn.calls.slice(callsBefore).some((call) => call.throttled)).toBe(true);
    expect(standIn.state.customer(DEMO_SHOP, customer.id)!.tags).toContain(STOP_USE_TAG);
  });

  it("retries a failing disclosure job and marks it failed on the request after the last attempt", async () => {
    const db = database.db;
    const request = await verifiedRequest("disclosure", contactable().id);
    const job = await startDisclosureJob(db, DEMO_SHOP, request.id, STAFF);
    const broken = async () => {
      throw new Error("no offline session");
    };
    let now = new Date();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const run = await runNextDisclosureJob(db, broken, { now, sleep });
      expect(run?.id).toBe(job.id);
      expect(run?.attempts).toBe(attempt);
      expect(run?.status).toBe(attempt < 3 ? "pending" : "failed");
      now = new Date(run!.nextAttemptAt.getTime() + 1);
    }
    expect(await runNextDisclosureJob(db, broken, { now, sleep })).toBeNull();
    const failedEvent = await db.requestEvent.findFirst({ where: { requestId: request.id, action: "disclosure_failed" } });
    expect(failedEvent).not.toBeNull();
  });

  it("refuses only on a listed ground with an explanation, and changes nothing otherwise", async () => {
    const request = await verifiedRequest("disclosure", contactable().id);
    await expect(refuseRequest(database.db, DEMO_SHOP, request.id, STAFF, { ground: "we_do_not_feel_like_it", explanation: "Because we said so, basically" })).rejects.toThrow(RequestInputError);
    await expect(refuseRequest(database.db, DEMO_SHOP, request.id, STAFF, { ground: "serious_business_disruption", explanation: "" })).rejects.toThrow(/explanation/);
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("in_progress");
    const refused = await refuseRequest(database.db, DEMO_SHOP, request.id, STAFF, { ground: "serious_business_disruption", explanation: "開示には全注文の手作業での照合が必要となるため。" });
    expect(refused).toMatchObject({ status: "refused", refusalGround: "serious_business_disruption" });
    await expect(applyStopUse(database.db, api(), DEMO_SHOP, request.id, STAFF, new Date(), { sleep })).rejects.toThrow(/closed/);
  });

  it("never acts on another shop's request", async () => {
    const request = await verifiedRequest("stop_use", contactable().id);
    const other = standIn.client(OTHER_SHOP);
    const callsBefore = standIn.calls.length;
    await expect(applyStopUse(database.db, other, OTHER_SHOP, request.id, "staff:other", new Date(), { sleep })).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(requestShopifyErasure(database.db, other, OTHER_SHOP, request.id, "staff:other", new Date(), { sleep })).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(applyCorrection(database.db, other, OTHER_SHOP, request.id, "staff:other", { lastName: "x" }, { sleep })).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(startDisclosureJob(database.db, OTHER_SHOP, request.id, "staff:other")).rejects.toBeInstanceOf(RequestNotFoundError);
    await expect(refuseRequest(database.db, OTHER_SHOP, request.id, "staff:other", { ground: "violation_of_other_law", explanation: "An explanation long enough" })).rejects.toBeInstanceOf(RequestNotFoundError);
    expect(standIn.calls.length).toBe(callsBefore);
  });
});
