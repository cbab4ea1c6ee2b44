// The Flow triggers as declared to Shopify (extensions/flow-*/shopify.extension.toml) and as the app
// builds their payloads: the same handles and keys, within Flow's limits, accepted by Flow's check
// of a payload (the Admin API stand-in's), and never carrying what the shopper wrote.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import {
  FLOW_FIELDS,
  FLOW_PAYLOAD_LIMIT_BYTES,
  FLOW_TRIGGER_FIELDS,
  FLOW_TRIGGER_NAMES,
  FLOW_TRIGGERS,
  flowPayload,
  flowPayloadBytes,
  flowPayloadJson,
  APP_HANDLE,
  requestAdminUrl,
  type FlowRequestFacts,
} from "../../../app/privacy/flow/flowTriggers";
import { flowPayloadVariable } from "../../../app/privacy/flow/flowOutbox";
import { REQUEST_STATUSES, REQUEST_TYPES } from "../../../app/privacy/requests/requestTypes";
import { declaredFlowTriggers, flowTriggerErrors } from "../../support/flowTriggers";

const request = (overrides: Partial<FlowRequestFacts> = {}): FlowRequestFacts => ({
  id: "clrequest0001",
  shop: "qui-pearl-demo.myshopify.com",
  reference: "PD-2026-00042",
  type: "disclosure",
  status: "received",
  dueAt: new Date("2026-12-15T14:59:59.999Z"),
  closedAt: null,
  shopifyCustomerId: "7010000000042",
  ...overrides,
});

/** The payload as it leaves the app: the mutation's JSON variable, serialised, read back by Flow. */
const sent = (text: string) => JSON.parse(JSON.stringify(flowPayloadVariable(text))) as Record<string, unknown>;

describe("the Flow trigger extensions", () => {
  const declared = declaredFlowTriggers();

  it("declare exactly the app's three triggers, one extension each", () => {
    expect(declared.map((trigger) => trigger.handle).sort()).toEqual(Object.values(FLOW_TRIGGERS).sort());
    expect(declared.map((trigger) => trigger.name).sort()).toEqual(["Privacy request closed", "Privacy request due soon", "Privacy request received"]);
  });

  it("declare the fields the app sends, and only those", () => {
    for (const name of FLOW_TRIGGER_NAMES) {
      const trigger = declared.find((candidate) => candidate.handle === FLOW_TRIGGERS[name])!;
      expect(trigger.fields.map((field) => field.key).sort(), name).toEqual([...FLOW_TRIGGER_FIELDS[name]].sort());
    }
  });

  it("stay within what Shopify accepts for a trigger: handle length and form, field key form, field types", () => {
    for (const trigger of declared) {
      expect(trigger.handle.length).toBeLessThanOrEqual(30);
      expect(trigger.handle).toMatch(/^[a-z0-9-]+$/);
      // Shopify CLI's flow_trigger schema: keys of alphabetic characters and spaces only.
      for (const field of trigger.fields.filter((candidate) => !candidate.type.endsWith("_reference"))) expect(field.key).toMatch(/^[a-zA-Z\s]+$/);
      // Types a trigger may carry (the CLI refuses number_integer, multi_line_text_field, dates…).
      for (const field of trigger.fields) {
        expect(["boolean", "email", "single_line_text_field", "url", "number_decimal", "customer_reference"]).toContain(field.type);
      }
      expect(trigger.description).toMatch(/[ぁ-んァ-ン一-龥]/);
    }
  });
});

