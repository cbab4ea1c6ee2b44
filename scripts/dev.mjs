// The app in development: shopify.web.toml's dev command, which `shopify app dev` runs with the
// app's credentials, its tunnel URL and a port. It applies the migrations, then serves the app
// through Vite (hot reload, HMR on the same port as the app, so the CLI's proxy carries both) with
// the same webhook fast path as production and the background worker running.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setup } from "./setup.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.NODE_ENV = "development";

// Shopify CLI 4 hands the app its public URL as HOST and APP_URL (not SHOPIFY_APP_URL), and HOST
// must then not be taken for the interface to listen on.
const isUrl = (value) => typeof value === "string" && /^https?:\/\//.test(value);
process.env.SHOPIFY_APP_URL ||= process.env.APP_URL || (isUrl(process.env.HOST) ? process.env.HOST : "");
const listenHost = process.env.HOST && !isUrl(process.env.HOST) ? process.env.HOST : undefined;
const port = Number(process.env.PORT || 3000);

try {
  setup({ quiet: true });
} catch (error) {
  console.error(`setup failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const { createServer: createViteServer } = await import("vite");
const { createAppServer } = await import(pathToFileURL(path.join(root, "server.mjs")).href);

/** @type {import("vite").ViteDevServer} */
let vite;
const loadBuild = () => vite.ssrLoadModule("virtual:remix/server-build");

/** Vite answers its own requests (modules, HMR client, public files); anything else goes on to Remix. */
const viteFirst = (req, res) =>
  new Promise((resolve, reject) => {
    res.once("finish", () => resolve(true));
    vite.middlewares(req, res, (error) => (error ? reject(error) : resolve(false)));
  });

const server = createAppServer(loadBuild, { before: viteFirst, serveClientFiles: false });
vite = await createViteServer({ root, server: { middlewareMode: true, hmr: { server } }, appType: "custom" });

// The worker runs the code of the build it was started from: after an edit under app/, it is
// stopped and started again from the reloaded build (the database client is shared, see db.server.ts).
let running = null;
async function restartBackgroundWork() {
  const previous = running;
  running = null;
  await previous?.entry.module.stopBackgroundWork?.();
  const build = await loadBuild();
  await build.entry.module.startBackgroundWork?.();
  running = build;
}
let pending = null;
vite.watcher.on("change", (file) => {
  if (!file.startsWith(path.join(root, "app") + path.sep)) return;
  clearTimeout(pending);
  pending = setTimeout(() => {
    restartBackgroundWork().catch((error) => console.error("background work did not restart:", error instanceof Error ? error.message : error));
  }, 300);
});

let build;
try {
  build = await loadBuild();
  await build.entry.module.prepareApp?.();
} catch (error) {
  // Configuration errors are thrown while the build's modules load; name them and stop.
  console.error(`Privacy Desk cannot start: ${error instanceof Error ? error.message : error}`);
  await vite.close();
  process.exit(1);
}
await new Promise((resolve) => server.listen(port, listenHost, resolve));
console.log(`Privacy Desk (development) listening on http://localhost:${port}, public URL ${process.env.SHOPIFY_APP_URL}`);
await build.entry.module.startBackgroundWork?.();
running = build;

const shutdown = async () => {
  server.close();
  await running?.entry.module.stopBackgroundWork?.();
  await vite.close();
  process.exit(0);
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
