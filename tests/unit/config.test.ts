import { describe, expect, it } from "vitest";
import { ConfigError, readAppConfig } from "../../app/config.server";
import { databaseTarget, UnsupportedDatabaseUrlError } from "../../app/db.target";

const complete = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://desk.example.com/",
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
