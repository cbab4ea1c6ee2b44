// The app reaches Shopify only through https://<shop>/admin/api/...; in tests the preload
// tests/support/shopify-network.mjs reroutes those calls to the Admin API stand-in. Proved twice:
// a bare Node process with the preload, and the built server publishing the policy metafield.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { seedPolicyContent } from "../../app/privacy/policy/seedPolicy";
import { startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { BROWSER_UA, projectRoot, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../support/fixtures";
import { mintSessionToken } from "../support/sessionToken";

const run = promisify(execFile);

/** Runs a script in a fresh Node process with the test preload, the way startApp runs the server. */
async function withPreload(script: string, standInUrl: string) {
  const { stdout } = await run(process.execPath, ["--import", "./tests/support/shopify-network.mjs", "--input-type=module", "-e", script], {
    cwd: projectRoot,
    env: { ...process.env, SHOPIFY_ADMIN_STANDIN_URL: standInUrl },
  });
  return JSON.parse(stdout) as unknown;
}

describe("the network preload", () => {
  let standIn: AdminApiStandIn;
  beforeAll(async () => {
    standIn = await startAdminApiStandIn();
  });
  afterAll(async () => {
    await standIn?.close();
  });

  it("sends https://<shop>/admin/api/... to the stand-in, as that shop, with the app's headers and body", async () => {
    const answer = await withPreload(
      `const response = await fetch("https://${DEMO_SHOP}/admin/api/2026-10/graphql.json", {
         method: "POST",
         headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": "${FIXTURE_ACCESS_TOKEN}" },
         body: JSON.stringify({ query: "query Who { shop { myshopifyDomain name } }" }),
       });
       console.log(JSON.stringify({ status: response.status, body: await response.json() }));`,
      standIn.url,
    );
    expect(answer).toMatchObject({
      status: 200,
      body: { data: { shop: { myshopifyDomain: DEMO_SHOP, name: "Qui Pearl" } }, extensions: { cost: { requestedQueryCost: 1 } } },
    });
    expect(standIn.calls).toHaveLength(1);
    expect(standIn.calls[0]).toMatchObject({ shop: DEMO_SHOP, operationName: "Who", throttled: false });
  });

  it("keeps Shopify's 401 when the app sends no token, and refuses any other host", async () => {
    const answer = await withPreload(
      `const unauthorised = await fetch("https://${DEMO_SHOP}/admin/api/2026-10/graphql.json", {
         method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ query: "{ shop { name } }" }),
       });
       let refused = null;
       try { await fetch("https://example.com/"); } catch (error) { refused = String(error.message); }
       console.log(JSON.stringify({ status: unauthorised.status, refused }));`,
      standIn.url,
    );
    expect(answer).toEqual({ status: 401, refused: expect.stringContaining("example.com") });
  });
});

describe(`the built server reaches the stand-in (${process.env.TEST_DATABASE ?? "sqlite"})`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;

  beforeAll(async () => {
    standIn = await startAdminApiStandIn();
    database = await createTestDatabase(undefined, "adminstandin");
    await database.db.session.create({
      data: {
        id: `offline_${DEMO_SHOP}`,
        shop: DEMO_SHOP,
        state: "",
        isOnline: false,
        accessToken: FIXTURE_ACCESS_TOKEN,
        scope: DEFAULT_SCOPES.join(","),
      },
    });
    app = await startApp({ database, adminApiUrl: standIn.url });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await standIn?.close();
  });

  it("publishes the policy into the app-data metafield through the Admin API", async () => {
    const response = await fetch(`${app.url}/app/policy/edit`, {
      method: "POST",
      headers: {
        "User-Agent": BROWSER_UA,
        Authorization: `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "7001" })}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ intent: "publish", content: JSON.stringify(seedPolicyContent()), changeNote: "first version" }),
    });
    expect(response.status, app.output()).toBe(200);

    const mutations = standIn.calls.filter((call) => /metafieldsSet/.test(call.query));
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toMatchObject({ shop: DEMO_SHOP, cost: 10, throttled: false });
    const installationId = `gid://shopify/AppInstallation/${standIn.state.shop(DEMO_SHOP).fixture.appInstallationId}`;
    const stored = standIn.state.metafield(DEMO_SHOP, installationId, "privacy_desk", "policy");
    expect(stored?.type).toBe("json");
    const value = JSON.parse(stored!.value) as { version: number; languages: Record<string, { sections: Array<{ id: string }> }> };
    expect(value.version).toBe(1);
    expect(Object.keys(value.languages).sort()).toEqual(["en", "ja"]);
    expect(value.languages.ja.sections.map((section) => section.id)).toContain("purposes");
  });
});
