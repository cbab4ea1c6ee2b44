// The UI extensions as Shopify CLI builds them (`shopify app build --skip-dependencies-installation`,
// offline, on a copy of the app): each bundle within Shopify's 64 KB limit for UI extensions,
// registering every target its shopify.extension.toml declares, on the app's API version, with
// Japanese (the default) and English locale files that hold the same keys; the customer account
// page may call the app (network_access) and calls it at the app's own URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { shopifyAppBuild } from "../../scripts/shopify-build.mjs";
import { APP_URL } from "../../extensions/privacy-account-page/src/appUrl";

const root = path.resolve(import.meta.dirname, "../..");
const work = path.join(root, "tests/output/ui-extensions-build");
/** Shopify refuses a compiled UI extension bundle over 64 KB at deploy. */
const BUNDLE_LIMIT = 64 * 1024;

interface UiToml {
  api_version: string;
  extensions: Array<{ handle: string; type: string; name: string; capabilities?: { network_access?: boolean }; targeting: Array<{ target: string; module: string }> }>;
}

const app = parseToml(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as { application_url: string; webhooks: { api_version: string } };
const uiExtensions = readdirSync(path.join(root, "extensions"))
  .filter((name) => existsSync(path.join(root, "extensions", name, "shopify.extension.toml")))
  .map((name) => ({ name, toml: parseToml(readFileSync(path.join(root, "extensions", name, "shopify.extension.toml"), "utf8")) as unknown as UiToml }))
  .filter((entry) => entry.toml.extensions?.[0]?.type === "ui_extension");

const keys = (value: unknown, prefix = ""): string[] =>
  value && typeof value === "object"
    ? Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => (typeof child === "object" ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`]))
    : [];

describe("the UI extensions as Shopify CLI builds them", () => {
  let dir: string;
  let output = "";

  beforeAll(() => {
    dir = path.join(work, "app");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const entry of ["shopify.app.toml", "shopify.web.toml", "extensions"]) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true, filter: (source) => !source.includes(`${path.sep}dist`) });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "privacy-desk", private: true, scripts: { build: `node -e "0"` } }));
    const result = shopifyAppBuild(dir);
    output = result.output;
    expect(result.errors, result.output).toEqual([]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("are the four the issue asks for: customer page block and action, account page and its link", () => {
    expect(uiExtensions.flatMap((entry) => entry.toml.extensions[0].targeting.map((target) => target.target)).sort()).toEqual([
      "admin.customer-details.action.render",
      "admin.customer-details.block.render",
      "customer-account.order-status.block.render",
      "customer-account.page.render",
      "customer-account.profile.block.render",
    ]);
  });

  it("build within 64 KB each, registering every declared target with Preact (no React runtime)", () => {
    const sizes: Record<string, number> = {};
    for (const { name, toml } of uiExtensions) {
      const extension = toml.extensions[0];
      const bundle = path.join(dir, "extensions", name, "dist", `${extension.handle}.js`);
      expect(existsSync(bundle), `${bundle}\n${output}`).toBe(true);
      const code = readFileSync(bundle, "utf8");
      sizes[extension.handle] = statSync(bundle).size;
      expect(statSync(bundle).size, extension.handle).toBeLessThanOrEqual(BUNDLE_LIMIT);
      for (const { target } of extension.targeting) expect(code, `${extension.handle} registers ${target}`).toContain(`shopify.extend("${target}"`);
      expect(code).not.toContain("react.element");
    }
    console.log(`UI extension bundles (bytes, limit ${BUNDLE_LIMIT}): ${JSON.stringify(sizes)}`);
  });

  it("use the app's API version, and the full-page target stands alone in its extension", () => {
    for (const { name, toml } of uiExtensions) {
      expect(toml.api_version, name).toBe(app.webhooks.api_version);
      const targets = toml.extensions[0].targeting.map((target) => target.target);
      if (targets.includes("customer-account.page.render")) expect(targets, name).toEqual(["customer-account.page.render"]);
    }
  });

  it("speak Japanese first (the default locale) and English, with the same keys and a localised name", () => {
    for (const { name, toml } of uiExtensions) {
      const ja = JSON.parse(readFileSync(path.join(root, "extensions", name, "locales/ja.default.json"), "utf8"));
      const en = JSON.parse(readFileSync(path.join(root, "extensions", name, "locales/en.json"), "utf8"));
      expect(keys(en).sort(), name).toEqual(keys(ja).sort());
      expect(toml.extensions[0].name).toBe("t:name");
      expect(ja.name).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(readdirSync(path.join(root, "extensions", name, "locales")).sort()).toEqual(["en.json", "ja.default.json"]);
    }
  });

  it("call the app where shopify.app.toml says it is, and the account page may (network_access)", () => {
    expect(APP_URL).toBe(app.application_url);
    const page = uiExtensions.find((entry) => entry.toml.extensions[0].handle === "privacy-desk-account")!;
    expect(page.toml.extensions[0].capabilities?.network_access).toBe(true);
  });
});
