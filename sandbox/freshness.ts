// Whether build/ reflects the sources: the sandbox serves the production build, so a newcomer who
// edits app/ and restarts `npm run sandbox` must get a rebuild without having to know about it.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const BUILD_INPUTS = ["app", "vite.config.ts", "package.json", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];

function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestChange(path.join(target, entry)));
  return newest;
}

/** The reason build/ needs rebuilding, or null when it is up to date. */
export function staleBuildReason(root: string): string | null {
  const serverBuild = path.join(root, "build/server/index.js");
  if (!existsSync(serverBuild) || !existsSync(path.join(root, "build/client"))) return "build/ is missing";
  const builtAt = statSync(serverBuild).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestChange(path.join(root, input)) > builtAt) return `${input} changed since the last build`;
  }
  return null;
}
