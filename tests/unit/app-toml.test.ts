// shopify.app.toml is deployed by the Shopify CLI, the code is deployed by us: this keeps them agreeing.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { ApiVersion } from "@shopify/shopify-api";
import { DEFAULT_SCOPES } from "../../app/config.server";

const root = path.resolve(import.meta.dirname, "../..");
const config = parse(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as {
  application_url: string;
  build?: Record<string, unknown>;
  auth: { redirect_urls: string[] };
  access_scopes: { scopes: string };
  webhooks: { api_version: string; subscriptions: Array<{ topics?: string[]; compliance_topics?: string[]; uri: string }> };
  app_proxy: { url: string; prefix: string; subpath: string };
};

/** Remix flat routes: each "/" of the URI becomes a "." of the file name. */
function routeFileFor(uri: string): string {
  return path.join(root, "app/routes", `${uri.replace(/^\//, "").split("/").join(".")}.tsx`);
}

describe("shopify.app.toml", () => {
  const subscriptions = config.webhooks.subscriptions;

  it("subscribes the lifecycle and all three compliance topics", () => {
    const topics = subscriptions.flatMap((s) => [...(s.topics ?? []), ...(s.compliance_topics ?? [])]);
    expect(topics.sort()).toEqual(
      expect.arrayContaining(["app/scopes_update", "app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]),
    );
    const compliance = subscriptions.flatMap((s) => s.compliance_topics ?? []);
    expect(compliance.sort()).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it.each(subscriptions.map((s) => [s.uri]))("has a route file for %s", (uri) => {
    expect(uri.startsWith("/")).toBe(true);
    expect(existsSync(routeFileFor(uri)), routeFileFor(uri)).toBe(true);
  });

  it("uses the same API version as the code", () => {
    const source = readFileSync(path.join(root, "app/shopify.server.ts"), "utf8");
    const member = /export const API_VERSION = ApiVersion\.(\w+)/.exec(source)?.[1];
    expect(member).toBeTruthy();
    // The enum member's value is the version string Shopify uses in URLs and in the toml.
    expect(config.webhooks.api_version).toBe(ApiVersion[member as keyof typeof ApiVersion]);
  });

  it("asks for the scopes the features need, the same the server starts with when SCOPES is unset", () => {
    // Which scopes each operation needs is checked against Shopify's schema in tests/contract/.
    const scopes = config.access_scopes.scopes.split(",").map((s) => s.trim());
    expect(scopes).toEqual(expect.arrayContaining(["read_customers", "write_customers", "read_orders", "write_customer_data_erasure", "write_app_proxy"]));
    expect(scopes).toEqual(DEFAULT_SCOPES);
  });

  it("has nothing Shopify CLI 4 no longer supports (it drops [build] include_config_on_deploy on deploy)", () => {
    expect(Object.keys(config.build ?? {})).toEqual(["automatically_update_urls_on_dev"]);
  });

  it("keeps every URL on the one application_url host", () => {
    const host = new URL(config.application_url).host;
    const urls = [...config.auth.redirect_urls, config.app_proxy.url];
    expect(urls.map((url) => new URL(url).host)).toEqual(urls.map(() => host));
  });

  it("routes the app proxy to /proxy under /apps/privacy", () => {
    expect(new URL(config.app_proxy.url).pathname).toMatch(/\/proxy$/);
    expect(config.app_proxy.prefix).toBe("apps");
    expect(config.app_proxy.subpath).toBe("privacy");
  });
});
