// The production Dockerfile. No container builder runs on our machines, so its steps run here in a
// clean copy (tests/support/dockerfile.ts): the build context as .dockerignore leaves it,
// `npm ci --omit=dev`, the build, and the image's CMD and HEALTHCHECK as its non-root user. The
// image then serves the app, applies the migrations at start and processes a signed webhook, alone
// on SQLite and as two instances on one PostgreSQL database.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../app/db.factory";
import { freePort } from "../support/app";
import { POSTGRES_ADMIN_URL, root } from "../support/database";
import { executeDockerfile, healthcheck, parseDockerfile, runImage, type ExecutedImage, type RunningContainer } from "../support/dockerfile";
import { compliancePayloads, signedWebhook } from "../support/webhooks";

const dockerfile = path.join(root, "Dockerfile");
const out = path.join(root, "tests/output/docker");
const NODE_UID = 1000;
const API_SECRET = "image-api-secret";
const appEnv = (port: number, databaseUrl: string): Record<string, string> => ({
  PORT: String(port),
  DATABASE_URL: databaseUrl,
  SHOPIFY_API_KEY: "image-api-key",
  SHOPIFY_API_SECRET: API_SECRET,
  SHOPIFY_APP_URL: "https://privacy-desk.example.com",
  PRIVACY_DESK_HASH_KEY: "6f0e3c1d2b4a59687766554433221100ffeeddccbbaa99887766554433221100",
  WEBHOOK_WORKER_POLL_MS: "200",
});

