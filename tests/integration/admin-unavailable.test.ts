// When Shopify cannot confirm the staff member's session (Shopify unreachable, or the app was
// uninstalled and its offline token deleted), the admin answers a designed page in the admin's
// language with a way to retry, never the library's bare 500 ("Handling response").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";

const SHOP = "gone-away.myshopify.com";

describe(`admin without a reachable Shopify on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "adminunavailable");
    // No offline session (as after app/uninstalled) and no Shopify to exchange the session token with.
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const open = async (path: string, locale: string) => {
    const url = embeddedAppUrl(app.url, path, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "77", locale });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    return { status: response.status, html: await response.text() };
  };

  it.each([
    ["ja", "Privacy Desk を開けませんでした", "再読み込み"],
    ["en", "Privacy Desk could not be opened", "Reload"],
  ])("answers 503 with the designed page in %s", async (locale, heading, reload) => {
    for (const path of ["/app", "/app/requests", "/app/settings", "/app/policy", "/app/policy/edit", "/app/records", "/app/consent"]) {
      const { status, html } = await open(path, locale);
      expect(status).toBe(503);
      expect(html).toContain(heading);
      expect(html).toContain(reload);
      expect(html).not.toContain("Handling response");
      expect(html).not.toContain("Unexpected Server Error");
    }
  });

  it("logs the failure without the shop's staff or customers", () => {
    expect(app.output()).toContain("admin.session_unconfirmed");
  });
});
