// Shopify CLI's own build (`shopify app build --skip-dependencies-installation`, offline) on copies
// of the app's configuration: what passes here is what `shopify app deploy` would accept, and the
// check fails on every error the CLI reports, including theme-check errors after which the CLI
// itself still exits 0. `npm test` builds the real tree through the same check (npm run build:app).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { shopifyAppBuild } from "../../scripts/shopify-build.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const work = path.join(root, "tests/output/shopify-cli");

/** The app's configuration and extension, with a web build that only leaves a mark. */
function copyOfApp(name: string): string {
  const dir = path.join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of ["shopify.app.toml", "shopify.web.toml", "extensions"]) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string };
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: pkg.name, private: true, scripts: { build: `node -e "require('fs').writeFileSync('web-built', '')"` } }));
  return dir;
}

describe("shopify app build (Shopify CLI 4, offline)", () => {
  beforeAll(() => mkdirSync(work, { recursive: true }));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("accepts the app's configuration and extension, and runs shopify.web.toml's build", () => {
    const dir = copyOfApp("as-is");
    const result = shopifyAppBuild(dir);
    expect(result.errors, result.output).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.output).toContain("Running theme check on your Theme app extension");
    expect(existsSync(path.join(dir, "web-built")), result.output).toBe(true);
  });

  it("fails on a configuration the CLI's schema refuses", () => {
    const dir = copyOfApp("bad-config");
    const file = path.join(dir, "shopify.app.toml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^embedded = true$/m, 'embedded = "yes"'));
    const result = shopifyAppBuild(dir);
    expect(result.status).not.toBe(0);
    expect(result.errors.join("\n")).toMatch(/Validation errors in .*shopify\.app\.toml.*\[embedded\]: Value must be Boolean/);
  });

  it("fails on a theme-check error even though the CLI itself reports success", () => {
    const dir = copyOfApp("bad-liquid");
    writeFileSync(path.join(dir, "extensions/privacy-desk/blocks/broken.liquid"), '{{ "unclosed"\n{% schema %}{"name": "Broken", "target": "section"}{% endschema %}\n');
    const result = shopifyAppBuild(dir);
    expect(result.status).toBe(0);
    expect(result.output).toContain("built!");
    expect(result.errors.join("\n")).toContain("[error]: LiquidHTMLSyntaxError");
  });
});
