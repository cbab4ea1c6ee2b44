// The Shopify library itself is the judge of the stand-ins: its authenticate.webhook,
// authenticate.public.appProxy and authenticate.admin accept what tests/support produces and
// reject tampered variants.
import "@shopify/shopify-app-remix/adapters/node";
import { LogSeverity, Session } from "@shopify/shopify-api";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import type { SessionStorage } from "@shopify/shopify-app-session-storage";
import { describe, expect, it } from "vitest";
import { BROWSER_UA } from "../support/app";
import { signedProxyQuery } from "../support/appProxy";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { adminHost, mintSessionToken } from "../support/sessionToken";
import { compliancePayloads, signedWebhook } from "../support/webhooks";

const API_KEY = "standin-test-key";
const SECRET = "standin-test-secret";
const APP_URL = "https://privacy-desk.example.com";
const SCOPES = ["read_customers", "write_customers", "read_orders", "write_app_proxy"];

class MemorySessionStorage implements SessionStorage {
  private sessions = new Map<string, Session>();
  async storeSession(session: Session) {
    this.sessions.set(session.id, session);
    return true;
  }
  async loadSession(id: string) {
    return this.sessions.get(id);
  }
  async deleteSession(id: string) {
    return this.sessions.delete(id);
  }
  async deleteSessions(ids: string[]) {
    ids.forEach((id) => this.sessions.delete(id));
    return true;
  }
  async findSessionsByShop(shop: string) {
    return [...this.sessions.values()].filter((session) => session.shop === shop);
  }
}

function app() {
  const sessionStorage = new MemorySessionStorage();
  const shopify = shopifyApp({
    apiKey: API_KEY,
    apiSecretKey: SECRET,
    apiVersion: ApiVersion.October26,
    scopes: SCOPES,
    appUrl: APP_URL,
    authPathPrefix: "/auth",
    sessionStorage,
    distribution: AppDistribution.AppStore,
    future: { unstable_newEmbeddedAuthStrategy: true },
    logger: { level: LogSeverity.Error },
  });
  return { shopify, sessionStorage };
}

/** Runs an authenticate call; a thrown Response becomes its status. */
async function outcome(run: () => Promise<unknown>): Promise<{ ok: true; value: unknown } | { ok: false; status: number }> {
  try {
    return { ok: true, value: await run() };
  } catch (thrown) {
    if (thrown instanceof Response) return { ok: false, status: thrown.status };
    throw thrown;
  }
}

describe("authenticate.webhook judges tests/support/webhooks.ts", () => {
  const { shopify } = app();
  const payload = compliancePayloads.customerRedact(DEMO_SHOP, { id: 1001, email: "hanako@example.jp" }, [5_000_000]);
  const post = (body: string, headers: Record<string, string>) =>
    new Request(`${APP_URL}/webhooks/customers/redact`, { method: "POST", body, headers: { ...headers, "User-Agent": BROWSER_UA } });

  it("accepts a signed delivery and reads topic, shop and payload", async () => {
    const delivery = signedWebhook({ topic: "customers/redact", shop: DEMO_SHOP, payload, secret: SECRET });
    const result = await outcome(() => shopify.authenticate.webhook(post(delivery.body, delivery.headers)));
    expect(result.ok).toBe(true);
    const context = (result as { value: { topic: string; shop: string; payload: unknown; apiVersion: string } }).value;
    expect(context.topic).toBe("CUSTOMERS_REDACT");
    expect(context.shop).toBe(DEMO_SHOP);
    expect(context.apiVersion).toBe("2026-10");
    expect(context.payload).toEqual(payload);
  });

  it("rejects a changed body with 401", async () => {
    const delivery = signedWebhook({ topic: "customers/redact", shop: DEMO_SHOP, payload, secret: SECRET });
    const tampered = delivery.body.replace('"id":1001', '"id":1002');
    expect(tampered).not.toBe(delivery.body);
    expect(await outcome(() => shopify.authenticate.webhook(post(tampered, delivery.headers)))).toEqual({ ok: false, status: 401 });
  });

  it("rejects a delivery signed with another secret with 401", async () => {
    const delivery = signedWebhook({ topic: "customers/redact", shop: DEMO_SHOP, payload, secret: "not-the-secret" });
    expect(await outcome(() => shopify.authenticate.webhook(post(delivery.body, delivery.headers)))).toEqual({ ok: false, status: 401 });
  });

  it("rejects a delivery without its HMAC header with 400", async () => {
    const delivery = signedWebhook({ topic: "customers/redact", shop: DEMO_SHOP, payload, secret: SECRET });
    const { ["X-Shopify-Hmac-Sha256"]: _dropped, ...headers } = delivery.headers;
    expect(await outcome(() => shopify.authenticate.webhook(post(delivery.body, headers)))).toEqual({ ok: false, status: 400 });
  });
});

