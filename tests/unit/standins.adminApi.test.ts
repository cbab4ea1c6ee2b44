// The Admin API stand-in behaves like Shopify where the app depends on it: calculated cost, the
// leaky bucket and THROTTLED answers, the single-query cost limit, access tokens, shop isolation,
// and mutations that change what later queries see. The clock is injected: no test sleeps.
import { afterEach, describe, expect, it } from "vitest";
import { adminQuery, assertNoUserErrors, UserErrorsError, type AdminGraphqlResult } from "../../app/privacy/adminApi";
import { ADMIN_API_VERSION, ORDER_WINDOW_DAYS, startAdminApiStandIn, type AdminApiStandIn, type StandInOptions } from "../support/adminApi";
import { BUSY_CUSTOMER_ORDERS, DEMO_SHOP, demoFixtureShop, FIXTURE_ACCESS_TOKEN, OTHER_SHOP, requestedScopes } from "../support/fixtures";

const running: AdminApiStandIn[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((standIn) => standIn.close()));
});

async function standIn(options: StandInOptions = {}) {
  const clock = { now: Date.UTC(2026, 10, 24, 9, 0, 0) };
  const started = await startAdminApiStandIn({ now: () => clock.now, ...options });
  running.push(started);
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.now += ms;
  };
  return { ...started, clock, sleep, sleeps };
}

const cost = (result: AdminGraphqlResult<unknown>) => result.extensions!.cost!;

describe("fixtures", () => {
  it("gives the demo shop 30+ Japanese customers with addresses, consent, and 600 orders for customer 1001", () => {
    const shop = demoFixtureShop();
    expect(shop.customers.length).toBeGreaterThanOrEqual(30);
    for (const customer of shop.customers) {
      expect(customer.lastName).toMatch(/^[\p{Script=Han}\p{Script=Hiragana}]+$/u);
      for (const address of customer.addresses) {
        expect(address.zip).toMatch(/^\d{3}-\d{4}$/);
        expect(address.countryCodeV2).toBe("JP");
        expect(address.province).toMatch(/[都道府県]$/);
      }
    }
    expect(shop.customers.filter((c) => c.emailMarketingConsent?.marketingState === "SUBSCRIBED").length).toBeGreaterThan(5);
    expect(shop.customers.filter((c) => c.phone?.startsWith("+81")).length).toBeGreaterThan(10);
    const orders = shop.buildOrders(shop.customers);
    expect(orders.filter((order) => order.customerId === 1001)).toHaveLength(BUSY_CUSTOMER_ORDERS);
    expect(new Set(orders.map((order) => order.name)).size).toBe(orders.length);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(demoFixtureShop().customers)).toBe(JSON.stringify(demoFixtureShop().customers));
  });
});

