import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createTestDatabase, root, type TestDatabase } from "../support/database";
import { BROWSER_UA, startApp, type RunningApp } from "../support/app";
import { adminHost } from "../support/sessionToken";

describe(`production server on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  let app: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase(undefined, "server");
    app = await startApp({ database });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it("answers the health check through the database", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("sends an embedded request without a session token to Shopify's session-token bounce", async () => {
    const response = await fetch(`${app.url}/app?shop=demo.myshopify.com&embedded=1&host=${adminHost("demo.myshopify.com")}`, {
      headers: { "User-Agent": BROWSER_UA },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/auth/session-token");
  });

  it("serves fingerprinted assets with an immutable cache", async () => {
    const html = await (await fetch(`${app.url}/`, { headers: { "User-Agent": BROWSER_UA } })).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const response = await fetch(`${app.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("immutable");
  });
});

describe("start-up refusals", () => {
  const run = (env: Record<string, string>) => {
    try {
      execFileSync(process.execPath, ["server.mjs"], { cwd: root, env: { PATH: process.env.PATH!, NODE_ENV: "production", ...env }, stdio: "pipe" });
      return { code: 0, stderr: "" };
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      return { code: failure.status, stderr: failure.stderr.toString() };
    }
  };
  const complete = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "http://127.0.0.1:1" };

  it.each(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"])("exits naming %s when it is missing", (name) => {
    const env: Record<string, string> = { ...complete };
    delete env[name];
    const result = run(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${name} is not set`);
  });

  it("exits on a DATABASE_URL of an unknown kind", () => {
    const result = run({ ...complete, DATABASE_URL: "mysql://root@localhost/desk" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unsupported scheme "mysql"');
  });
});
