// Staff are shown by name (issue 13, point 8): the first admin page a staff member opens asks
// Shopify's token exchange for an online access token and keeps only the associated_user's name;
// the request page's timeline and identity line, and the policy history, then name them as
// Shopify admin writes them. Another shop's staff member with the same user id is another person. When
// Shopify does not know the user, the page still opens and says "staff", never the id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../support/fixtures";
import { embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { ONLINE_TOKEN_TYPE } from "../support/tokenExchange";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { createPrivacyRequest } from "../../app/privacy/requests";

describe(`staff names on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  let requestId = "";

  const open = async (path: string, { shop = DEMO_SHOP, userId = "42", locale = "ja" } = {}) => {
    const response = await fetch(embeddedAppUrl(app.url, path, { shop, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId, locale }), { headers: { "User-Agent": BROWSER_UA } });
    return { status: response.status, html: await response.text() };
  };
  const post = async (path: string, fields: Record<string, string>, userId = "42") => {
    const token = mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId });
    const response = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, Authorization: `Bearer ${token}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "staffnames");
    standIn = await startAdminApiStandIn();
    for (const shop of [DEMO_SHOP, OTHER_SHOP]) {
      await database.db.session.create({
        data: { id: `offline_${shop}`, shop, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
      });
    }
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("learns the name from the online token exchange on the first page, once, keeping neither the token nor the email", async () => {
    expect((await open("/app")).status).toBe(200);
    const online = standIn.tokenExchanges.filter((entry) => entry.requestedTokenType === ONLINE_TOKEN_TYPE && entry.shop === DEMO_SHOP);
    expect(online).toEqual([{ shop: DEMO_SHOP, requestedTokenType: ONLINE_TOKEN_TYPE, userId: "42", status: 200 }]);
    const stored = await database.db.staffMember.findMany({ where: { shop: DEMO_SHOP } });
    expect(stored.map(({ userId, firstName, lastName }) => ({ userId, firstName, lastName }))).toEqual([{ userId: "42", firstName: "美咲", lastName: "井上" }]);
    // Only the offline session is stored: the online token was used for the name and dropped.
    expect(await database.db.session.count({ where: { shop: DEMO_SHOP } })).toBe(1);
    expect(JSON.stringify(await database.db.staffMember.findMany())).not.toContain("@");

    expect((await open("/app/requests")).status).toBe(200);
    expect(standIn.tokenExchanges.filter((entry) => entry.shop === DEMO_SHOP)).toHaveLength(1);
  });

  it("names the staff member on the request's timeline and identity line, a Japanese name family name first", async () => {
    const request = await createPrivacyRequest(database.db, { shop: DEMO_SHOP, type: "disclosure", source: "staff_email", email: "staff-names@example.jp" }, "test");
    requestId = request.id;
    await post(`/app/requests/${request.id}`, { intent: "confirm_match", customerId: "1002" });
    await post(`/app/requests/${request.id}`, { intent: "note", note: "電話で本人確認済み" });

    const ja = await open(`/app/requests/${request.id}`);
    expect(ja.status).toBe(200);
    expect(ja.html).toContain("井上 美咲");
    expect(ja.html).not.toMatch(/スタッフ（ID|スタッフ 42/);
    const en = await open(`/app/requests/${request.id}`, { locale: "en" });
    // A Japanese name keeps its order on the English page, as Shopify admin writes it.
    expect(en.html).toContain("井上 美咲");
    expect(en.html).not.toContain("Staff (ID");
  });

  it("keeps another shop's staff member with the same user id apart", async () => {
    expect((await open("/app", { shop: OTHER_SHOP })).status).toBe(200);
    expect(await database.db.staffMember.findUnique({ where: { shop_userId: { shop: OTHER_SHOP, userId: "42" } } })).toMatchObject({ lastName: "別所" });
    const request = { id: requestId };
    const page = await open(`/app/requests/${request.id}`);
    expect(page.html).toContain("井上 美咲");
    expect(page.html).not.toContain("別所");
  });

  it("opens the page without a name when Shopify does not know the user, saying staff and not the id", async () => {
    const request = { id: requestId };
    const first = await open("/app", { userId: "98765" });
    expect(first.status).toBe(200);
    expect(standIn.tokenExchanges.at(-1)).toMatchObject({ userId: "98765", status: 400 });
    await post(`/app/requests/${request.id}`, { intent: "note", note: "別の担当者のメモ" }, "98765");
    const page = await open(`/app/requests/${request.id}`, { userId: "98765" });
    expect(page.html).toContain("別の担当者のメモ");
    const timeline = page.html.slice(page.html.indexOf("別の担当者のメモ") - 400, page.html.indexOf("別の担当者のメモ"));
    expect(timeline).toContain("スタッフ");
    expect(timeline).not.toContain("98765");
    // Shopify is not asked again on every page after it refused.
    expect(standIn.tokenExchanges.filter((entry) => entry.userId === "98765")).toHaveLength(1);
    expect(app.output()).not.toContain("98765");
  });

  it("names who published a policy version", async () => {
    await database.db.policyVersion.create({
      data: { shop: DEMO_SHOP, version: 1, content: "{}", contentHash: "test", changeNote: "初版", publishedBy: "staff:42", publishedAt: new Date() },
    });
    const page = await open("/app/policy");
    expect(page.status).toBe(200);
    expect(page.html).toContain("井上 美咲");
  });
});