describe("query cost", () => {
  it("reports Shopify's requested and actual cost and charges the actual cost", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);

    const shop = await client(`{ shop { id name myshopifyDomain email } }`);
    expect(cost(shop).requestedQueryCost).toBe(1);
    expect(cost(shop).throttleStatus).toEqual({ maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 });

    const list = await client(`{ customers(first: 10) { nodes { id email } pageInfo { hasNextPage endCursor } } }`);
    expect(cost(list).requestedQueryCost).toBe(12);

    // 1 (customer) + 2 + 5 × (1 order + 2 + 3 × 1 line item) = 33 requested; customer 1001's first five
    // orders carry 1, 2, 3, 1, 2 line items, so the actual cost is 1 + 2 + (4 + 5 + 6 + 4 + 5) = 27.
    const nested = await client(
      `query Orders($id: ID!) { customer(id: $id) { orders(first: 5) { edges { node { id lineItems(first: 3) { nodes { title } } } } } } }`,
      { id: "gid://shopify/Customer/1001" },
    );
    expect(cost(nested).requestedQueryCost).toBe(33);
    expect(cost(nested).actualQueryCost).toBe(27);
    expect(cost(list).actualQueryCost).toBe(12);
    // The clock stands still, so the bucket shows exactly what was charged: the actual costs.
    expect(cost(nested).throttleStatus.currentlyAvailable).toBe(2000 - 1 - 12 - 27);

    const mutation = await client(`mutation { tagsAdd(id: "gid://shopify/Customer/1002", tags: ["test"]) { userErrors { message } } }`);
    expect(cost(mutation).requestedQueryCost).toBe(10);

    expect(api.calls.map((call) => call.cost)).toEqual([1, 12, 33, 10]);
    expect(api.calls[2].operationName).toBe("Orders");
    expect(api.calls.every((call) => call.shop === DEMO_SHOP)).toBe(true);
  });

  it("refuses a query over 1000 points with MAX_COST_EXCEEDED and charges nothing", async () => {
    const api = await standIn();
    const result = await api.client(DEMO_SHOP)(`{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { title } } } } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].extensions?.code).toBe("MAX_COST_EXCEEDED");
    expect(cost(result).requestedQueryCost).toBe(2 + 250 * (1 + 2 + 10));
    expect(cost(result).throttleStatus.currentlyAvailable).toBe(2000);
  });
});

describe("leaky bucket", () => {
  it("answers THROTTLED once drained, with the throttle status, and lets the query through after the bucket refills", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);
    const query = `{ customers(first: 10) { nodes { id } } }`;
    api.state.drain(DEMO_SHOP, 5);

    const refused = await client(query);
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.[0].extensions?.code).toBe("THROTTLED");
    expect(cost(refused)).toMatchObject({
      requestedQueryCost: 12,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 5, restoreRate: 100 },
    });
    expect(api.calls.at(-1)?.throttled).toBe(true);

    api.clock.now += 50; // +5 points: 10, still short of 12
    expect((await client(query)).errors?.[0].extensions?.code).toBe("THROTTLED");
    api.clock.now += 30; // +3 points: 13
    const accepted = await client(query);
    expect(accepted.errors).toBeUndefined();
    expect((accepted.data as { customers: { nodes: unknown[] } }).customers.nodes).toHaveLength(10);
  });

  it("refills at the restore rate up to the maximum, per shop, with configurable sizes", async () => {
    const api = await standIn({ bucket: { maximumAvailable: 100, restoreRate: 10 } });
    api.state.drain(DEMO_SHOP);
    expect(api.state.bucket(DEMO_SHOP).currentlyAvailable).toBe(0);
    api.clock.now += 2_500;
    expect(api.state.bucket(DEMO_SHOP).currentlyAvailable).toBe(25);
    api.clock.now += 60_000;
    expect(api.state.bucket(DEMO_SHOP).currentlyAvailable).toBe(100);

    api.state.drain(DEMO_SHOP);
    const other = await api.client(OTHER_SHOP)(`{ shop { name } }`);
    expect(other.errors).toBeUndefined();
    expect(cost(other).throttleStatus.currentlyAvailable).toBe(99);
  });

  it("lets adminQuery page through all 600 orders of customer 1001, riding out THROTTLED answers", async () => {
    const api = await standIn();
    const query = `query CustomerOrders($id: ID!, $after: String) {
      customer(id: $id) {
        orders(first: 80, after: $after, sortKey: CREATED_AT) {
          edges { node { id name createdAt
            shippingAddress { zip province city address1 }
            totalPriceSet { shopMoney { amount currencyCode } }
            lineItems(first: 5) { nodes { title sku quantity } } } }
          pageInfo { hasNextPage endCursor }
        }
      }
    }`;
    type Page = {
      customer: {
        orders: {
          edges: Array<{ node: { name: string; shippingAddress: { zip: string } | null; lineItems: { nodes: unknown[] } } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await adminQuery<Page>(api.client(DEMO_SHOP), query, { id: "gid://shopify/Customer/1001", after }, { sleep: api.sleep });
      for (const { node } of page.customer.orders.edges) {
        names.push(node.name);
        expect(node.shippingAddress?.zip).toMatch(/^\d{3}-\d{4}$/);
        expect(node.lineItems.nodes.length).toBeGreaterThan(0);
      }
      after = page.customer.orders.pageInfo.hasNextPage ? page.customer.orders.pageInfo.endCursor : null;
      pages++;
    } while (after);

    expect(pages).toBe(Math.ceil(BUSY_CUSTOMER_ORDERS / 80));
    expect(new Set(names).size).toBe(BUSY_CUSTOMER_ORDERS);
    expect(api.calls.some((call) => call.throttled)).toBe(true);
    expect(api.sleeps.length).toBe(api.calls.filter((call) => call.throttled).length);
    expect(api.sleeps.every((ms) => ms > 0 && ms < 10_000)).toBe(true);
  });
});

describe("lookups", () => {
  it("finds customers by email and phone and orders by name", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);
    const target = api.state.customer(DEMO_SHOP, 1005)!;
    type Found = { customers: { nodes: Array<{ id: string }> } };
    const byEmail = await adminQuery<Found>(client, `query($q: String) { customers(first: 5, query: $q) { nodes { id } } }`, {
      q: `email:${target.email!.toUpperCase()}`,
    });
    expect(byEmail.customers.nodes).toEqual([{ id: "gid://shopify/Customer/1005" }]);
    const byPhone = await adminQuery<Found>(client, `query($q: String) { customers(first: 5, query: $q) { nodes { id } } }`, {
      q: `phone:${target.phone}`,
    });
    expect(byPhone.customers.nodes).toEqual([{ id: "gid://shopify/Customer/1005" }]);
    const none = await adminQuery<Found>(client, `{ customers(first: 5, query: "email:nobody@example.jp") { nodes { id } } }`);
    expect(none.customers.nodes).toEqual([]);

    const order = await adminQuery<{ orders: { nodes: Array<{ name: string; customer: { id: string } }> } }>(
      client,
      `{ orders(first: 1, query: "name:#1001") { nodes { name customer { id } } } }`,
    );
    expect(order.orders.nodes).toEqual([{ name: "#1001", customer: { id: "gid://shopify/Customer/1001" } }]);
  });

  it("answers a customer in Shopify's shapes", async () => {
    const api = await standIn();
    const data = await adminQuery<{ customer: Record<string, unknown> }>(
      api.client(DEMO_SHOP),
      `{ customer(id: "gid://shopify/Customer/1001") {
          id legacyResourceId email phone locale tags note numberOfOrders
          defaultAddress { id zip countryCodeV2 }
          addresses(first: 5) { province }
          emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
          smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom }
          amountSpent { amount currencyCode }
      } }`,
    );
    expect(data.customer).toMatchObject({
      id: "gid://shopify/Customer/1001",
      legacyResourceId: "1001",
      numberOfOrders: "600",
      defaultAddress: { zip: "150-0001", countryCodeV2: "JP" },
      emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "CONFIRMED_OPT_IN" },
      smsMarketingConsent: { marketingState: "SUBSCRIBED", consentCollectedFrom: "SHOPIFY" },
      amountSpent: { currencyCode: "JPY" },
    });
    expect(String((data.customer.defaultAddress as { id: string }).id)).toMatch(/^gid:\/\/shopify\/MailingAddress\/\d+/);
  });

  it("rejects a connection without first or last, like Shopify", async () => {
    const api = await standIn();
    const result = await api.client(DEMO_SHOP)(`{ customers { nodes { id } } }`);
    expect(result.errors?.[0].message).toMatch(/first or last/);
  });
});

describe("mutations change state", () => {
  it("updates email marketing consent, visible in state and in later queries", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);
    const result = await adminQuery<{ customerEmailMarketingConsentUpdate: { customer: { emailMarketingConsent: { marketingState: string } }; userErrors: [] } }>(
      client,
      `mutation Consent($input: CustomerEmailMarketingConsentUpdateInput!) {
        customerEmailMarketingConsentUpdate(input: $input) {
          customer { id emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } }
          userErrors { field message code }
        }
      }`,
      {
        input: {
          customerId: "gid://shopify/Customer/1001",
          emailMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt: "2026-11-24T09:00:00Z" },
        },
      },
    );
    assertNoUserErrors(result.customerEmailMarketingConsentUpdate);
    expect(result.customerEmailMarketingConsentUpdate.customer.emailMarketingConsent.marketingState).toBe("UNSUBSCRIBED");
    expect(api.state.customer(DEMO_SHOP, 1001)!.emailMarketingConsent).toEqual({
      marketingState: "UNSUBSCRIBED",
      marketingOptInLevel: "SINGLE_OPT_IN",
      consentUpdatedAt: "2026-11-24T09:00:00Z",
    });
  });

  it("refuses email consent for a customer without an email, and a REDACTED state, changing nothing", async () => {
    const api = await standIn();
    const mutation = `mutation($input: CustomerEmailMarketingConsentUpdateInput!) {
      customerEmailMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } } }`;
    type Answer = { customerEmailMarketingConsentUpdate: { customer: null; userErrors: Array<{ field: string[]; code: string }> } };
    const noEmail = api.state.shop(DEMO_SHOP).fixture.customers.find((customer) => !customer.email)!;
    const refused = await adminQuery<Answer>(api.client(DEMO_SHOP), mutation, {
      input: { customerId: `gid://shopify/Customer/${noEmail.id}`, emailMarketingConsent: { marketingState: "SUBSCRIBED" } },
    });
    expect(refused.customerEmailMarketingConsentUpdate).toMatchObject({ customer: null, userErrors: [{ field: ["input", "customerId"], code: "INVALID" }] });
    const before = structuredClone(api.state.customer(DEMO_SHOP, 1001)!.emailMarketingConsent);
    const redacted = await adminQuery<Answer>(api.client(DEMO_SHOP), mutation, {
      input: { customerId: "gid://shopify/Customer/1001", emailMarketingConsent: { marketingState: "REDACTED" } },
    });
    expect(redacted.customerEmailMarketingConsentUpdate.userErrors[0].code).toBe("INCLUSION");
    expect(api.state.customer(DEMO_SHOP, 1001)!.emailMarketingConsent).toEqual(before);
  });

  it("updates SMS consent, adds tags, and requests then cancels a data erasure", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);
    const sms = await adminQuery<{ customerSmsMarketingConsentUpdate: { userErrors: [] } }>(
      client,
      `mutation($input: CustomerSmsMarketingConsentUpdateInput!) { customerSmsMarketingConsentUpdate(input: $input) { customer { id } userErrors { field message code } } }`,
      { input: { customerId: "gid://shopify/Customer/1001", smsMarketingConsent: { marketingState: "UNSUBSCRIBED" } } },
    );
    assertNoUserErrors(sms.customerSmsMarketingConsentUpdate);
    expect(api.state.customer(DEMO_SHOP, 1001)!.smsMarketingConsent?.marketingState).toBe("UNSUBSCRIBED");

    await adminQuery(client, `mutation { tagsAdd(id: "gid://shopify/Customer/1003", tags: ["privacy:stop_use", "VIP"]) { userErrors { message } } }`);
    expect(api.state.customer(DEMO_SHOP, 1003)!.tags).toEqual(["privacy:stop_use", "VIP"]);

    const erase = `mutation($id: ID!) { customerRequestDataErasure(customerId: $id) { customerId userErrors { field message code } } }`;
    const cancel = `mutation($id: ID!) { customerCancelDataErasure(customerId: $id) { customerId userErrors { field message code } } }`;
    const requested = await adminQuery<{ customerRequestDataErasure: { customerId: string; userErrors: [] } }>(client, erase, {
      id: "gid://shopify/Customer/1004",
    });
    expect(requested.customerRequestDataErasure.customerId).toBe("gid://shopify/Customer/1004");
    expect(api.state.customer(DEMO_SHOP, 1004)!.dataErasureRequestedAt).toBe("2026-11-24T09:00:00Z");
    await adminQuery(client, cancel, { id: "gid://shopify/Customer/1004" });
    expect(api.state.customer(DEMO_SHOP, 1004)!.dataErasureRequestedAt).toBeNull();

    const again = await adminQuery<{ customerCancelDataErasure: { userErrors: Array<{ message: string; code: string }> } }>(client, cancel, {
      id: "gid://shopify/Customer/1004",
    });
    expect(again.customerCancelDataErasure.userErrors[0].code).toBe("NOT_BEING_ERASED");
    expect(() => assertNoUserErrors(again.customerCancelDataErasure)).toThrow(UserErrorsError);
  });

  it("answers bad customerUpdate input with userErrors and changes nothing", async () => {
    const api = await standIn();
    const before = structuredClone(api.state.customer(DEMO_SHOP, 1002));
    const result = await adminQuery<{ customerUpdate: { customer: null; userErrors: Array<{ field: string[]; message: string }> } }>(
      api.client(DEMO_SHOP),
      `mutation($input: CustomerInput!) { customerUpdate(input: $input) { customer { id } userErrors { field message } } }`,
      { input: { id: "gid://shopify/Customer/1002", email: "not-an-email", note: "changed" } },
    );
    expect(result.customerUpdate.userErrors).toEqual([{ field: ["email"], message: "Email is invalid" }]);
    expect(api.state.customer(DEMO_SHOP, 1002)).toEqual(before);
  });

  it("stores an app-data metafield that currentAppInstallation reads back", async () => {
    const api = await standIn();
    const client = api.client(DEMO_SHOP);
    const installation = await adminQuery<{ currentAppInstallation: { id: string } }>(client, `{ currentAppInstallation { id } }`);
    const value = { version: 1, languages: { ja: { title: "プライバシーポリシー" } } };
    const set = await adminQuery<{ metafieldsSet: { metafields: Array<{ key: string }>; userErrors: [] } }>(
      client,
      `mutation($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { metafields { id namespace key } userErrors { field message code } } }`,
      { metafields: [{ ownerId: installation.currentAppInstallation.id, namespace: "privacy_desk", key: "policy", type: "json", value: JSON.stringify(value) }] },
    );
    assertNoUserErrors(set.metafieldsSet);
    const read = await adminQuery<{ currentAppInstallation: { metafield: { jsonValue: unknown; type: string } } }>(
      client,
      `{ currentAppInstallation { metafield(namespace: "privacy_desk", key: "policy") { type jsonValue } } }`,
    );
    expect(read.currentAppInstallation.metafield).toEqual({ type: "json", jsonValue: value });

    const invalid = await adminQuery<{ metafieldsSet: { userErrors: Array<{ code: string }> } }>(
      client,
      `mutation($metafields: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $metafields) { userErrors { field message code } } }`,
      { metafields: [{ ownerId: installation.currentAppInstallation.id, namespace: "privacy_desk", key: "policy", type: "json", value: "{not json" }] },
    );
    expect(invalid.metafieldsSet.userErrors[0].code).toBe("INVALID_VALUE");
    expect(JSON.parse(api.state.metafield(DEMO_SHOP, installation.currentAppInstallation.id, "privacy_desk", "policy")!.value)).toEqual(value);
  });
});