describe("a trigger's payload", () => {
  const declared = declaredFlowTriggers();

  it("is accepted by Flow's check of the trigger's schema, for every trigger, type and status, with and without a customer", () => {
    for (const name of FLOW_TRIGGER_NAMES) {
      for (const type of REQUEST_TYPES) {
        for (const status of REQUEST_STATUSES) {
          for (const shopifyCustomerId of ["7010000000042", null]) {
            const payload = sent(flowPayloadJson(flowPayload(name, request({ type, status, shopifyCustomerId, closedAt: new Date("2026-12-01T00:00:00Z") }))));
            expect(flowTriggerErrors(declared, FLOW_TRIGGERS[name], payload), `${name} ${type} ${status}`).toEqual([]);
          }
        }
      }
    }
  });

  it("carries the type, status, due date, reference, the desk's link and the customer when linked", () => {
    const payload = sent(flowPayloadJson(flowPayload("closed", request({ status: "completed", closedAt: new Date("2026-12-01T02:03:04Z") }))));
    expect(payload).toEqual({
      Reference: "PD-2026-00042",
      "Request type": "disclosure",
      "Request status": "completed",
      "Due date": "2026-12-15T14:59:59.999Z",
      "Closed date": "2026-12-01T02:03:04.000Z",
      "Customer linked": true,
      "Request URL": "https://admin.shopify.com/store/qui-pearl-demo/apps/privacy-desk/app/requests/clrequest0001",
      customer_id: 7010000000042,
    });
    const unlinked = sent(flowPayloadJson(flowPayload("received", request({ shopifyCustomerId: null }))));
    expect(unlinked).not.toHaveProperty(FLOW_FIELDS.customer);
    expect(unlinked[FLOW_FIELDS.customerLinked]).toBe(false);
    expect(unlinked).not.toHaveProperty(FLOW_FIELDS.closedDate);
  });

  it("sends a customer id past 2^53 with its exact digits (JSON.parse would round it to another customer)", () => {
    const text = flowPayloadJson(flowPayload("received", request({ shopifyCustomerId: "gid://shopify/Customer/123456789012345678" })));
    expect(text).toContain('"customer_id":123456789012345678}');
    expect(JSON.stringify({ payload: flowPayloadVariable(text) })).toContain('"customer_id":123456789012345678}');
  });

  it("stays far below Flow's 50,000-byte limit even at the longest values the desk allows", () => {
    const longest = request({ id: "c".repeat(40), reference: "PD-9999-99999", type: "provision_records", status: "waiting_on_shopper", shop: `${"x".repeat(60)}.myshopify.com` });
    for (const name of FLOW_TRIGGER_NAMES) expect(flowPayloadBytes(flowPayload(name, longest))).toBeLessThan(FLOW_PAYLOAD_LIMIT_BYTES / 50);
  });

  it("is refused by Flow's check when it would not fit: an unknown handle, an unknown key, a wrong type, over 50,000 bytes", () => {
    const good = sent(flowPayloadJson(flowPayload("received", request())));
    expect(flowTriggerErrors(declared, "privacy-request-lost", good)[0].message).toBe("Errors validating schema:\n  Invalid handle 'privacy-request-lost'.\n");
    expect(flowTriggerErrors(declared, FLOW_TRIGGERS.received, { ...good, Message: "hi" })[0].message).toContain("Invalid field: 'Message'.");
    expect(flowTriggerErrors(declared, FLOW_TRIGGERS.received, { ...good, customer_id: "7010000000042" })[0].message).toContain("is not an Integer");
    expect(flowTriggerErrors(declared, FLOW_TRIGGERS.received, { ...good, "Customer linked": "yes" })[0].message).toContain("is not a Boolean");
    expect(flowTriggerErrors(declared, FLOW_TRIGGERS.received, { Reference: "x".repeat(50_000) })[0].message).toBe(
      "Errors validating schema:\n  Properties size exceeds the limit of 50000 bytes.\n",
    );
    expect(flowTriggerErrors(declared, "", good)).toEqual([{ field: ["handle"], message: "`handle` and `payload` arguments are required" }]);
  });

  it("never carries what the shopper wrote: only the listed keys, whatever the request holds", () => {
    const facts = { ...request(), customerName: "山田 花子", email: "hanako@example.jp", phone: "090-1234-5678", message: "住所を消してください" } as FlowRequestFacts;
    const text = flowPayloadJson(flowPayload("received", facts));
    for (const secret of ["山田", "hanako", "090-1234", "住所"]) expect(text).not.toContain(secret);
    expect(Object.keys(sent(text)).sort()).toEqual([...FLOW_TRIGGER_FIELDS.received].sort());
  });

  it("links into the app under the store's handle in Shopify admin, by the app's handle in shopify.app.toml", () => {
    const app = parseToml(readFileSync(new URL("../../../shopify.app.toml", import.meta.url), "utf8")) as { handle: string };
    expect(APP_HANDLE).toBe(app.handle);
    expect(requestAdminUrl("my-store.myshopify.com", "abc")).toBe("https://admin.shopify.com/store/my-store/apps/privacy-desk/app/requests/abc");
  });
});
