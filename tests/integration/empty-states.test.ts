// A new shop's pages each say what is empty there and what to do next, in the admin's language:
// no page falls back to a shared "nothing here" or to a bare empty table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { translate, type Locale } from "../../app/i18n";

const SHOP = "empty-states.myshopify.com";

describe(`a new shop's empty pages on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "emptystates");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const open = async (path: string, locale: Locale) => {
    const url = embeddedAppUrl(app.url, path, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "77", locale });
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status, path).toBe(200);
    return response.text();
  };

  const pages = [
    ["/app", "desk.dashboard.emptyHeading"],
    ["/app/requests", "desk.list.emptyHeading"],
    ["/app/consent", "consent.empty.heading"],
    ["/app/policy", "policy.empty.heading"],
    ["/app/records?tab=provided", "records.provision.empty.heading"],
    ["/app/records?tab=received", "records.received.empty.heading"],
    ["/app/records?tab=processors", "records.processors.empty.heading"],
    ["/app/records?tab=breaches", "records.breaches.empty.heading"],
    ["/app/events", "webhooks.events.empty.heading"],
  ] as const;

  it.each(["ja", "en"] as const)("shows each page's own empty state in %s", async (locale) => {
    const headings = new Set<string>();
    for (const [path, key] of pages) {
      const html = await open(path, locale);
      const heading = translate(locale, key);
      expect(html, path).toContain(heading);
      // Polaris' empty state with the app's own illustration, not a blank pixel.
      expect(html, path).toContain("Polaris-EmptyState");
      expect(html, path).toContain("/illustrations/empty-state.svg");
      headings.add(heading);
    }
    expect(headings.size).toBe(pages.length);
  });
});
