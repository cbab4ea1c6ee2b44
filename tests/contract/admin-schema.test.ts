// The app's Admin GraphQL operations against Shopify's published schema for the API version in
// shopify.app.toml (@shopify/dev-mcp, dist/data/admin_<version>.json.gz): each operation validates,
// every access scope its fields need is requested, and the Admin API stand-in's answers have the
// shapes that schema gives them, so neither the app nor the stand-in can drift from Shopify.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse as parseGraphql, validate, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { parse as parseToml } from "smol-toml";
import { POLICY_METAFIELD } from "../../app/privacy/policy/publishPolicy";
import { STOP_USE_TAG } from "../../app/privacy/requests/shopifyActions";
import { FLOW_TRIGGERS, flowPayload, flowPayloadJson } from "../../app/privacy/flow/flowTriggers";
import { flowPayloadVariable } from "../../app/privacy/flow/flowOutbox";
import { ADMIN_API_VERSION, startAdminApiStandIn, type AdminApiStandIn } from "../support/adminApi";
import { appOperations, appQueryCalls, untaggedDocuments, type AppOperation } from "../support/appOperations";
import { BUSY_CUSTOMER_ID, DEMO_SHOP, demoFixtureShop, FIXTURE_ACCESS_TOKEN, requestedScopes } from "../support/fixtures";
import { answerShapeErrors, fieldsUsed, grants, loadPublishedAdminSchema, publishedSchemaFile, type PublishedAdminSchema } from "../support/shopifySchema";

