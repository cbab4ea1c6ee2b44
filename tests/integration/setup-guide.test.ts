// The dashboard's setup guide over HTTP (issue 13, point 10), against the built server: which steps
// the app checks itself (a published policy, mail that can be sent) and which the merchant marks
// (the register only once it holds entries, the theme, the deadlines); marking a step the app
// checks is refused and changes nothing; the test-send button's answers in the admin's language,
// when the server takes the message, refuses the connection, or there is no address to send to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, freePort, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { mintSessionToken } from "../support/sessionToken";
import { startSmtpCatcher } from "./requests/smtpCatcher";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { setupGuide } from "../../app/privacy/desk/setupGuide";
import { loadDeskSettings } from "../../app/privacy/requests/deskSettings";
import { seedShopifyProcessors } from "../../app/privacy/records/processors";
import { translate } from "../../app/i18n";

const FRESH = "guide-fresh.myshopify.com";
const MAIL = "guide-mail.myshopify.com";
const REFUSED = "guide-refused.myshopify.com";
const NO_ADDRESS = "guide-noaddress.myshopify.com";

describe(`setup guide actions on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

  const post = async (shop: string, fields: Record<string, string>) => {
    const response = await fetch(`${app.url}/app.data?index`, {
      method: "POST",
      headers: {
        "User-Agent": BROWSER_UA,
        Authorization: `Bearer ${mintSessionToken({ shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001" })}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields),
    });
    return { status: response.status, text: await response.text() };
  };
  const guide = async (shop: string) => setupGuide(database.db, shop, await loadDeskSettings(database.db, shop));
  const done = async (shop: string) => Object.fromEntries((await guide(shop)).steps.map((step) => [step.id, step.done]));

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "setupguideapi");
    smtp = await startSmtpCatcher();
    const closedPort = await freePort();
    for (const shop of [FRESH, MAIL, REFUSED, NO_ADDRESS]) {
      await database.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") } });
    }
    const mail = { mailFrom: "desk@example.jp", smtpHost: "127.0.0.1" };
    await database.db.shopSettings.create({ data: { shop: MAIL, staffNotifyEmail: "staff@example.jp", ...mail, smtpPort: smtp.port } });
    await database.db.shopSettings.create({ data: { shop: REFUSED, staffNotifyEmail: "staff@example.jp", ...mail, smtpPort: closedPort } });
    await database.db.shopSettings.create({ data: { shop: NO_ADDRESS, ...mail, smtpPort: smtp.port } });
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
    await database?.drop();
  });

  it("marks only the merchant's steps, the register only once it holds entries", async () => {
    expect(await done(FRESH)).toEqual({ policy: false, register: false, theme: false, mail: false, deadlines: false });
    for (const step of ["policy", "mail", "unknown"]) {
      const refused = await post(FRESH, { intent: "setup_mark", step, locale: "ja" });
      expect(refused.status, step).toBe(400);
      expect(refused.text).toContain(translate("ja", "desk.error.invalid_input"));
    }
    expect(await done(FRESH)).toMatchObject({ policy: false, mail: false });

    for (const step of ["register", "theme", "deadlines"]) {
      const marked = await post(FRESH, { intent: "setup_mark", step, locale: "en" });
      expect(marked.status, step).toBe(200);
      expect(marked.text).toContain(translate("en", "desk.setup.marked"));
    }
    // Marked, but an empty register is not one the merchant has reviewed.
    expect(await done(FRESH)).toEqual({ policy: false, register: false, theme: true, mail: false, deadlines: true });
    await seedShopifyProcessors(database.db, FRESH, "system");
    expect(await done(FRESH)).toMatchObject({ register: true });
    await database.db.policyVersion.create({ data: { shop: FRESH, version: 1, content: "{}", contentHash: "x", publishedBy: "staff:9001" } });
    expect(await done(FRESH)).toMatchObject({ policy: true, mail: false });
    expect((await guide(FRESH)).complete).toBe(false);
  });

  it("sends the test message through the shop's server and says so in the admin's language", async () => {
    expect(await done(MAIL)).toMatchObject({ mail: true });
    const sent = await post(MAIL, { intent: "test_mail", locale: "ja" });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain(translate("ja", "desk.setup.mail.sent", { to: "staff@example.jp" }));
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([[["staff@example.jp"], translate("ja", "desk.setup.mail.subject")]]);

    const english = await post(MAIL, { intent: "test_mail", locale: "en" });
    expect(english.text).toContain(translate("en", "desk.setup.mail.sent", { to: "staff@example.jp" }));
    expect(smtp.received.at(-1)!.subject).toBe(translate("en", "desk.setup.mail.subject"));
  });

  it("says the server refused, and where an address is missing, without logging the address", async () => {
    const refused = await post(REFUSED, { intent: "test_mail", locale: "ja" });
    expect(refused.status).toBe(502);
    expect(refused.text).toContain(translate("ja", "desk.setup.mail.failed"));
    expect(app.output()).toContain("mail.test_failed");
    const missing = await post(NO_ADDRESS, { intent: "test_mail", locale: "en" });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain(translate("en", "desk.setup.mail.noAddress"));
    expect(smtp.received.filter((mail) => mail.subject === translate("en", "desk.setup.mail.subject"))).toHaveLength(1);
    expect(app.output()).not.toContain("staff@example.jp");
  });
});