describe("authenticate.public.appProxy judges tests/support/appProxy.ts", () => {
  const { shopify } = app();
  const proxied = (query: URLSearchParams) =>
    new Request(`${APP_URL}/proxy/request?${query}`, { headers: { "User-Agent": BROWSER_UA } });
  const signed = (overrides: { secret?: string; timestamp?: number } = {}) =>
    signedProxyQuery(
      {
        shop: DEMO_SHOP,
        secret: overrides.secret ?? SECRET,
        loggedInCustomerId: "1001",
        timestamp: overrides.timestamp,
      },
      { lang: "ja" },
    );

  it("accepts a signed proxied request", async () => {
    const result = await outcome(() => shopify.authenticate.public.appProxy(proxied(signed())));
    expect(result.ok).toBe(true);
  });

  it("accepts a logged-out shopper (empty logged_in_customer_id)", async () => {
    const query = signedProxyQuery({ shop: DEMO_SHOP, secret: SECRET });
    expect(query.get("logged_in_customer_id")).toBe("");
    expect((await outcome(() => shopify.authenticate.public.appProxy(proxied(query)))).ok).toBe(true);
  });

  it("rejects an altered parameter with 400", async () => {
    const query = signed();
    query.set("logged_in_customer_id", "1002");
    expect(await outcome(() => shopify.authenticate.public.appProxy(proxied(query)))).toEqual({ ok: false, status: 400 });
  });

  it("rejects an added parameter with 400", async () => {
    const query = signed();
    query.append("admin", "1");
    expect(await outcome(() => shopify.authenticate.public.appProxy(proxied(query)))).toEqual({ ok: false, status: 400 });
  });

  it("rejects another secret's signature with 400", async () => {
    expect(await outcome(() => shopify.authenticate.public.appProxy(proxied(signed({ secret: "hush" }))))).toEqual({
      ok: false,
      status: 400,
    });
  });

  it("rejects a timestamp older than 90 seconds with 400", async () => {
    const stale = signed({ timestamp: Math.floor(Date.now() / 1000) - 120 });
    expect(await outcome(() => shopify.authenticate.public.appProxy(proxied(stale)))).toEqual({ ok: false, status: 400 });
  });
});

describe("authenticate.admin judges tests/support/sessionToken.ts", () => {
  async function appWithOfflineSession() {
    const built = app();
    const session = new Session({ id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false });
    session.accessToken = FIXTURE_ACCESS_TOKEN;
    session.scope = SCOPES.join(",");
    await built.sessionStorage.storeSession(session);
    return built;
  }
  const fetchWith = (token: string) =>
    new Request(`${APP_URL}/app/requests`, {
      headers: { Authorization: `Bearer ${token}`, "User-Agent": BROWSER_UA, Accept: "application/json" },
    });
  const documentWith = (token: string) => {
    const url = new URL(`${APP_URL}/app`);
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", DEMO_SHOP);
    url.searchParams.set("host", adminHost(DEMO_SHOP));
    url.searchParams.set("id_token", token);
    return new Request(url, { headers: { "User-Agent": BROWSER_UA } });
  };
  const token = (overrides: Partial<Parameters<typeof mintSessionToken>[0]> = {}) =>
    mintSessionToken({ shop: DEMO_SHOP, apiKey: API_KEY, secret: SECRET, ...overrides });

  it("accepts a minted token on a fetch and yields the stored offline session", async () => {
    const { shopify } = await appWithOfflineSession();
    const result = await outcome(() => shopify.authenticate.admin(fetchWith(token({ userId: "77" }))));
    expect(result.ok).toBe(true);
    const context = (result as { value: { session: Session; sessionToken: { sub: string; dest: string } } }).value;
    expect(context.session.shop).toBe(DEMO_SHOP);
    expect(context.session.accessToken).toBe(FIXTURE_ACCESS_TOKEN);
    expect(context.sessionToken.sub).toBe("77");
    expect(context.sessionToken.dest).toBe(`https://${DEMO_SHOP}`);
  });

  it("accepts a minted token on an embedded document request", async () => {
    const { shopify } = await appWithOfflineSession();
    const result = await outcome(() => shopify.authenticate.admin(documentWith(token())));
    expect(result.ok).toBe(true);
  });

  it("rejects a token signed with another secret", async () => {
    const { shopify } = await appWithOfflineSession();
    const result = await outcome(() => shopify.authenticate.admin(fetchWith(token({ secret: "another-secret" }))));
    expect(result).toEqual({ ok: false, status: 401 });
  });

  it("rejects an expired token", async () => {
    const { shopify } = await appWithOfflineSession();
    const issuedAt = Math.floor(Date.now() / 1000) - 600;
    const result = await outcome(() => shopify.authenticate.admin(fetchWith(token({ issuedAt }))));
    expect(result).toEqual({ ok: false, status: 401 });
  });

  it("rejects a token for another app (wrong aud)", async () => {
    const { shopify } = await appWithOfflineSession();
    const result = await outcome(() => shopify.authenticate.admin(fetchWith(token({ apiKey: "someone-elses-app" }))));
    expect(result).toEqual({ ok: false, status: 401 });
  });

  it("rejects a token whose payload was edited after signing", async () => {
    const { shopify } = await appWithOfflineSession();
    const [header, body, signature] = token().split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "1" })).toString("base64url");
    const result = await outcome(() => shopify.authenticate.admin(fetchWith(`${header}.${forged}.${signature}`)));
    expect(result).toEqual({ ok: false, status: 401 });
  });
});