const root = path.resolve(import.meta.dirname, "../..");
const toml = parseToml(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as { webhooks: { api_version: string } };
const version = toml.webhooks.api_version;

const operationName = (document: DocumentNode) =>
  document.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition")?.name?.value ?? "";

/** Fields of `operation` whose required access `scopes` do not grant, as "Type.field needs …". */
function missingScopes(published: PublishedAdminSchema, operation: AppOperation, scopes: string[]): string[] {
  return fieldsUsed(published, parseGraphql(operation.text)).flatMap((field) =>
    field.requirements.filter((requirement) => !grants(scopes, requirement)).map((requirement) => `${operationName(parseGraphql(operation.text))}: ${field.coordinate} needs ${requirement.requiredAccess}`),
  );
}

describe(`the app's Admin API operations against Shopify's published ${version} schema`, () => {
  let published: PublishedAdminSchema;
  let operations: AppOperation[];
  beforeAll(() => {
    published = loadPublishedAdminSchema(version);
    operations = appOperations();
  });

  it("uses the schema of the version shopify.app.toml and the stand-in speak", () => {
    expect(existsSync(publishedSchemaFile(version)), publishedSchemaFile(version)).toBe(true);
    expect(ADMIN_API_VERSION).toBe(version);
    expect(published.schema.getMutationType()?.getFields()).toHaveProperty("customerRequestDataErasure");
  });

  it("finds every operation: each document sent to Shopify is a #graphql constant read here", () => {
    const calls = appQueryCalls();
    // adminQuery itself forwards its `query` parameter; every other call names a #graphql constant.
    const untagged = calls.filter((call) => !call.tagged);
    expect(untagged.map((call) => `${call.at} ${call.document}`)).toEqual([expect.stringMatching(/^privacy\/adminApi\.ts:\d+ query$/)]);
    const sent = new Set(calls.filter((call) => call.tagged).map((call) => call.document));
    const read = new Set(operations.map((operation) => operation.constant));
    expect([...sent].filter((name) => !read.has(name!))).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(17);
  });

  it("finds no GraphQL document in app/ written without #graphql, whatever the function that would send it is called", () => {
    // appQueryCalls sees calls of adminQuery and of an AdminGraphql named `api`; a document handed
    // to one under another name (`admin(...)`, `(await adminFor(shop))(...)`) is caught here instead.
    expect(untaggedDocuments()).toEqual([]);
    const probe = path.join(root, "tests/output/untagged-probe.ts");
    mkdirSync(path.dirname(probe), { recursive: true });
    writeFileSync(
      probe,
      [
        "const a = `query Probe { shop { name } }`;",
        'const b = "{ shop { name } }";',
        "const c = `mutation M($id: ID!) { tagsAdd(id: $id, tags: ${JSON.stringify(\"x\")}) { userErrors { message } } }`;",
        'const d = "{name} さん";',
        'const e = "{name}";',
        "const f = `#graphql\n query Tagged { shop { id } }`;",
        'const g = "query string of the search box";',
      ].join("\n"),
    );
    try {
      expect(untaggedDocuments([probe]).map((at) => at.replace(/^.*:/, "line "))).toEqual(["line 1", "line 2", "line 3"]);
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it("resolves interpolations as the code builds them", () => {
    const byName = new Map(operations.map((operation) => [operation.constant, operation.text]));
    // ${CORRECTABLE_FIELDS.join(" ")} from requests/requestTypes.ts and ${ADDRESS} from the same module.
    expect(byName.get("CUSTOMER_CURRENT")).toMatch(/customer\(id: \$id\) \{ id firstName lastName email phone/);
    expect(byName.get("ORDERS")).toContain("shippingAddress { firstName lastName company address1");
    for (const text of byName.values()) expect(text).not.toContain("${");
  });

  it("gives every operation a unique name (Shopify's logs and the stand-in's call log show it)", () => {
    const names = operations.map((operation) => operationName(parseGraphql(operation.text)));
    expect(names.filter((name) => !name)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("validates every operation against the published schema", () => {
    const invalid = operations.flatMap((operation) =>
      validate(published.schema, parseGraphql(operation.text)).map((error) => `${operation.constant} (${operation.file}:${operation.line}): ${error.message}`),
    );
    expect(invalid).toEqual([]);
  });

  it("requests in shopify.app.toml every access scope those operations need", () => {
    const scopes = requestedScopes();
    expect(operations.flatMap((operation) => missingScopes(published, operation, scopes))).toEqual([]);
  });

  it("would have caught the missing erasure scope (the check fails on the scopes before write_customer_data_erasure)", () => {
    const before = ["read_customers", "write_customers", "read_orders", "write_app_proxy"];
    const missing = operations.flatMap((operation) => missingScopes(published, operation, before));
    expect(missing).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PrivacyDeskRequestErasure: Mutation\.customerRequestDataErasure needs `write_customer_data_erasure`/),
        expect.stringMatching(/^PrivacyDeskCancelErasure: Mutation\.customerCancelDataErasure needs `write_customer_data_erasure`/),
      ]),
    );
  });

  it("asks for no Admin API scope it does not use (write_app_proxy serves the App Proxy, not GraphQL)", () => {
    const needed = new Set(
      operations.flatMap((operation) => fieldsUsed(published, parseGraphql(operation.text)).flatMap((field) => field.requirements.flatMap((r) => r.anyOf))),
    );
    const unused = requestedScopes().filter((scope) => scope !== "write_app_proxy" && !needed.has(scope) && !needed.has(scope.replace(/^write_/, "read_")));
    expect(unused).toEqual([]);
  });
});

describe("the Admin API stand-in's answers have the published schema's shapes", () => {
  let published: PublishedAdminSchema;
  let standIn: AdminApiStandIn;
  const shop = demoFixtureShop();
  const busy = shop.customers.find((customer) => customer.id === BUSY_CUSTOMER_ID)!;
  const reachable = shop.customers.find((customer) => customer.email && customer.phone)!;
  const gid = (type: string, id: number) => `gid://shopify/${type}/${id}`;

  beforeAll(async () => {
    published = loadPublishedAdminSchema(version);
    standIn = await startAdminApiStandIn();
  });
  afterAll(() => standIn.close());

  async function ask(text: string, variables: Record<string, unknown>) {
    const answer = await standIn.handle({ shop: DEMO_SHOP, accessToken: FIXTURE_ACCESS_TOKEN, body: JSON.stringify({ query: text, variables }) });
    return answer.json as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  }

  /** Variables for each operation, as the app passes them; run in this order (the erasure is cancelled after it is requested). */
  const samples = (): Record<string, () => Record<string, unknown>> => {
    const firstOrder = standIn.state.orders(DEMO_SHOP).find((order) => order.customerId === busy.id)!;
    const consentUpdatedAt = "2026-11-24T09:00:00Z";
    return {
      PrivacyDeskDisclosureCustomer: () => ({ id: gid("Customer", busy.id) }),
      PrivacyDeskOrderAccess: () => ({}),
      PrivacyDeskDisclosureOrders: () => ({ id: gid("Customer", busy.id), first: 5, after: null, lines: 10 }),
      PrivacyDeskDisclosureLines: () => ({ id: gid("Order", firstOrder.id), after: null }),
      PrivacyDeskFindCustomers: () => ({ query: `email:"${reachable.email}"` }),
      PrivacyDeskFindOrder: () => ({ query: `name:"${firstOrder.name}"` }),
      PrivacyDeskSearchCustomers: () => ({ query: `"${reachable.lastName}"`, first: 8 }),
      PrivacyDeskShopNames: () => ({}),
      InstallCheck: () => ({}),
      PolicyInstallation: () => ({}),
      PolicyMetafieldSet: () => ({
        metafields: [{ ownerId: gid("AppInstallation", shop.appInstallationId), ...POLICY_METAFIELD, value: JSON.stringify({ version: 1 }) }],
      }),
      PrivacyDeskCustomerCurrent: () => ({ id: gid("Customer", reachable.id) }),
      PrivacyDeskCorrectCustomer: () => ({ input: { id: gid("Customer", reachable.id), firstName: "花子" } }),
      PrivacyDeskCustomerContact: () => ({ id: gid("Customer", reachable.id) }),
      PrivacyDeskStopEmail: () => ({
        input: { customerId: gid("Customer", reachable.id), emailMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } },
      }),
      PrivacyDeskStopSms: () => ({
        input: { customerId: gid("Customer", reachable.id), smsMarketingConsent: { marketingState: "UNSUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } },
      }),
      PrivacyDeskTag: () => ({ id: gid("Customer", reachable.id), tags: [STOP_USE_TAG] }),
      PrivacyDeskLastOrder: () => ({ id: gid("Customer", busy.id) }),
      PrivacyDeskRequestErasure: () => ({ customerId: gid("Customer", reachable.id) }),
      PrivacyDeskCancelErasure: () => ({ customerId: gid("Customer", reachable.id) }),
      PrivacyDeskShopTimeZone: () => ({}),
      PrivacyDeskCustomerCard: () => ({ id: gid("Customer", reachable.id) }),
      PrivacyDeskAccountEmailConsent: () => ({
        input: { customerId: gid("Customer", reachable.id), emailMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } },
      }),
      PrivacyDeskAccountSmsConsent: () => ({
        input: { customerId: gid("Customer", reachable.id), smsMarketingConsent: { marketingState: "SUBSCRIBED", marketingOptInLevel: "SINGLE_OPT_IN", consentUpdatedAt } },
      }),
      PrivacyDeskFlowTrigger: () => ({
        handle: FLOW_TRIGGERS.received,
        payload: flowPayloadVariable(
          flowPayloadJson(
            flowPayload("received", {
              id: "clrequest", shop: DEMO_SHOP, reference: "PD-2026-00001", type: "disclosure", status: "received",
              dueAt: new Date("2026-12-15T00:00:00Z"), closedAt: null, shopifyCustomerId: String(reachable.id),
            }),
          ),
        ),
      }),
    };
  };

  it("has sample variables for exactly the app's operations", () => {
    const names = appOperations().map((operation) => operationName(parseGraphql(operation.text)));
    expect(Object.keys(samples()).sort()).toEqual(names.sort());
  });

  it("answers every app operation without errors, in the schema's shapes, and with data where the app expects it", async () => {
    const byName = new Map(appOperations().map((operation) => [operationName(parseGraphql(operation.text)), operation]));
    const problems: string[] = [];
    for (const [name, variables] of Object.entries(samples())) {
      const document = parseGraphql(byName.get(name)!.text);
      const answer = await ask(byName.get(name)!.text, variables());
      if (answer.errors?.length) problems.push(`${name}: ${answer.errors.map((error) => error.message).join("; ")}`);
      for (const error of answerShapeErrors(published, document, answer.data, name)) problems.push(`${name}: ${error}`);
      // A mutation the fixture refuses would prove nothing about the success shape.
      const payload = Object.values((answer.data ?? {}) as Record<string, { userErrors?: unknown[] } | null>)[0];
      if (payload && Array.isArray(payload.userErrors) && payload.userErrors.length) problems.push(`${name}: userErrors ${JSON.stringify(payload.userErrors)}`);
      if (payload === null) problems.push(`${name}: answered null`);
    }
    expect(problems).toEqual([]);
  });

  it("the shape check fails an answer with an invented field, a wrong scalar encoding, an unknown enum value or a null where Shopify never sends one", async () => {
    const text = `query Probe($id: ID!) { customer(id: $id) { id numberOfOrders emailMarketingConsent { marketingState } tags } }`;
    const document = parseGraphql(text);
    const answer = await ask(text, { id: gid("Customer", busy.id) });
    expect(answerShapeErrors(published, document, answer.data)).toEqual([]);
    const customer = (answer.data as { customer: Record<string, unknown> }).customer;
    const doctored = (change: Record<string, unknown>) => answerShapeErrors(published, document, { customer: { ...customer, ...change } });
    expect(doctored({ dataErasureRequestedAt: null })).toEqual(["query.customer.dataErasureRequestedAt: not asked for"]);
    expect(doctored({ numberOfOrders: 600 })).toEqual(["query.customer.numberOfOrders: 600 is not how Shopify writes a UnsignedInt64"]);
    expect(doctored({ emailMarketingConsent: { marketingState: "OPTED_OUT" } })).toEqual([
      'query.customer.emailMarketingConsent.marketingState: "OPTED_OUT" is not a value of CustomerEmailMarketingState',
    ]);
    expect(doctored({ tags: null })).toEqual(["query.customer.tags: null, but the schema says [String!]!"]);
    expect(doctored({ id: undefined })).toEqual(["query.customer.id: null, but the schema says ID!"]);
  });

  it("refuses, as Shopify does, a field that is not in the published schema", async () => {
    const answer = await ask(`query { customer(id: "${gid("Customer", busy.id)}") { id dataErasureRequestedAt } }`, {});
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0].message).toContain('Cannot query field "dataErasureRequestedAt" on type "Customer"');
  });
});
