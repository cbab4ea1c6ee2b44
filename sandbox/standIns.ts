// The Shopify side of the sandbox: the Admin API stand-in the tests use, on loopback, serving the
// demo fixture shop. The app finds it through the fetch preload (tests/support/shopify-network.mjs).
import { randomBytes } from "node:crypto";
import { startAdminApiStandIn } from "../tests/support/adminApi";
import { demoFixtureShop } from "../tests/support/fixtures";
import type { AppCredentials } from "../tests/support/tokenExchange";
import type { AdminGraphql } from "../app/privacy/adminApi";
import type { DemoCustomer } from "./seed";
import type { SandboxCustomer } from "./surfaces";

export interface SandboxStandIns {
  adminApiUrl: string;
  shop: string;
  accessToken: string;
  customers: DemoCustomer[];
  /** Admin GraphQL for the demo shop, as the app would call it. */
  admin: AdminGraphql;
  /** The policy the app last published to the shop's app-data metafield, or null. */
  publishedPolicy: () => { version: number } | null;
  /** The first dozen customers as the stand-in holds them now (consent and contact details change). */
  shopCustomers: () => SandboxCustomer[];
  /** What the shop's Flow accepted (flowTriggerReceive). */
  flowReceived: () => Array<{ handle: string; payload: Record<string, unknown>; receivedAt: string }>;
  /**
   * What uninstalling does at Shopify: the offline token stops working (the app believes an
   * app/uninstalled only then), and the next install's token exchange issues another one.
   */
  revokeAccessToken(): void;
  /** Back to the token the demo shop is seeded with (the sandbox's reset). */
  restoreAccessToken(): void;
  close(): Promise<void>;
}

export async function startStandIns(app: AppCredentials): Promise<SandboxStandIns> {
  const demo = demoFixtureShop();
  const standIn = await startAdminApiStandIn({ shops: [demo], app });
  const accessToken = demo.accessToken;
  return {
    adminApiUrl: standIn.url,
    shop: demo.domain,
    accessToken,
    // The storefront's "log in as" list and the demo requests draw on the first dozen.
    customers: demo.customers.slice(0, 12),
    admin: standIn.client(demo.domain),
    publishedPolicy() {
      for (const metafield of standIn.state.shop(demo.domain).metafields.values()) {
        if (metafield.namespace !== "privacy_desk" || metafield.key !== "policy") continue;
        try {
          return JSON.parse(metafield.value) as { version: number };
        } catch {
          return null;
        }
      }
      return null;
    },
    shopCustomers: () =>
      demo.customers.slice(0, 12).map((fixture) => {
        const customer = standIn.state.customer(demo.domain, fixture.id) ?? fixture;
        const orders = standIn.state.orders(demo.domain).filter((order) => order.customerId === customer.id).length;
        return { id: customer.id, firstName: customer.firstName, lastName: customer.lastName, email: customer.email, phone: customer.phone, locale: customer.locale, createdAt: customer.createdAt, orders };
      }),
    flowReceived: () => standIn.state.shop(demo.domain).flowTriggers,
    revokeAccessToken: () => void (standIn.state.shop(demo.domain).fixture.accessToken = `shpat_${randomBytes(16).toString("hex")}`),
    restoreAccessToken: () => void (standIn.state.shop(demo.domain).fixture.accessToken = accessToken),
    close: () => standIn.close(),
  };
}
