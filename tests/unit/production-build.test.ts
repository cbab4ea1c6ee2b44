// The sandbox must not exist in production: nothing in the build mints session tokens, signs
// App Proxy requests or carries the App Bridge stub or the Customer Privacy API stand-in.
// `npm test` builds before the suites run.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const serverBuild = path.join(root, "build/server/index.js");
const serverDir = path.join(root, "build/server");
const clientBuild = path.join(root, "build/client");

const FORBIDDEN = [
  "mintSessionToken",
  "signedProxyQuery",
  "signProxyParams",
  "signedWebhook",
  "app-bridge-stub",
  "__APP_BRIDGE_STUB__",
  "startAdminApiStandIn",
  "SHOPIFY_ADMIN_STANDIN_URL",
  "sandbox",
  // The sandbox storefront's Customer Privacy API stand-in (a real store gets Shopify's).
  "sbx_tracking_consent",
  "customer-privacy.js",
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("the production build", () => {
  it("exists (npm test builds it before running the suites)", () => {
    expect(existsSync(serverBuild), "build/server/index.js: run `npx remix vite:build`").toBe(true);
    expect(existsSync(clientBuild), "build/client: run `npx remix vite:build`").toBe(true);
  });

  it("contains no sandbox, stub or token-minting code", () => {
    const shipped = [...files(serverDir), ...files(clientBuild)].filter((file) => /\.(js|mjs|css|html|json)$/.test(file));
    expect(shipped).toContain(serverBuild);
    const found: string[] = [];
    for (const file of shipped) {
      const text = readFileSync(file, "utf8");
      for (const name of FORBIDDEN) if (text.includes(name)) found.push(`${path.relative(root, file)}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it("still loads App Bridge from Shopify's CDN (the sandbox swaps it only in what it proxies)", () => {
    const shipped = [...files(serverDir), ...files(clientBuild)].filter((file) => file.endsWith(".js"));
    const mentions = shipped.some((file) => readFileSync(file, "utf8").includes("https://cdn.shopify.com/shopifycloud/app-bridge.js"));
    expect(mentions).toBe(true);
  });
});
