// The Shopify side of the sandbox: the Admin API stand-in the tests use, on loopback, serving the
// demo fixture shop. The app finds it through the fetch preload (tests/support/shopify-network.mjs).
import type { DemoCustomer } from "./seed";

interface StoredMetafieldLike {
  namespace: string;
  key: string;
  value: string;
}

interface StandInLike {
  url: string;
  state: { shop(domain: string): { metafields: Map<string, StoredMetafieldLike> } };
  close(): Promise<void>;
}

interface FixtureShopLike {
  domain: string;
  accessToken: string;
  customers: DemoCustomer[];
}

export interface SandboxStandIns {
  live: boolean;
  adminApiUrl: string;
  shop: string;
  accessToken: string;
  customers: DemoCustomer[];
  /** The policy the app last published to the shop's app-data metafield, or null. */
  publishedPolicy: () => { version: number } | null;
  close(): Promise<void>;
}

// Imported by path so the sandbox keeps starting (without Admin API answers) if the stand-in is
// broken mid-change; the sandbox says so at start.
const ADMIN_API_MODULE = "../tests/support/adminApi";
const FIXTURES_MODULE = "../tests/support/fixtures";

export async function startStandIns(): Promise<SandboxStandIns> {
  const fixtures = (await import(FIXTURES_MODULE)) as { demoFixtureShop(): FixtureShopLike };
  const demo = fixtures.demoFixtureShop();
  let standIn: StandInLike | null = null;
  try {
    const adminApi = (await import(ADMIN_API_MODULE)) as {
      startAdminApiStandIn(options: { shops: FixtureShopLike[] }): Promise<StandInLike>;
    };
    standIn = await adminApi.startAdminApiStandIn({ shops: [demo] });
  } catch (error) {
    console.error(`Admin API stand-in unavailable: ${error instanceof Error ? error.message : error}`);
  }
  return {
    live: standIn !== null,
    adminApiUrl: standIn?.url ?? "http://127.0.0.1:9",
    shop: demo.domain,
    accessToken: demo.accessToken,
    customers: demo.customers.slice(0, 12),
    publishedPolicy() {
      if (!standIn) return null;
      for (const metafield of standIn.state.shop(demo.domain).metafields.values()) {
        if (metafield.namespace === "privacy_desk" && metafield.key === "policy") {
          try {
            return JSON.parse(metafield.value) as { version: number };
          } catch {
            return null;
          }
        }
      }
      return null;
    },
    async close() {
      await standIn?.close();
    },
  };
}
