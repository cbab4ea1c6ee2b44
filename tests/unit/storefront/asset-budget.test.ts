import { describe, expect, it } from "vitest";
import { assetSizes, BLOCKS } from "../../bench/storefront-size";

const JS_BUDGET_GZIP = 3 * 1024;

describe("storefront asset budget", () => {
  const sizes = assetSizes();

  it("measures every block's script and stylesheet", () => {
    expect(sizes.filter((s) => s.kind === "js").map((s) => s.block).sort()).toEqual(["consent-banner", "request-form"]);
    expect(sizes.filter((s) => s.kind === "css").map((s) => s.block).sort()).toEqual([...BLOCKS].sort());
  });

  it.each(BLOCKS)("%s adds at most 3 KB of gzipped JavaScript", (block) => {
    const js = sizes.filter((s) => s.block === block && s.kind === "js").reduce((sum, s) => sum + s.gzip, 0);
    expect(js).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });
});
