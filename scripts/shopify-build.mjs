// `npm run build:app`: Shopify CLI's own build, offline, as a check. It validates shopify.app.toml,
// shopify.web.toml and the extension against the CLI's schemas, theme-checks the extension and runs
// the web build (shopify.web.toml's `build`, i.e. `npm run build`). The CLI reports theme-check
// errors but still exits 0 and says "built": here any error it reports fails the build.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "node_modules/.bin/shopify");

/** Runs the CLI's build on the app in `dir`; `errors` lists every error it reported. */
export function shopifyAppBuild(dir = root) {
  const result = spawnSync(cli, ["app", "build", "--skip-dependencies-installation", "--no-color", "--path", dir], {
    cwd: dir,
    encoding: "utf8",
    // Without the flag the CLI would try to install dependencies; analytics would try the network.
    env: { ...process.env, SHOPIFY_CLI_NO_ANALYTICS: "1", NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  // eslint-disable-next-line no-control-regex
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
  const errors = [];
  const lines = output.split("\n");
  lines.forEach((line, index) => {
    // Theme check offences: "<extension> │ [error]: <check>" and the message on the next line.
    if (/│\s*\[error\]/.test(line)) errors.push(`${line.replace(/^.*│\s*/, "")} ${(lines[index + 1] ?? "").replace(/^.*│\s*/, "")}`.trim());
    // The CLI's error box, e.g. "Validation errors in shopify.app.toml".
    if (/╭─ error/.test(line)) errors.push(lines.slice(index + 1, index + 8).map((l) => l.replace(/[│╰╯─]/g, "").trim()).filter(Boolean).join(" "));
  });
  if (result.status !== 0 && errors.length === 0) errors.push(`shopify app build exited with ${result.status ?? result.signal}`);
  return { status: result.status, output, errors };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { output, errors } = shopifyAppBuild(process.argv[2] ? path.resolve(process.argv[2]) : root);
  process.stdout.write(output);
  if (errors.length) {
    console.error(`\nshopify app build reported ${errors.length} error(s):\n${errors.map((error) => `  - ${error}`).join("\n")}`);
    process.exit(1);
  }
}
