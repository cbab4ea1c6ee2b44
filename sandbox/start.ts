// `npm run sandbox`: the production build of the app with Shopify replaced by local stand-ins, a
// seeded demo shop and the sandbox's pages, on http://localhost:3000 (PORT to change it).
// Never in production: it mints session tokens and signs webhooks and proxy requests itself.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { staleBuildReason } from "./freshness";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (process.env.NODE_ENV === "production") {
  console.error("The sandbox refuses to run with NODE_ENV=production: it mints session tokens and signs requests as Shopify would.");
  process.exit(1);
}

const port = Number(process.env.PORT || 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(1);
}
const host = process.env.HOST || "127.0.0.1";

// Tests set SANDBOX_SKIP_BUILD=1: the suite has just built, and two builds must not race on build/.
const reason = staleBuildReason(root);
if (reason && process.env.SANDBOX_SKIP_BUILD === "1") {
  if (reason === "build/ is missing") {
    console.error("build/ is missing: run `npm run build` (or start the sandbox without SANDBOX_SKIP_BUILD).");
    process.exit(1);
  }
} else if (reason) {
  console.log(`Building the app (${reason})…`);
  const built = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) {
    console.error("The build failed; fix the errors above and run `npm run sandbox` again.");
    process.exit(1);
  }
}

// The UI extensions run in the sandbox as Shopify CLI bundles them (extensions/*/dist).
const { staleExtensionsReason } = await import("./surfaces");
const extensionsReason = staleExtensionsReason(root);
if (extensionsReason && process.env.SANDBOX_SKIP_BUILD !== "1") {
  console.log(`Building the UI extensions with Shopify CLI (${extensionsReason})…`);
  const built = spawnSync("npx", ["shopify", "app", "build", "--skip-dependencies-installation"], { cwd: root, stdio: "inherit", env: { ...process.env, SHOPIFY_CLI_NO_ANALYTICS: "1" } });
  if (built.status !== 0) {
    console.error("Shopify CLI could not build the extensions; fix the errors above and run `npm run sandbox` again.");
    process.exit(1);
  }
} else if (extensionsReason) {
  console.error(`${extensionsReason}: run \`npm run build:app\` (or start the sandbox without SANDBOX_SKIP_BUILD).`);
  process.exit(1);
}

const { startStandIns } = await import("./standIns");
const sandboxApp = { clientId: "sandbox-api-key", clientSecret: "sandbox-api-secret" };
const standIns = await startStandIns(sandboxApp);

// The app reads its configuration while its modules load, so the environment comes first.
const appUrl = `http://localhost:${port}`;
process.env.SHOPIFY_API_KEY = sandboxApp.clientId;
process.env.SHOPIFY_API_SECRET = sandboxApp.clientSecret;
// The app's own hash key (never the client secret). Fixed, so the sandbox's database stays readable
// across restarts; production refuses to start without a key of its own.
process.env.PRIVACY_DESK_HASH_KEY ??= "0d6c2f8e4a1b9c7d5e3f1a8b6c4d2e0f9a7b5c3d1e8f6a4b2c0d9e7f5a3b1c8d";
// A sandbox database from before keys were derived was hashed with the sandbox's client secret.
process.env.PRIVACY_DESK_LEGACY_HASH_KEY ??= process.env.SHOPIFY_API_SECRET;
process.env.SHOPIFY_APP_URL = appUrl;
// The sandbox's SMTP catcher listens on loopback, which a shop's SMTP host may not be in production.
process.env.PRIVACY_DESK_ALLOW_PRIVATE_SMTP ??= "1";
process.env.SCOPES ??= "read_customers,write_customers,read_orders,write_customer_data_erasure,write_app_proxy";
process.env.SHOPIFY_ADMIN_STANDIN_URL = standIns.adminApiUrl;
// The same fetch preload the tests use: the app's Admin API calls reach the stand-in.
await import(pathToFileURL(path.join(root, "tests/support/shopify-network.mjs")).href);

