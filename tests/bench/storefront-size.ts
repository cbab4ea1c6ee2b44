// Bytes of JavaScript and CSS each block of the theme app extension adds to a storefront page,
// raw and gzipped. `node --import tsx tests/bench/storefront-size.ts` prints a Markdown table;
// docs/storefront-performance.md quotes it and a unit test holds the JS budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";
import { blockSchema, extensionRoot } from "../support/liquid";

export const BLOCKS = ["privacy-policy", "request-form", "consent-banner"] as const;

export interface AssetSize {
  block: string;
  kind: "js" | "css";
  /** The deferred script asset, or the snippet whose <style> the block inlines. */
  file: string;
  raw: number;
  gzip: number;
}

function measured(block: string, kind: AssetSize["kind"], file: string, bytes: Buffer): AssetSize {
  return { block, kind, file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The CSS a block inlines: the body of its `pd-<block>-style` snippet's <style> element. */
export function inlineCss(block: string): string | null {
  try {
    const snippet = readFileSync(path.join(extensionRoot, "snippets", `pd-${block}-style.liquid`), "utf8");
    return /<style>([\s\S]*?)<\/style>/.exec(snippet)?.[1] ?? null;
  } catch {
    return null;
  }
}

export function assetSizes(): AssetSize[] {
  const sizes: AssetSize[] = [];
  for (const block of BLOCKS) {
    const script = blockSchema(block).javascript;
    if (script) sizes.push(measured(block, "js", script, readFileSync(path.join(extensionRoot, "assets", script))));
    const css = inlineCss(block);
    if (css) sizes.push(measured(block, "css", `snippets/pd-${block}-style.liquid (inline)`, Buffer.from(css)));
  }
  return sizes;
}

export function sizeTable(sizes = assetSizes()): string {
  const rows = sizes.map((s) => `| ${s.block} | ${s.kind.toUpperCase()} | ${s.file} | ${s.raw} | ${s.gzip} |`);
  return ["| Block | Kind | File | Raw bytes | Gzipped bytes |", "|---|---|---|---:|---:|", ...rows].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(sizeTable());
}
