// The app's configuration from the environment, checked once at start-up so that a misconfigured
// production server refuses to start and says which variable is wrong.
import { databaseTarget, type DatabaseTarget } from "./db.target";
import { HashKeyError, readHashKeyring } from "./privacy/keyedHash";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface AppConfig {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[];
  database: DatabaseTarget;
  production: boolean;
}

export const REQUIRED_VARIABLES = ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"] as const;

export const DEFAULT_SCOPES = ["read_customers", "write_customers", "read_orders", "write_customer_data_erasure", "write_app_proxy"];

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  for (const name of REQUIRED_VARIABLES) {
    if (!env[name] || env[name]!.trim() === "") {
      throw new ConfigError(`${name} is not set. Privacy Desk needs ${REQUIRED_VARIABLES.join(", ")} to start.`);
    }
  }
  const appUrl = env.SHOPIFY_APP_URL!.trim().replace(/\/+$/, "");
  if (!/^https?:\/\//.test(appUrl)) {
    throw new ConfigError("SHOPIFY_APP_URL must be an absolute http(s) URL.");
  }
  let database: DatabaseTarget;
  try {
    database = databaseTarget(env.DATABASE_URL);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  // The hash keys are read here too, so a missing or weak key stops the server before it listens.
  try {
    readHashKeyring(env);
  } catch (error) {
    if (error instanceof HashKeyError) throw new ConfigError(error.message);
    throw error;
  }
  const scopes = (env.SCOPES ?? "")
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean);
  return {
    apiKey: env.SHOPIFY_API_KEY!.trim(),
    apiSecret: env.SHOPIFY_API_SECRET!.trim(),
    appUrl,
    scopes: scopes.length ? scopes : DEFAULT_SCOPES,
    database,
    production: env.NODE_ENV === "production",
  };
}
