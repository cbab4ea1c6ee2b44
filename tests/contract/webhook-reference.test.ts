// The reference payload fixtures cover every topic shopify.app.toml subscribes to, name the
// reference version they come from, and keep what Shopify's samples say: nulls stay null.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { parseWebhookJson } from "../../app/privacy/webhooks/payloadJson";
import { REFERENCE_DIR, referenceBody, referenceWebhook, referenceWebhooks } from "../support/webhookReference";

const root = path.resolve(import.meta.dirname, "../..");
const toml = parse(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as {
  webhooks: { api_version: string; subscriptions: Array<{ topics?: string[]; compliance_topics?: string[] }> };
};
const subscribed = toml.webhooks.subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);

describe("Shopify's reference webhook payloads", () => {
  it("has exactly one sample per subscribed topic", () => {
    expect(referenceWebhooks().map((sample) => sample.topic).sort()).toEqual([...subscribed].sort());
  });

  it("names the reference version each sample comes from, no newer than the app's", () => {
    for (const sample of referenceWebhooks()) {
      expect(sample.apiVersion, sample.file).toMatch(/^\d{4}-(01|04|07|10)$/);
      expect(sample.apiVersion <= toml.webhooks.api_version, sample.file).toBe(true);
      expect(sample.source, sample.file).toContain(`https://shopify.dev/docs/api/webhooks/${sample.apiVersion}`);
    }
  });

  it("keeps the samples' nulls and their 18-digit ids as Shopify wrote them", () => {
    const uninstalled = referenceWebhook("app/uninstalled").payload as Record<string, unknown>;
    expect(uninstalled).toMatchObject({ myshopify_domain: null, domain: null, iana_timezone: null });
    const sms = referenceWebhook("customers_marketing_consent/update").payload as { phone: unknown; sms_marketing_consent: Record<string, unknown> };
    expect(sms.phone).toBeNull();
    expect(sms.sms_marketing_consent).toMatchObject({ state: null, opt_in_level: null, consent_updated_at: null });
    const raw = readFileSync(path.join(REFERENCE_DIR, referenceWebhook("customers_email_marketing_consent/update").file), "utf8");
    expect(raw).toContain('"customer_id": 706405506930370084,');
    expect(referenceBody("customers_email_marketing_consent/update", "x.myshopify.com")).toContain('"customer_id":706405506930370084,');
    expect((parseWebhookJson(referenceBody("customers_marketing_consent/update", "x.myshopify.com")) as { id: unknown }).id).toBe("706405506930370084");
  });

  it("puts the delivering shop where the compliance samples have Shopify's placeholder", () => {
    const body = JSON.parse(referenceBody("customers/redact", "qui-pearl.myshopify.com")) as { shop_domain: string };
    expect(body.shop_domain).toBe("qui-pearl.myshopify.com");
  });
});
