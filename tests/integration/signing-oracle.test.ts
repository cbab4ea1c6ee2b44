// The signing-oracle attack, end to end: a logged-in shopper files a request whose fields make the
// old duplicate-submission fingerprint read like a signed App Proxy query for another shop and
// customer. Then every export, package and page the app hands out about that request is searched
// for anything that validates as that query's `signature`, by asking the app itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, currentDatabaseKind, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { signedProxyQuery, signProxyParams } from "../support/appProxy";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN, OTHER_SHOP } from "../support/fixtures";
import { embeddedAppUrl, mintSessionToken } from "../support/sessionToken";
import { signingOracleForm } from "../support/signingOracle";
import { DEFAULT_SCOPES } from "../../app/config.server";

const CUSTOMER = "1007";
const STAFF = "7001";

describe(`no export or page is a signing oracle, on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;
  const staff = () => ({ "User-Agent": BROWSER_UA, Authorization: `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: STAFF })}` });

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "oracle");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { JOB_WORKER_POLL_MS: "200" } });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  const proxyGet = (query: URLSearchParams) => fetch(`${app.url}/proxy/requests/status?${query}`, { headers: { "User-Agent": BROWSER_UA } });

  it("hands out nothing that validates as an App Proxy signature of the forged query", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const oracle = signingOracleForm({ shop: DEMO_SHOP, customerId: CUSTOMER, forgedShop: OTHER_SHOP, forgedCustomerId: "2001", timestamp });
    const filed = await fetch(`${app.url}/proxy/requests?${signedProxyQuery({ shop: DEMO_SHOP, secret: TEST_API_SECRET, loggedInCustomerId: CUSTOMER })}`, {
      method: "POST",
      headers: { "User-Agent": BROWSER_UA, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.77" },
      body: new URLSearchParams(oracle.fields),
    });
    expect(filed.status).toBe(201);
    const request = await database.db.privacyRequest.findFirstOrThrow({ where: { shop: DEMO_SHOP, shopifyCustomerId: CUSTOMER } });

    // The disclosure package, built by the app's job loop from the Admin API stand-in.
    const started = await fetch(`${app.url}/app/requests/${request.id}`, {
      method: "POST",
      headers: { ...staff(), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "disclosure" }),
    });
    expect(started.status).toBe(200);
    for (let i = 0; ; i++) {
      const job = await database.db.job.findFirst({ where: { shop: DEMO_SHOP, requestId: request.id, status: "done" } });
      if (job) break;
      if (i > 300) throw new Error("the disclosure package was not built");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const handedOut: Record<string, string> = {};
    const take = async (name: string, path: string, init: RequestInit = { headers: staff() }) => {
      const response = await fetch(path.startsWith("http") ? path : `${app.url}${path}`, init);
      expect(response.status, name).toBe(200);
      handedOut[name] = await response.text();
    };
    await take("customer data json", `/app/customer-data/${CUSTOMER}?format=json`);
    await take("customer data csv", `/app/customer-data/${CUSTOMER}?format=csv`);
    for (const format of ["json", "csv", "html"]) await take(`package ${format}`, `/app/requests/${request.id}/package?format=${format}`);
    for (const format of ["json", "csv", "html"]) await take(`provision disclosure ${format}`, `/app/records/provision-disclosure/${request.id}?format=${format}`);
    await take("requests csv", `/app/requests/export`);
    await take("consent csv", `/app/consent/export`);
    const page = (path: string) => embeddedAppUrl(app.url, path, { shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: STAFF });
    await take("request page", page(`/app/requests/${request.id}`), { headers: { "User-Agent": BROWSER_UA } });
    await take("consent page", page(`/app/consent`), { headers: { "User-Agent": BROWSER_UA } });
    await take("request loader data", `/app/requests/${request.id}?_data=routes%2Fapp.requests.%24id`);
    await take("consent loader data", `/app/consent?_data=routes%2Fapp.consent._index`);

    // The forged query is otherwise valid: signed with the secret, the app accepts it.
    const forged = new URLSearchParams(oracle.forged);
    forged.set("signature", signProxyParams(oracle.forged, TEST_API_SECRET));
    expect((await proxyGet(forged)).status).toBe(200);

    // Every hex string of a SHA-256's length anywhere in what was handed out is tried as the signature.
    const candidates = new Set(Object.values(handedOut).flatMap((text) => text.match(/[0-9a-fA-F]{64}/g) ?? []));
    for (const candidate of candidates) {
      const attempt = new URLSearchParams(oracle.forged);
      attempt.set("signature", candidate.toLowerCase());
      expect((await proxyGet(attempt)).status, `a value handed out validates as a signature: ${candidate}`).not.toBe(200);
    }
    // And none is there at all: internal hashes never leave the app.
    for (const [name, text] of Object.entries(handedOut)) expect(text.match(/[0-9a-f]{64}/g) ?? [], name).toEqual([]);
  });
});
