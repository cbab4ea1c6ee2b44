// The desk leads the work (issue 13, point 8), in Chromium against the built server and the Admin
// API stand-in: the status dialog proposes the usual next step; confirming the customer match
// verifies identity and starts work by itself; the linked customer is named and opens in Shopify
// admin; completing is offered once an inquiry is being answered; a request closed by Shopify's
// erasure says so and offers nothing that contradicts it; staff pick a customer by name (point 10). Screenshots in ja and en and at 390×844.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { createTestDatabase, outputDir, type TestDatabase } from "../support/database";
import { startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { embeddedAppUrl } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { changeRequestStatus, completeRequest, createPrivacyRequest } from "../../app/privacy/requests";
import { runNextDisclosureJob, startDisclosureJob } from "../../app/privacy/disclosure/disclosureJob";
import { translate } from "../../app/i18n";
import { eraseCustomer } from "../../app/privacy/erasure";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { launchChromium, openEmbeddedAdminPage } from "../support/browser";

const SHOP = DEMO_SHOP;
const screenshots = path.join(outputDir, "screenshots");

describe("the desk leads the workflow in the browser", () => {
  let database: TestDatabase;
  let app: RunningApp;
  let browser: Browser;
  let standIn: AdminApiStandIn;
  const problems: string[] = [];
  const ids: Record<string, string> = {};
  let picked: Record<"ja" | "en", { id: number; firstName: string; lastName: string; email: string | null }>;

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    database = await createTestDatabase("sqlite", "deskworkflow");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    const customers = [...standIn.state.shop(SHOP).customers.values()].filter((customer) => customer.id !== BUSY_CUSTOMER_ID && customer.email);
    const db = database.db;
    for (const locale of ["ja", "en"] as const) {
      const customer = customers[locale === "ja" ? 0 : 1];
      const disclosure = await createPrivacyRequest(
        db,
        { shop: SHOP, type: "disclosure", source: "storefront", customerName: `${customer.lastName} ${customer.firstName}`, email: customer.email!, language: locale },
        "shopper",
      );
      ids[`disclosure-${locale}`] = disclosure.id;
      const inquiry = await createPrivacyRequest(db, { shop: SHOP, type: "inquiry", source: "staff_email", customerName: "高橋 美咲", email: `inquiry-${locale}@example.jp` }, "staff:9001");
      await changeRequestStatus(db, SHOP, inquiry.id, "in_progress", "staff:9001");
      ids[`inquiry-${locale}`] = inquiry.id;
      const erased = customers[locale === "ja" ? 2 : 3];
      const gone = await createPrivacyRequest(
        db,
        { shop: SHOP, type: "stop_use", source: "storefront", email: erased.email!, shopifyCustomerId: String(erased.id), identity: { method: "shopify_customer_login", verifiedAt: new Date() } },
        "shopper",
      );
      await db.$transaction((tx) => eraseCustomer(tx as never, SHOP, { customerId: erased.id, email: erased.email!, phone: erased.phone ?? null }));
      ids[`erased-${locale}`] = gone.id;
      // Filed with an address Shopify does not know: staff find the person with the customer picker.
      const unknown = await createPrivacyRequest(db, { shop: SHOP, type: "disclosure", source: "staff_post", customerName: "旧姓の方", email: `old-address-${locale}@example.jp`, language: locale }, "staff:9001");
      ids[`pick-${locale}`] = unknown.id;
      // Disclosed and completed: the package stays downloadable, nothing is offered to build it again.
      const done = customers[locale === "ja" ? 6 : 7];
      const completed = await createPrivacyRequest(
        db,
        { shop: SHOP, type: "disclosure", source: "storefront", customerName: `${done.lastName} ${done.firstName}`, email: done.email!, language: locale, shopifyCustomerId: String(done.id), identity: { method: "shopify_customer_login", verifiedAt: new Date() } },
        "shopper",
      );
      await startDisclosureJob(db, SHOP, completed.id, "staff:9001");
      await runNextDisclosureJob(db, async (shop) => standIn.client(shop));
      await completeRequest(db, SHOP, completed.id, "staff:9001");
      ids[`completed-${locale}`] = completed.id;
    }
    picked = { ja: customers[4], en: customers[5] };
    app = await startApp({ database, adminApiUrl: standIn.url });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  const open = async (requestId: string, locale: "ja" | "en", phone = false): Promise<Page> => {
    const page = await openEmbeddedAdminPage(browser, SHOP, problems);
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(embeddedAppUrl(app.url, `/app/requests/${requestId}`, { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    await page.locator("[data-app-bridge-title-bar] h1").waitFor({ timeout: 30_000 });
    return page;
  };

  const words = {
    ja: { move: "状況を変更", moveTo: "変更後の状況", identityCheck: "本人確認中", find: "Shopify で該当する顧客を探す", confirm: "この顧客で本人確認", inProgress: "対応中", open: "Shopify で顧客を開く", complete: "完了にする", ready: "回答の内容を書いて", erased: "Shopify のデータ削除依頼により消去済み", automatic: "自動で変更", cancel: "キャンセル" },
    en: { move: "Change status", moveTo: "New status", identityCheck: "Identity check", find: "Find matching Shopify customers", confirm: "Verify as this customer", inProgress: "In progress", open: "Open the customer in Shopify", complete: "Mark completed", ready: "Write your answer", erased: "Erased at Shopify's request", automatic: "Changed automatically", cancel: "Cancel" },
  } as const;

  it.each(["ja", "en"] as const)("proposes the next status, then starts work itself once the customer match verifies identity (%s)", async (locale) => {
    const w = words[locale];
    const page = await open(ids[`disclosure-${locale}`], locale);
    await page.getByRole("button", { name: w.move, exact: true }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.getByLabel(w.moveTo).evaluate((node) => (node as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(w.identityCheck);
    await page.screenshot({ path: path.join(screenshots, `workflow-1-propose-${locale}.png`) });
    await dialog.getByRole("button", { name: w.cancel, exact: true }).click();
    await dialog.waitFor({ state: "detached" });

    await page.getByRole("button", { name: w.find }).click();
    await page.getByRole("button", { name: w.confirm }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: w.confirm }).click();
    await page.locator(".Polaris-Badge").filter({ hasText: w.inProgress }).first().waitFor({ timeout: 15_000 });
    await page.getByText(w.automatic).first().waitFor();
    const link = page.getByRole("link", { name: w.open });
    expect(await link.getAttribute("href")).toMatch(/^shopify:\/\/admin\/customers\/\d+$/);
    await page.screenshot({ path: path.join(screenshots, `workflow-2-started-${locale}.png`), fullPage: true });
    // Now in progress, the dialog proposes the step that follows it, not the one chosen before.
    await page.getByRole("button", { name: w.move, exact: true }).click();
    await expect
      .poll(() => page.getByRole("dialog").getByLabel(w.moveTo).evaluate((node) => (node as HTMLSelectElement).selectedOptions[0]?.textContent))
      .toBe(translate(locale, "desk.status.waiting_on_shopper"));
    await page.getByRole("dialog").getByRole("button", { name: w.cancel, exact: true }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    // Who confirmed the match is named, as Shopify's token exchange gave the name (issue 13, F4).
    expect(await page.getByText("Emma Fischer").count()).toBeGreaterThan(0);
    const stored = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: ids[`disclosure-${locale}`] } });
    expect(stored).toMatchObject({ status: "in_progress", identityStatus: "verified" });
    expect(problems).toEqual([]);
  });

  it.each(["ja", "en"] as const)("offers completing an inquiry that is being answered (%s)", async (locale) => {
    const w = words[locale];
    const page = await open(ids[`inquiry-${locale}`], locale);
    await page.getByText(w.ready).waitFor();
    await page.getByRole("button", { name: w.complete, exact: true }).waitFor();
    await page.screenshot({ path: path.join(screenshots, `workflow-3-complete-${locale}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });

  it.each([
    ["ja", false],
    ["en", false],
    ["ja", true],
  ] as const)("names withdrawing as an action and says, before it is confirmed, that it closes the request for good (%s, phone %s)", async (locale, phone) => {
    const page = await open(ids[`inquiry-${locale}`], locale, phone);
    // The button is a step staff take, not the status it leads to ("Withdrawn" read as a label).
    expect(translate(locale, "desk.detail.withdraw")).not.toBe(translate(locale, "desk.status.withdrawn"));
    await page.getByRole("button", { name: translate(locale, "desk.detail.withdraw"), exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: translate(locale, "desk.detail.withdrawTitle") }).waitFor();
    await dialog.getByText(translate(locale, "desk.detail.withdrawBody")).waitFor();
    if (phone) {
      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: path.join(screenshots, `workflow-3-withdraw-${locale}${phone ? "-phone" : ""}.png`) });
    await dialog.getByRole("button", { name: translate(locale, "desk.common.cancel"), exact: true }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await database.db.privacyRequest.findUniqueOrThrow({ where: { id: ids[`inquiry-${locale}`] } })).toMatchObject({ status: "in_progress" });
    expect(problems).toEqual([]);
  });

  it.each([
    ["ja", false],
    ["en", false],
    ["ja", true],
  ] as const)("shows a request closed by Shopify's erasure as such, with nothing to act on (%s, phone %s)", async (locale, phone) => {
    const w = words[locale];
    const page = await open(ids[`erased-${locale}`], locale, phone);
    await page.getByText(w.erased).first().waitFor();
    expect(await page.getByRole("button", { name: w.find }).count()).toBe(0);
    expect(await page.getByRole("button", { name: w.move, exact: true }).count()).toBe(0);
    expect(await page.locator(".Polaris-Badge").filter({ hasText: locale === "ja" ? "確認済み" : "Verified" }).count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, `workflow-4-erased-${locale}${phone ? "-phone" : ""}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });

  it.each([
    ["ja", false],
    ["en", false],
    ["ja", true],
  ] as const)("keeps a completed disclosure's package to download and offers nothing that would change it (%s, phone %s)", async (locale, phone) => {
    const page = await open(ids[`completed-${locale}`], locale, phone);
    await page.getByText(translate(locale, "desk.detail.packageReady")).first().waitFor();
    await page.getByRole("button", { name: translate(locale, "desk.detail.printable") }).first().waitFor();
    for (const key of ["desk.detail.buildPackage", "desk.detail.rebuildPackage", "desk.detail.moveStatus", "desk.detail.extend", "desk.detail.refuse", "desk.detail.withdraw", "desk.detail.complete"] as const) {
      expect(await page.getByRole("button", { name: translate(locale, key), exact: true }).count(), key).toBe(0);
    }
    await page.getByText(translate(locale, "desk.detail.closedOn").split("{date}")[1].trim()).waitFor();
    if (phone) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // The notice's download link is one long word: it wraps inside its box instead of running out of it.
      // Measured once the page's layout has settled (fonts and Polaris' collapsibles can still move it
      // just after load); a link that really runs out of its box keeps failing until the poll gives up.
      const overflowing = () =>
        page.locator("[data-notice-preview]").evaluateAll((nodes) =>
          nodes.filter((node) => {
            const text = document.createRange();
            text.selectNodeContents(node);
            return text.getBoundingClientRect().right > node.getBoundingClientRect().right + 1;
          }).length,
        );
      await expect.poll(overflowing).toBe(0);
    }
    await page.screenshot({ path: path.join(screenshots, `workflow-6-completed-${locale}${phone ? "-phone" : ""}.png`), fullPage: true });
    expect(problems).toEqual([]);
  });

  it.each([
    ["ja", false],
    ["en", true],
  ] as const)("lets staff pick the customer by name instead of typing an id, and confirm them (%s, phone %s)", async (locale, phone) => {
    const w = words[locale];
    const customer = picked[locale];
    const page = await open(ids[`pick-${locale}`], locale, phone);
    // Hydrated first: on a phone the picker swaps its popover for a list in the page once React runs.
    await page.waitForLoadState("networkidle");
    const search = page.getByRole("combobox", { name: translate(locale, "desk.detail.searchCustomer") });
    await search.pressSequentially(`${customer.lastName} ${customer.firstName}`, { delay: 20 });
    const option = page.getByRole("option").filter({ hasText: customer.email! });
    await option.waitFor({ timeout: 15_000 });
    // The suggestions sit under the field and cover nothing above it: the identity status stays readable.
    const status = page.getByText(translate(locale, "desk.identity.unverified"), { exact: true }).first();
    await expectBelowAndUncovered(page, search, option, status);
    if (phone) await option.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, `workflow-5-pick-${locale}${phone ? "-phone" : ""}.png`), fullPage: !phone });
    await option.click();
    await page.getByText(locale === "ja" ? "スタッフが検索して選択" : "Found and chosen by staff").waitFor();
    await page.getByRole("button", { name: w.confirm }).first().click();
    await page.getByRole("dialog").getByRole("button", { name: w.confirm }).click();
    await page.locator(".Polaris-Badge").filter({ hasText: w.inProgress }).first().waitFor({ timeout: 15_000 });
    expect(await database.db.privacyRequest.findUniqueOrThrow({ where: { id: ids[`pick-${locale}`] } })).toMatchObject({ shopifyCustomerId: String(customer.id), identityStatus: "verified" });
    expect(problems).toEqual([]);
  });

  it.each(["ja", "en"] as const)("lists the customers under the search field of the new-request form on a phone, covering nothing (%s)", async (locale) => {
    const customer = picked[locale];
    const page = await openEmbeddedAdminPage(browser, SHOP, problems);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(embeddedAppUrl(app.url, "/app/requests/new", { shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "9001", locale }));
    await page.locator("[data-app-bridge-title-bar] h1").waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    const search = page.getByRole("combobox", { name: translate(locale, "desk.new.pickCustomer") });
    await search.scrollIntoViewIfNeeded();
    await search.pressSequentially(customer.lastName, { delay: 20 });
    const option = page.getByRole("option").filter({ hasText: customer.email! });
    await option.waitFor({ timeout: 15_000 });
    const heading = page.getByRole("heading", { name: translate(locale, "desk.new.personSection") });
    await expectBelowAndUncovered(page, search, option, heading);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await option.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, `workflow-7-new-pick-${locale}-phone.png`) });
    await option.click();
    await expect.poll(() => page.getByRole("textbox", { name: translate(locale, "desk.new.email"), exact: true }).inputValue()).toBe(customer.email);
    expect(problems).toEqual([]);
  });
});

/** The option is under the field, and the element above the field is still what is drawn at its centre. */
async function expectBelowAndUncovered(page: Page, field: Locator, option: Locator, above: Locator) {
  const fieldBox = (await field.boundingBox())!;
  const optionBox = (await option.boundingBox())!;
  expect(optionBox.y).toBeGreaterThanOrEqual(fieldBox.y + fieldBox.height - 1);
  await above.scrollIntoViewIfNeeded();
  const box = (await above.boundingBox())!;
  const drawn = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent ?? "", { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 });
  expect(drawn).toBe(await above.textContent());
}
