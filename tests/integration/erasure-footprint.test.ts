// An erasure leaves no trace of what the app's own paths wrote (docs/security.md, "Webhook path
// under attack"). The person's data reaches the database here the way it does in production, not
// seeded: a logged-in shopper files a request through the App Proxy, files another logged out with
// the email in capitals and the phone written differently, looks up its status (rate-limit
// counters on PostgreSQL), Shopify sends a data request and a marketing-consent update. Then
// customers/redact, and every table (inbox payloads, mail bodies, audit details, job input, the
// limiter's rows) and every line the app logged meanwhile is searched for her.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, databaseText, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { compliancePayloads } from "../support/webhooks";
import { deliver, waitForInbox, waitForProcessedLog } from "./webhooks.helpers";

const SHOP = "footprint-shop.myshopify.com";
const HANAKO = { id: 8812345670, email: "hanako.footprint@example.jp", phone: "+81 90 4321 8765", name: "山田 花子", message: "花子の注文履歴と配送先を開示してください" };
// Another customer whose email and phone contain hers: nothing of theirs may go.
const NEIGHBOUR = { id: 88123456701, email: "x.hanako.footprint@example.jp", phone: "+81 90 4321 87650", name: "山田 花代", message: "開示をお願いします" };

describe(`what a customer erasure leaves on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  const db = () => database.db;
  let ip = 1;

  const file = async (fields: Record<string, string>, customerId?: string) => {
    const query = signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET, loggedInCustomerId: customerId });
    const response = await fetch(`${app.url}/proxy/requests?${query}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `198.51.100.${ip++}` },
      body: new URLSearchParams({ locale: "ja", policy_version: "1", type: "disclosure", order: "", delivery: "electronic", consent: "1", website: "", ...fields }).toString(),
    });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    return JSON.parse(text) as { reference: string };
  };

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "footprint");
    await db().policyVersion.create({ data: { shop: SHOP, version: 1, contentHash: "hash-1", content: "{}", publishedAt: new Date(Date.now() - 86_400_000) } });
    app = await startApp({ database, env: { WEBHOOK_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const needles = (person: typeof HANAKO) => [person.email, person.email.toUpperCase(), person.phone, person.phone.replace(/\D/g, ""), person.name, person.message, String(person.id)];
  /** Her data in `text`, once the neighbour's (which contains hers) is blanked out. */
  const traces = (text: string, person: typeof HANAKO) => {
    let rest = text;
    for (const theirs of needles(NEIGHBOUR)) rest = rest.split(theirs).join("");
    return needles(person).filter((needle) => rest.includes(needle));
  };

  it("finds none of her email, phone, name, words or customer id in any table or log line, and leaves her neighbour's rows", async () => {
    for (const person of [HANAKO, NEIGHBOUR]) {
      await file({ name: person.name, email: person.email, phone: person.phone, message: person.message }, String(person.id));
    }
    const { reference } = await file({ name: HANAKO.name, email: HANAKO.email.toUpperCase(), phone: "+81-90-4321-8765", message: HANAKO.message });
    const lookup = await fetch(`${app.url}/proxy/requests/status?${signedProxyQuery({ shop: SHOP, secret: TEST_API_SECRET })}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "198.51.100.200" },
      body: new URLSearchParams({ reference, email: HANAKO.email, locale: "ja" }).toString(),
    });
    await lookup.arrayBuffer();
    expect(lookup.status).toBeLessThan(500);

    const webhooks = [
      { topic: "customers/data_request", payload: compliancePayloads.dataRequest(SHOP, HANAKO) },
      { topic: "customers/data_request", payload: compliancePayloads.dataRequest(SHOP, NEIGHBOUR) },
      {
        topic: "customers_email_marketing_consent/update",
        payload: { customer_id: HANAKO.id, email_address: HANAKO.email, email_marketing_consent: { state: "subscribed", opt_in_level: "single_opt_in", consent_updated_at: "2026-11-01T00:00:00Z" } },
      },
    ];
    for (const { topic, payload } of webhooks) expect((await deliver(app, { topic, shop: SHOP, payload })).status).toBe(200);
    await waitForInbox(db(), webhooks.length);

    const before = await databaseText(database);
    // The test must have written her data first.
    expect(traces(before, HANAKO)).toEqual(expect.arrayContaining([HANAKO.email, HANAKO.name, HANAKO.message, String(HANAKO.id)]));
    const neighbourBefore = await db().privacyRequest.count({ where: { shop: SHOP, email: NEIGHBOUR.email } });
    expect(neighbourBefore).toBe(2);

    expect((await deliver(app, { topic: "customers/redact", shop: SHOP, payload: compliancePayloads.customerRedact(SHOP, HANAKO) })).status).toBe(200);
    await waitForInbox(db());
    await waitForProcessedLog(app, "customers/redact", 1);

    expect(traces(await databaseText(database), HANAKO)).toEqual([]);
    expect(traces(app.output(), HANAKO)).toEqual([]);
    expect(await db().privacyRequest.count({ where: { shop: SHOP, email: NEIGHBOUR.email, redacted: false } })).toBe(neighbourBefore);
    expect(await db().consentRecord.count({ where: { shop: SHOP, shopifyCustomerId: String(NEIGHBOUR.id) } })).toBeGreaterThan(0);
    expect(await db().outboundMail.count({ where: { shop: SHOP, toAddress: NEIGHBOUR.email } })).toBeGreaterThan(0);
  });
});