describe("access", () => {
  it("never shows one shop another shop's customers or lets it change them", async () => {
    const api = await standIn();
    const other = api.client(OTHER_SHOP);
    const data = await adminQuery<{ customer: unknown; customers: { nodes: Array<{ id: string }> } }>(
      other,
      `{ customer(id: "gid://shopify/Customer/1001") { id } customers(first: 50) { nodes { id } } }`,
    );
    expect(data.customer).toBeNull();
    expect(data.customers.nodes.length).toBeGreaterThan(0);
    expect(data.customers.nodes.every(({ id }) => /\/20\d\d$/.test(id))).toBe(true);

    const tagged = await adminQuery<{ tagsAdd: { userErrors: unknown[] } }>(
      other,
      `mutation { tagsAdd(id: "gid://shopify/Customer/1001", tags: ["hijacked"]) { userErrors { message } } }`,
    );
    expect(tagged.tagsAdd.userErrors).toHaveLength(1);
    expect(api.state.customer(DEMO_SHOP, 1001)!.tags).not.toContain("hijacked");
  });

  it("answers 401 without an access token or with a wrong one, and 404 for an unknown shop", async () => {
    const api = await standIn();
    const post = (headers: Record<string, string>) =>
      fetch(`${api.url}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      });
    expect((await post({ "X-Standin-Shop": DEMO_SHOP })).status).toBe(401);
    expect((await post({ "X-Standin-Shop": DEMO_SHOP, "X-Shopify-Access-Token": "shpat_wrong" })).status).toBe(401);
    expect((await post({ "X-Standin-Shop": "nowhere.myshopify.com", "X-Shopify-Access-Token": FIXTURE_ACCESS_TOKEN })).status).toBe(404);
    const ok = await post({ "X-Standin-Shop": DEMO_SHOP, "X-Shopify-Access-Token": FIXTURE_ACCESS_TOKEN });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ data: { shop: { name: "Qui Pearl" } } });
    expect(api.calls).toHaveLength(1);
    await expect(api.client(DEMO_SHOP, "shpat_wrong")(`{ shop { name } }`)).rejects.toMatchObject({ code: "HTTP_401" });
  });
});

describe("access scopes, as Shopify checks them per field", () => {
  const withScopes = (grantedScopes: string[]) => ({ shops: [{ ...demoFixtureShop(), grantedScopes }] });

  it("answers ACCESS_DENIED with the required access for a field the granted scopes do not cover", async () => {
    const api = await standIn(withScopes(["read_customers", "write_customers", "read_orders"]));
    const result = await api.client(DEMO_SHOP)<{ customerRequestDataErasure: unknown }>(
      `mutation { customerRequestDataErasure(customerId: "gid://shopify/Customer/1002") { customerId userErrors { message } } }`,
    );
    expect(result.data).toEqual({ customerRequestDataErasure: null });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Access denied for customerRequestDataErasure field\. Required access: `write_customer_data_erasure` access scope/),
        path: ["customerRequestDataErasure"],
        extensions: expect.objectContaining({ code: "ACCESS_DENIED", requiredAccess: expect.stringContaining("write_customer_data_erasure") }),
      }),
    ]);
    expect(api.state.customer(DEMO_SHOP, 1002)!.dataErasureRequestedAt ?? null).toBeNull();
    // A type's scope counts too: without read_orders no Order can be read, even through a customer.
    const noOrders = await standIn(withScopes(["read_customers"]));
    const orders = await noOrders.client(DEMO_SHOP)(`{ customer(id: "gid://shopify/Customer/1001") { id orders(first: 1) { nodes { id } } } }`);
    expect(orders.errors?.[0]).toMatchObject({ extensions: { code: "ACCESS_DENIED" }, path: ["customer", "orders", "nodes"] });
  });

  it("lets a write_ scope stand for its read_ scope and reports the granted scopes on currentAppInstallation", async () => {
    const api = await standIn(withScopes(["write_customers", "write_customer_data_erasure", "read_orders"]));
    const data = await adminQuery<{ customer: { id: string }; currentAppInstallation: { accessScopes: Array<{ handle: string }> } }>(
      api.client(DEMO_SHOP),
      `{ customer(id: "gid://shopify/Customer/1002") { id } currentAppInstallation { accessScopes { handle } } }`,
    );
    expect(data.customer.id).toBe("gid://shopify/Customer/1002");
    expect(data.currentAppInstallation.accessScopes.map((scope) => scope.handle)).toEqual(["write_customers", "write_customer_data_erasure", "read_orders"]);
  });

  it("shows only the last 60 days of orders without read_all_orders; the order count stays the customer's lifetime count", async () => {
    const shop = demoFixtureShop();
    const orders = shop.buildOrders(shop.customers).filter((order) => order.customerId === 1001);
    // The clock stands 30 days after the busy customer's 550th order: some orders are inside the window.
    const clock = Date.parse(orders[549].createdAt) + 30 * 86_400_000;
    const query = `{ customer(id: "gid://shopify/Customer/1001") { numberOfOrders orders(first: 250, sortKey: CREATED_AT) { nodes { createdAt } } } }`;
    type Answer = { customer: { numberOfOrders: string; orders: { nodes: Array<{ createdAt: string }> } } };

    const limited = await standIn({ ...withScopes(requestedScopes()), now: () => clock });
    const seen = await adminQuery<Answer>(limited.client(DEMO_SHOP), query);
    const since = clock - ORDER_WINDOW_DAYS * 86_400_000;
    expect(seen.customer.numberOfOrders).toBe(String(BUSY_CUSTOMER_ORDERS));
    expect(seen.customer.orders.nodes.length).toBe(orders.filter((order) => Date.parse(order.createdAt) >= since).length);
    expect(seen.customer.orders.nodes.length).toBeGreaterThan(0);
    expect(seen.customer.orders.nodes.every((order) => Date.parse(order.createdAt) >= since)).toBe(true);
    const old = await adminQuery<{ order: unknown }>(limited.client(DEMO_SHOP), `{ order(id: "gid://shopify/Order/${orders[0].id}") { id } }`);
    expect(old.order).toBeNull();

    const all = await standIn({ ...withScopes([...requestedScopes(), "read_all_orders"]), now: () => clock });
    expect((await adminQuery<Answer>(all.client(DEMO_SHOP), query)).customer.orders.nodes).toHaveLength(250);
  });
});
