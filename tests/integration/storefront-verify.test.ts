// The identity link mailed to a shopper, followed through the App Proxy on the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sentText } from "../support/mail";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, TEST_API_SECRET, startApp, type RunningApp } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { createPrivacyRequest } from "../../app/privacy/requests/createRequest";
import { sendIdentityLink } from "../../app/privacy/identity/emailLink";

const SHOP = "verify-shop.myshopify.com";
const OTHER = "verify-other.myshopify.com";

describe(`identity link through the App Proxy on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "verify");
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  async function mailedToken(shop = SHOP) {
    const request = await createPrivacyRequest(
      database.db,
      { shop, type: "disclosure", source: "storefront", email: "verify@example.jp", customerName: "確認 太郎" },
      "shopper",
    );
    await sendIdentityLink(database.db, shop, request.id, "staff:1");
    const mail = await database.db.outboundMail.findFirstOrThrow({ where: { requestId: request.id, kind: "identity_link" } });
    const link = new URL(/https:\/\/\S+/.exec(await sentText(database.db, mail.id))![0]);
    expect(link.pathname).toBe("/apps/privacy/verify");
    return { request, token: link.searchParams.get("token")! };
  }

  const call = (method: "GET" | "POST", shop: string, token: string, json = false) => {
    const query = signedProxyQuery({ shop, secret: TEST_API_SECRET }, method === "GET" ? { token } : {});
    return fetch(`${app.url}/proxy/verify?${query}`, {
      method,
      headers: {
        "User-Agent": BROWSER_UA,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": `198.51.100.${Math.floor(Math.random() * 200) + 1}`,
        ...(json ? { Accept: "application/json" } : {}),
      },
      body: method === "POST" ? new URLSearchParams({ token, locale: "en" }).toString() : undefined,
    });
  };

  it("shows a confirmation button on GET and leaves the token unused", async () => {
    const { request, token } = await mailedToken();
    const page = await call("GET", SHOP, token);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("application/liquid");
    const html = await page.text();
    expect(html).toContain('action="/apps/privacy/verify"');
    expect(html).toContain(`value="${token}"`);
    const after = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after.identityStatus).toBe("pending_link");
  });

  it("verifies the request on POST, once", async () => {
    const { request, token } = await mailedToken();
    const first = await call("POST", SHOP, token, true);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ ok: true, reference: request.reference });
    const verified = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(verified.identityStatus).toBe("verified");
    expect(verified.identityVerifiedAt).not.toBeNull();

    const again = await call("POST", SHOP, token, true);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ ok: false, reason: "used" });
  });

  it("refuses another shop's token and malformed tokens without changing anything", async () => {
    const { request, token } = await mailedToken();
    const foreign = await call("POST", OTHER, token, true);
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ ok: false, reason: "invalid" });
    expect((await call("GET", SHOP, "short")).status).toBe(400);
    const unchanged = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(unchanged.identityStatus).toBe("pending_link");
  });

  it("rejects an unsigned request", async () => {
    const response = await fetch(`${app.url}/proxy/verify?shop=${SHOP}&token=x`, { headers: { "User-Agent": BROWSER_UA } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
