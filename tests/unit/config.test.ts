import { describe, expect, it } from "vitest";
import { ConfigError, readAppConfig } from "../../app/config.server";
import { databaseTarget, UnsupportedDatabaseUrlError } from "../../app/db.target";
import { TEST_HASH_KEY } from "../support/hashKey";

const complete = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://desk.example.com/",
  PRIVACY_DESK_HASH_KEY: TEST_HASH_KEY,
  NODE_ENV: "production" as const,
};

describe("readAppConfig", () => {
  it.each(["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"])("refuses to start without %s and names it", (name) => {
    const env = { ...complete, [name]: "" };
    expect(() => readAppConfig(env)).toThrowError(ConfigError);
    expect(() => readAppConfig(env)).toThrowError(new RegExp(`^${name} is not set`));
  });

  it("trims the app URL and defaults the scopes to what the features need", () => {
    const config = readAppConfig(complete);
    expect(config.appUrl).toBe("https://desk.example.com");
    expect(config.scopes).toEqual(["read_customers", "write_customers", "read_orders", "write_customer_data_erasure", "write_app_proxy"]);
    expect(config.database).toEqual({ provider: "sqlite", url: "file:prisma/dev.sqlite" });
  });

  it("refuses to start in production without PRIVACY_DESK_HASH_KEY, naming it and how to make one", () => {
    const env = { ...complete, PRIVACY_DESK_HASH_KEY: "" };
    expect(() => readAppConfig(env)).toThrowError(ConfigError);
    expect(() => readAppConfig(env)).toThrowError(/^PRIVACY_DESK_HASH_KEY is not set.*openssl rand -hex 32/);
  });

  it("refuses a hash key that is short, a typed placeholder or the client secret", () => {
    expect(() => readAppConfig({ ...complete, PRIVACY_DESK_HASH_KEY: "0123456789abcdef" })).toThrowError(/PRIVACY_DESK_HASH_KEY must be at least 32 random bytes/);
    expect(() => readAppConfig({ ...complete, PRIVACY_DESK_HASH_KEY: "ab".repeat(32) })).toThrowError(/does not look random/);
    expect(() => readAppConfig({ ...complete, PRIVACY_DESK_HASH_KEY: "a".repeat(64), SHOPIFY_API_SECRET: "a".repeat(64) })).toThrowError(/must not be the client secret/);
    expect(() => readAppConfig({ ...complete, PRIVACY_DESK_PREVIOUS_HASH_KEYS: "old-secret" })).toThrowError(/PRIVACY_DESK_PREVIOUS_HASH_KEYS must be at least 32 random bytes/);
    expect(() => readAppConfig({ ...complete, PRIVACY_DESK_HASH_KEY: Buffer.from(TEST_HASH_KEY, "hex").toString("base64") })).not.toThrow();
  });

  it("refuses a DATABASE_URL of an unknown kind without echoing it", () => {
    const env = { ...complete, DATABASE_URL: "mysql://admin:hunter2@db/desk" };
    expect(() => readAppConfig(env)).toThrowError(/unsupported scheme "mysql"/);
    expect(() => readAppConfig(env)).not.toThrowError(/hunter2/);
  });
});

describe("databaseTarget", () => {
  it("chooses SQLite for file: URLs and by default, PostgreSQL for postgres:// and postgresql://", () => {
    expect(databaseTarget(undefined).provider).toBe("sqlite");
    expect(databaseTarget("file:/tmp/x.sqlite")).toEqual({ provider: "sqlite", url: "file:/tmp/x.sqlite" });
    expect(databaseTarget("postgres://u@h:5432/d").provider).toBe("postgresql");
    expect(databaseTarget("postgresql://u@h/d").provider).toBe("postgresql");
    expect(() => databaseTarget("redis://h")).toThrowError(UnsupportedDatabaseUrlError);
  });
});