const { createDb, prepareDatabase } = await import("../app/db.factory");
const { seedDemoShop, publishDemoPolicy } = await import("./seed");
const { createSandboxLayer } = await import("./server");
const { flowTriggerLog } = await import("../app/privacy/flow/flowOutbox");
const { seedPolicyContent } = await import("../app/privacy/policy/seedPolicy");
const { storefrontPolicyValue } = await import("../app/privacy/policy/publishPolicy");
const { DEFAULT_SHOP_TIME_ZONE } = await import("../app/privacy/shopTime");
const server = await import(pathToFileURL(path.join(root, "server.mjs")).href);

const db = createDb();
await prepareDatabase(db);
const seedOptions = {
  shop: standIns.shop,
  accessToken: standIns.accessToken,
  scopes: process.env.SCOPES,
  customers: standIns.customers,
};
const seeded = await seedDemoShop(db, seedOptions);
const policyVersion = await publishDemoPolicy(db, standIns.admin, standIns.shop);

const build = await server.loadServerBuild();
const layer = createSandboxLayer({
  root,
  appUrl,
  shop: standIns.shop,
  apiKey: process.env.SHOPIFY_API_KEY,
  apiSecret: process.env.SHOPIFY_API_SECRET,
  customers: standIns.customers.map((customer) => ({
    id: customer.id,
    label: `${customer.lastName} ${customer.firstName}${customer.email ? ` <${customer.email}>` : ""}`,
    email: customer.email,
    phone: customer.phone,
  })),
  publishedPolicy: standIns.publishedPolicy,
  seedPolicy: () => storefrontPolicyValue(0, new Date(), seedPolicyContent(), DEFAULT_SHOP_TIME_ZONE),
  shopCustomers: standIns.shopCustomers,
  flowReceived: standIns.flowReceived,
  async flowLog() {
    const [settings, rows] = await Promise.all([db.shopSettings.findUnique({ where: { shop: standIns.shop } }), flowTriggerLog(db, standIns.shop, 100)]);
    return { enabled: settings?.flowTriggersEnabled ?? true, rows };
  },
  adminGraphql: (query, variables) => standIns.admin(query, variables),
  uninstallApp: standIns.revokeAccessToken,
  async reset() {
    standIns.restoreAccessToken();
    await seedDemoShop(db, seedOptions);
    await publishDemoPolicy(db, standIns.admin, standIns.shop);
  },
});
try {
  await build.entry.module.prepareApp?.();
} catch (error) {
  console.error(`The sandbox cannot start: ${error instanceof Error ? error.message : error}`);
  await standIns.close();
  process.exit(1);
}
const http = server.createAppServer(build, { before: layer });
try {
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(port, host, () => resolve());
  });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(code === "EADDRINUSE" ? `Port ${port} is in use: stop what runs there or start with PORT=<another port>.` : `Cannot listen on ${host}:${port}: ${code ?? error}`);
  await standIns.close();
  process.exit(1);
}
const stopBackground: () => Promise<void> = await server.startBackground(build, {
  preload: [pathToFileURL(path.join(root, "tests/support/shopify-network.mjs")).href],
});

console.log(`
  Privacy Desk sandbox: ${appUrl}/sandbox
    admin        ${appUrl}/sandbox
    storefront   ${appUrl}/sandbox/storefront
    customer     ${appUrl}/sandbox/customers
    account      ${appUrl}/sandbox/account
    webhooks     ${appUrl}/sandbox/webhooks
    flow         ${appUrl}/sandbox/flow
  demo shop ${standIns.shop}${seeded.createdRequests ? `, ${seeded.createdRequests} demo requests created` : ""}, policy version ${policyVersion} on the storefront
  database  ${process.env.DATABASE_URL || "file:prisma/dev.sqlite"}
  Admin API stand-in ${standIns.adminApiUrl}
`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  http.close();
  await stopBackground();
  await standIns.close();
  await db.$disconnect();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
