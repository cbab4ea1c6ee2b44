import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "@shopify/theme-check-node";
import { extensionRoot } from "../support/liquid";

const CONFIG = "theme-check:theme-app-extension";

function describeOffenses(offenses: Awaited<ReturnType<typeof check>>): string[] {
  return offenses.map((o) => `${o.check} ${path.basename(o.uri)}: ${o.message}`);
}

describe("theme-check with Shopify's theme app extension configuration", () => {
  it("reports no errors and no warnings for the extension", async () => {
    const offenses = await check(extensionRoot, CONFIG);
    expect(describeOffenses(offenses)).toEqual([]);
  }, 60_000);

  it("does report a missing translation and a parser-blocking script (the check is live)", async () => {
    const copy = mkdtempSync(path.join(tmpdir(), "pd-theme-check-"));
    try {
      cpSync(extensionRoot, copy, { recursive: true });
      const block = path.join(copy, "blocks/privacy-policy.liquid");
      const source = readFileSync(block, "utf8").replace("'policy.contents' | t", "'policy.no_such_key' | t");
      writeFileSync(block, `<script src="{{ 'x.js' | asset_url }}"></script>\n${source}`);
      const found = describeOffenses(await check(copy, CONFIG)).join("\n");
      expect(found).toContain("TranslationKeyExists");
      expect(found).toContain("ParserBlockingScript");
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
