// Shopify Flow end to end over HTTP: the built app with its background loops, the Settings switch,
// a request entered by staff, and the trigger arriving at the shop's Flow (the Admin API stand-in).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../../support/app";
import { startAdminApiStandIn, type AdminApiStandIn } from "../../support/adminApi";
import { DEMO_SHOP, FIXTURE_ACCESS_TOKEN } from "../../support/fixtures";
import { mintSessionToken } from "../../support/sessionToken";
import { DEFAULT_SCOPES } from "../../../app/config.server";

const settingsForm = (flowTriggersEnabled: string) => ({
  businessName: "qui pearl project",
  dueDays: "14",
  euDueDays: "30",
  dueSoonDays: "3",
  staffNoticeLanguage: "ja",
  smtpPort: "587",
  smtpSecure: "false",
  noticeTemplates: "{}",
  flowTriggersEnabled,
});

describe(`the Flow switch and the Flow loop on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let standIn: AdminApiStandIn;
  let app: RunningApp;

  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "User-Agent": BROWSER_UA,
        Authorization: `Bearer ${mintSessionToken({ shop: DEMO_SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "8001" })}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields),
    });
  const newRequest = async () => {
    const created = await post("/app/requests/new", { type: "correction", source: "staff_phone", language: "ja", customerName: "山田 花子", message: "住所の訂正" });
    expect(created.status).toBe(302);
    return new URL(created.headers.get("location")!, app.url).pathname.split("/").pop()!;
  };
  const until = async (check: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "flowsettings");
    standIn = await startAdminApiStandIn();
    await database.db.session.create({
      data: { id: `offline_${DEMO_SHOP}`, shop: DEMO_SHOP, state: "", isOnline: false, accessToken: FIXTURE_ACCESS_TOKEN, scope: DEFAULT_SCOPES.join(",") },
    });
    app = await startApp({ database, adminApiUrl: standIn.url, env: { FLOW_WORKER_POLL_MS: "100", MAIL_WORKER_POLL_MS: "60000" } });
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
    await database?.drop();
  });

  it("sends a staff-entered request to the shop's Flow by default, from the app's own loop", async () => {
    const requestId = await newRequest();
    await until(() => standIn.state.shop(DEMO_SHOP).flowTriggers.length === 1);
    const [trigger] = standIn.state.shop(DEMO_SHOP).flowTriggers;
    expect(trigger.handle).toBe("privacy-request-received");
    expect(trigger.payload["Request type"]).toBe("correction");
    expect(trigger.payload["Request URL"]).toContain(`/app/requests/${requestId}`);
    expect(JSON.stringify(trigger.payload)).not.toContain("住所");
    await until(async () => (await database.db.flowTriggerEvent.findFirst({ where: { requestId } }))?.status === "sent");
  });

  it("stops sending once Settings switch it off, and a form without the switch keeps the choice", async () => {
    expect((await post("/app/settings", settingsForm("false"))).status).toBe(200);
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).flowTriggersEnabled).toBe(false);
    const { flowTriggersEnabled: _omitted, ...withoutSwitch } = settingsForm("false");
    expect((await post("/app/settings", withoutSwitch)).status).toBe(200);
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: DEMO_SHOP } })).flowTriggersEnabled).toBe(false);

    const quiet = await newRequest();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await database.db.flowTriggerEvent.count({ where: { requestId: quiet } })).toBe(0);
    expect(standIn.state.shop(DEMO_SHOP).flowTriggers).toHaveLength(1);

    expect((await post("/app/settings", settingsForm("true"))).status).toBe(200);
    await newRequest();
    await until(() => standIn.state.shop(DEMO_SHOP).flowTriggers.length === 2);
  });
});