async function waitForHealth(container: RunningContainer, port: number) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (container.process.exitCode !== null) throw new Error(`the container exited:\n${container.output()}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
    if (Date.now() > deadline) throw new Error(`the container did not answer within 90 s:\n${container.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function deliverDataRequest(port: number, shop: string, customerId: number) {
  const payload = compliancePayloads.dataRequest(shop, { id: customerId, email: `image-${customerId}@example.jp` });
  const signed = signedWebhook({ topic: "customers/data_request", shop, payload, secret: API_SECRET });
  const response = await fetch(`http://127.0.0.1:${port}/webhooks/customers/data_request`, { method: "POST", headers: signed.headers, body: signed.body });
  return response.status;
}

describe("the production Dockerfile", () => {
  const stages = parseDockerfile(readFileSync(dockerfile, "utf8"));
  const runtime = stages.at(-1)!;
  const steps = (stage = runtime) => stage.instructions.map((i) => `${i.keyword} ${i.args}`);

  it("builds on Node 22 in every stage and runs as a non-root user on PORT", () => {
    const bases = stages.map((stage) => stage.from).filter((from) => !stages.some((other) => other.name === from));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:22(-|$)/);
    expect(steps()).toContain("USER node");
    expect(steps().find((step) => step.startsWith("ENV "))).toMatch(/\bPORT=3000\b/);
    expect(steps()).toContain("EXPOSE 3000");
  });

  it("takes the runtime's dependencies from npm ci --omit=dev and applies the migrations when it starts", () => {
    const deps = stages.find((stage) => steps(stage).some((step) => step.startsWith("RUN npm ci --omit=dev")));
    expect(deps, "a stage runs npm ci --omit=dev").toBeTruthy();
    expect(steps()).toContain(`COPY --from=${deps!.name} /app/node_modules ./node_modules`);
    expect(steps().at(-1)).toBe('CMD ["sh", "-c", "node scripts/setup.mjs --migrations-only && exec node server.mjs"]');
  });

  describe("carried out in a clean copy", () => {
    let image: ExecutedImage;

    beforeAll(async () => {
      const nodeHome = path.dirname(path.dirname(process.execPath));
      image = await executeDockerfile({
        context: root,
        dockerfile,
        out,
        // This machine's Node (22 or newer, as engines says) stands in for the image's: native addons
      // build against its headers.
        runEnv: { npm_config_nodedir: nodeHome, npm_config_prefer_offline: "true", npm_config_update_notifier: "false" },
      });
    }, 900_000);
    // The stages hold several copies of node_modules.
    afterAll(() => rm(out, { recursive: true, force: true }));

    it("holds production dependencies only, the build and the migrations, and nothing of tests, sandbox or local state", () => {
      const app = (file: string) => path.join(image.hostPath("/app"), file);
      for (const present of ["build/server/index.js", "server.mjs", "prisma/migrations", "prisma/postgres/migrations", "prisma/generated/sqlite/index.js", "node_modules/prisma", "node_modules/better-sqlite3"]) {
        expect(existsSync(app(present)), present).toBe(true);
      }
      for (const absent of ["node_modules/vitest", "node_modules/@remix-run/dev", "node_modules/eslint", "node_modules/@shopify/cli", "node_modules/@shopify/dev-mcp", "tests", "sandbox", "docs", ".env", "prisma/dev.sqlite", ".git"]) {
        expect(existsSync(app(absent)), absent).toBe(false);
      }
      expect(statSync(image.hostPath("/data")).uid).toBe(NODE_UID);
    });

    it("starts as the non-root user on the PORT given, applies the migrations to the SQLite volume, passes its HEALTHCHECK and processes a signed webhook", async () => {
      const port = await freePort();
      const databaseFile = path.join(image.hostPath("/data"), "privacy-desk.sqlite");
      expect(image.env.DATABASE_URL).toBe("file:/data/privacy-desk.sqlite");
      const env = appEnv(port, `file:${databaseFile}`);
      const container = runImage(image, env);
      try {
        await waitForHealth(container, port);
        const status = readFileSync(`/proc/${container.process.pid}/status`, "utf8");
        // setpriv execs the CMD in place, so the process Node runs in is the one spawned.
        expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe(String(NODE_UID));
        expect(container.output()).toMatch(/All migrations have been successfully applied|migrations? (found|applied)/i);
        expect(healthcheck(image, env)).toBe(0);
        expect(await deliverDataRequest(port, "image-shop.myshopify.com", 88001)).toBe(200);
        const db = createDb({ provider: "sqlite", url: `file:${databaseFile}` });
        try {
          const deadline = Date.now() + 30_000;
          while ((await db.privacyRequest.count({ where: { shop: "image-shop.myshopify.com" } })) === 0) {
            if (Date.now() > deadline) expect.fail(`not processed:\n${container.output()}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        } finally {
          await db.$disconnect();
        }
        expect(statSync(databaseFile).uid).toBe(NODE_UID);
      } finally {
        await container.stop();
      }
      // With the server gone the HEALTHCHECK fails.
      expect(healthcheck(image, env)).not.toBe(0);
    });

    describe("two instances on one PostgreSQL database", () => {
      const name = `pd_image_${process.pid}`;
      let url: string;
      const containers: RunningContainer[] = [];

      beforeAll(async () => {
        const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const target = new URL(POSTGRES_ADMIN_URL);
        target.pathname = `/${name}`;
        url = target.toString();
      });
      afterAll(async () => {
        await Promise.all(containers.map((container) => container.stop()));
        const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      });

      it("both migrate at start and serve, and each delivery is processed once", async () => {
        const ports = [await freePort(), await freePort()];
        mkdirSync(image.hostPath("/tmp"), { recursive: true });
        // Started together: both run the migrations at once, and Prisma lets one apply them.
        for (const port of ports) containers.push(runImage(image, appEnv(port, url)));
        await Promise.all(containers.map((container, index) => waitForHealth(container, ports[index])));
        for (const [index, port] of ports.entries()) expect(await deliverDataRequest(port, "image-fleet.myshopify.com", 89001 + index)).toBe(200);
        const db = createDb({ provider: "postgresql", url });
        try {
          const deadline = Date.now() + 30_000;
          while ((await db.webhookEvent.count({ where: { status: "done" } })) < 2) {
            if (Date.now() > deadline) expect.fail(`not processed:\n${containers.map((c) => c.output()).join("\n---\n")}`);
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
          const requests = await db.privacyRequest.findMany({ where: { shop: "image-fleet.myshopify.com" }, select: { shopifyCustomerId: true } });
          expect(requests.map((r) => r.shopifyCustomerId).sort()).toEqual(["89001", "89002"]);
          expect(await db.webhookEvent.count()).toBe(2);
        } finally {
          await db.$disconnect();
        }
      });
    });
  });
});
