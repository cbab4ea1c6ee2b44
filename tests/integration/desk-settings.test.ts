// The Settings page over HTTP: the staff notice language is validated before anything is written,
// saved with the rest of the form, and then used for the notices to staff (new request, due soon)
// while the shopper's acknowledgement keeps the shopper's language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, TEST_API_KEY, TEST_API_SECRET, type RunningApp } from "../support/app";
import { mintSessionToken } from "../support/sessionToken";
import { DEFAULT_SCOPES } from "../../app/config.server";
import { queueDueSoonNotices } from "../../app/privacy/requests/dueSoon";

const SHOP = "desk-settings.myshopify.com";

const settingsForm = (overrides: Record<string, string> = {}) => ({
  businessName: "qui pearl project",
  contactEmail: "privacy@example.jp",
  staffNotifyEmail: "staff@example.jp",
  dueDays: "3",
  euDueDays: "30",
  dueSoonDays: "3",
  staffNoticeLanguage: "en",
  smtpPort: "587",
  smtpSecure: "false",
  noticeTemplates: "{}",
  ...overrides,
});

describe(`settings page on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  const post = (path: string, fields: Record<string, string>) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "User-Agent": BROWSER_UA,
        Authorization: `Bearer ${mintSessionToken({ shop: SHOP, apiKey: TEST_API_KEY, secret: TEST_API_SECRET, userId: "8001" })}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(fields),
    });

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "desksettings");
    await database.db.session.create({
      data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_test", scope: DEFAULT_SCOPES.join(",") },
    });
    // The test queues due-soon notices itself; the app's own check would race it.
    // As in production: staff-named SMTP hosts in the app's own network are refused.
    app = await startApp({ database, env: { DUE_SOON_CHECK_MS: String(Number.MAX_SAFE_INTEGER), PRIVACY_DESK_ALLOW_PRIVATE_SMTP: "0" } });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("rejects an unknown staff notice language with a field error and saves nothing", async () => {
    const answer = await post("/app/settings", settingsForm({ staffNoticeLanguage: "fr" }));
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("staffNoticeLanguage");
    expect(await database.db.shopSettings.findUnique({ where: { shop: SHOP } })).toBeNull();
  });

  it("saves English and then writes the staff notices of a new request in English", async () => {
    const saved = await post("/app/settings", settingsForm());
    expect(saved.status).toBe(200);
    const settings = await database.db.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(settings.staffNoticeLanguage).toBe("en");
    expect(settings.staffNotifyEmail).toBe("staff@example.jp");

    const created = await post("/app/requests/new", { type: "disclosure", source: "staff_phone", language: "ja", email: "hanako@example.jp" });
    expect(created.status).toBe(302);
    const requestId = new URL(created.headers.get("location")!, app.url).pathname.split("/").pop()!;
    const request = await database.db.privacyRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.shop).toBe(SHOP);

    const mails = await database.db.outboundMail.findMany({ where: { shop: SHOP, requestId }, orderBy: { kind: "asc" } });
    expect(mails.map((mail) => [mail.kind, mail.toAddress])).toEqual([
      ["acknowledgement", "hanako@example.jp"],
      ["staff_new_request", "staff@example.jp"],
    ]);
    // The shopper chose Japanese; staff asked for English.
    expect(mails[0].subject).toContain("受け付けました");
    expect(mails[1].subject).toBe(`[Privacy Desk] New request ${request.reference}`);
    expect(mails[1].body).toContain("Type: Disclosure of your personal data");
    expect(mails[1].body).toContain("Source: Phone");
    expect(mails[1].body).toMatch(/Due: [A-Z][a-z]+ \d{1,2}, \d{4}\n/);

    // Due in three days, inside the three-day window: the due-soon notice is English too.
    await queueDueSoonNotices(database.db);
    const dueSoon = await database.db.outboundMail.findMany({ where: { shop: SHOP, requestId, kind: "staff_due_soon" } });
    expect(dueSoon).toHaveLength(1);
    expect(dueSoon[0].subject).toBe(`[Privacy Desk] Request ${request.reference} is due soon`);
    expect(dueSoon[0].body).toContain("Status: Received");
  });

  it("switches back to Japanese staff notices", async () => {
    expect((await post("/app/settings", settingsForm({ staffNoticeLanguage: "ja" }))).status).toBe(200);
    expect((await database.db.shopSettings.findUniqueOrThrow({ where: { shop: SHOP } })).staffNoticeLanguage).toBe("ja");
    const created = await post("/app/requests/new", { type: "inquiry", source: "staff_email", language: "en", email: "eu@example.com" });
    expect(created.status).toBe(302);
    const requestId = new URL(created.headers.get("location")!, app.url).pathname.split("/").pop()!;
    const staff = await database.db.outboundMail.findFirstOrThrow({ where: { shop: SHOP, requestId, kind: "staff_new_request" } });
    expect(staff.subject).toContain("新しいご請求");
    expect(staff.body).toContain("受付経路: メール");
    const shopper = await database.db.outboundMail.findFirstOrThrow({ where: { shop: SHOP, requestId, kind: "acknowledgement" } });
    expect(shopper.subject).toContain("We have received your privacy request");
  });

  // Issue 11, point 12: any shop's staff could otherwise point the app's mail at its own network.
  it.each(["127.0.0.1", "localhost", "169.254.169.254", "10.1.2.3", "192.168.0.10", "[::1]", "::ffff:127.0.0.1"])(
    "refuses %s as the SMTP host with a field error, after resolution, and saves nothing",
    async (smtpHost) => {
      const before = await database.db.shopSettings.findUnique({ where: { shop: SHOP } });
      const answer = await post("/app/settings", settingsForm({ smtpHost, smtpPort: "25", businessName: "changed by the attempt" }));
      expect(answer.status).toBe(400);
      const body = await answer.text();
      expect(body).toContain("smtpHost");
      // An IPv6 literal is no host name the form takes at all; every other is refused as internal.
      expect(body).toMatch(smtpHost.includes(":") ? /smtpHost is not a host name/ : /smtp_host_private/);
      expect(await database.db.shopSettings.findUnique({ where: { shop: SHOP } })).toEqual(before);
    },
  );
});
