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
  file: string;
  raw: number;
  gzip: number;
}

export function assetSizes(): AssetSize[] {
  const sizes: AssetSize[] = [];
  for (const block of BLOCKS) {
    const schema = blockSchema(block);
    for (const [kind, file] of [["js", schema.javascript], ["css", schema.stylesheet]] as const) {
      if (!file) continue;
      const bytes = readFileSync(path.join(extensionRoot, "assets", file));
      sizes.push({ block, kind, file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
    }
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
