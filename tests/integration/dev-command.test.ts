// `shopify app dev` runs shopify.web.toml's dev command; this runs it the way Shopify CLI 4 does
// (each `&&` part spawned on its own, with the CLI's environment: credentials, the tunnel URL as
// HOST and APP_URL, SCOPES, NODE_ENV=development and PORT) against an empty database, and proves
// that development works: migrations applied, the admin page rendered through Vite with its HMR
// client, and a signed webhook acknowledged by the fast path and processed by the background worker.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_UA, freePort } from "../support/app";
import { createTestDatabase, currentDatabaseKind, root, type TestDatabase } from "../support/database";
import { embeddedAppUrl } from "../support/sessionToken";
import { compliancePayloads, signedWebhook } from "../support/webhooks";

interface WebToml {
  roles: string[];
  webhooks_path: string;
  commands: { dev: string; build?: string; predev?: string };
}
const web = parse(readFileSync(path.join(root, "shopify.web.toml"), "utf8")) as unknown as WebToml;
const app = parse(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as { webhooks: { subscriptions: Array<{ uri: string }> } };

const API_KEY = "dev-api-key";
const API_SECRET = "dev-api-secret";
const TUNNEL = "https://privacy-desk-dev.trycloudflare.com";
const SHOP = "dev-mode.myshopify.com";
const SCOPES = "read_customers,write_customers,read_orders,write_customer_data_erasure,write_app_proxy";

describe(`shopify.web.toml's dev command on ${currentDatabaseKind()}`, () => {
  let database: TestDatabase;
  const db = () => database.db;
  let child: ChildProcess | undefined;
  let output = "";
  let port: number;
  const local = () => `http://127.0.0.1:${port}`;

  it("declares one web process for the admin and the webhooks, with dev and build commands", () => {
    expect([...web.roles].sort()).toEqual(["backend", "frontend"]);
    expect(app.webhooks.subscriptions.map((s) => s.uri)).toContain(web.webhooks_path);
    expect(web.commands.dev).toBeTruthy();
    expect(web.commands.build).toBe("npm run build");
  });

  describe("running", () => {
    beforeAll(async () => {
      // Empty: the dev command must apply the migrations itself.
      database = await createTestDatabase(undefined, "devcmd", { migrated: false });
      port = await freePort();
      // What Shopify CLI 4.8 sets for a web process (its app dev "web" process; no SHOPIFY_APP_URL).
      const cliEnvironment: NodeJS.ProcessEnv = {
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        HOST: TUNNEL,
        APP_URL: TUNNEL,
        SCOPES,
        NODE_ENV: "development",
        BACKEND_PORT: String(port),
        FRONTEND_PORT: String(port),
        APP_ENV: "development",
        REMIX_DEV_ORIGIN: TUNNEL,
        PORT: String(port),
        SERVER_PORT: String(port),
      };
      // Not the test runner's own variables: VITEST would turn off the Remix plugin in vite.config.ts.
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("VITEST") && name !== "SHOPIFY_APP_URL"));
      const env: NodeJS.ProcessEnv = { ...inherited, ...cliEnvironment, DATABASE_URL: database.url, WEBHOOK_WORKER_POLL_MS: "200", PRIVACY_DESK_QUIET: "0" };
      // The CLI splits the command on "&&" and each part on spaces, and runs the parts in turn.
      const parts = web.commands.dev.split("&&").map((part) => part.trim().split(" "));
      for (const [index, [command, ...args]] of parts.entries()) {
        const last = index === parts.length - 1;
        const started = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
        started.stdout!.on("data", (chunk) => (output += chunk));
        started.stderr!.on("data", (chunk) => (output += chunk));
        child = started;
        if (!last) {
          const code = await new Promise<number | null>((resolve) => started.once("exit", resolve));
          expect(code, output).toBe(0);
        }
      }
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (child!.exitCode !== null) throw new Error(`the dev command exited:\n${output}`);
        // Up once this dev server says it listens on the port: whatever else took the probed port
        // in the meantime would answer /healthz too.
        const listening = output.includes(`listening on http://localhost:${port},`);
        const up = listening && (await fetch(`${local()}/healthz`).then((response) => response.ok, () => false));
        if (up) break;
        if (Date.now() > deadline) throw new Error(`the dev command did not listen within 90 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }, 150_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child!.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await database?.drop();
    });

    it("applied the migrations to the empty database", async () => {
      expect(await db().session.count()).toBe(0);
      expect(await db().webhookEvent.count()).toBe(0);
    });

    it("renders the embedded admin page through Vite, with the HMR client on the same port", async () => {
      await db().session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, accessToken: "shpat_dev", scope: SCOPES } });
      const url = embeddedAppUrl(local(), "/app", { shop: SHOP, apiKey: API_KEY, secret: API_SECRET, locale: "ja" });
      const response = await fetch(url, { headers: { "User-Agent": BROWSER_UA } });
      const html = await response.text();
      expect(response.status, html.slice(0, 500)).toBe(200);
      expect(html).toContain('<html lang="ja"');
      // Development markup: Remix's hot-reload runtime and the app's modules from source, not build/'s assets.
      expect(html).toContain('import "/@id/__x00__virtual:remix/inject-hmr-runtime"');
      expect(html).toContain('"/app/root.tsx"');
      expect(html).not.toContain("/assets/entry.client-");
      // Each module Vite serves takes part in hot reload through Vite's client.
      const root = await (await fetch(`${local()}/app/root.tsx`)).text();
      expect(root).toContain('import { createHotContext as __vite__createHotContext } from "/@vite/client"');
      expect(root).toContain('__vite__createHotContext("/app/root.tsx")');
      const client = await fetch(`${local()}/@vite/client`);
      expect(client.status).toBe(200);
      const source = await client.text();
      // Vite's HMR socket answers on the app's own port (the CLI's proxy forwards it with the page).
      const token = /const wsToken = "([^"]+)"/.exec(source)?.[1];
      expect(token).toBeTruthy();
      const message = await new Promise<string>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`, "vite-hmr");
        socket.onmessage = (event) => {
          resolve(String(event.data));
          socket.close();
        };
        socket.onerror = () => reject(new Error("HMR socket refused"));
      });
      expect(JSON.parse(message)).toMatchObject({ type: "connected" });
    });

    it("acknowledges a signed webhook on the fast path and the background worker processes it", async () => {
      const payload = compliancePayloads.dataRequest(SHOP, { id: 73001, email: "dev-mode@example.jp" });
      const signed = signedWebhook({ topic: "customers/data_request", shop: SHOP, payload, secret: API_SECRET });
      const response = await fetch(`${local()}/webhooks/customers/data_request`, { method: "POST", headers: signed.headers, body: signed.body });
      expect(response.status).toBe(200);
      const deadline = Date.now() + 30_000;
      while ((await db().privacyRequest.count({ where: { shop: SHOP, shopifyCustomerId: "73001" } })) === 0) {
        if (Date.now() > deadline) expect.fail(`the worker did not process the delivery:\n${output.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(await db().webhookEvent.findFirst({ where: { shop: SHOP } })).toMatchObject({ status: "done" });
      const wrong = signedWebhook({ topic: "customers/data_request", shop: SHOP, payload, secret: "not-the-secret" });
      expect((await fetch(`${local()}/webhooks/customers/data_request`, { method: "POST", headers: wrong.headers, body: wrong.body })).status).toBe(401);
    });
  });
});
