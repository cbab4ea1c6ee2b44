// The three Shopify Flow triggers of the desk and the payload each carries. The field keys here are
// the `key`s declared in extensions/flow-*/shopify.extension.toml (a test holds them together):
// Flow matches payload keys to those keys, and a customer_reference field arrives as customer_id.
// Payloads carry codes, dates, the reference and a link into the app, never what the shopper wrote.
import { legacyId } from "../adminApi";

export const FLOW_TRIGGERS = {
  received: "privacy-request-received",
  due_soon: "privacy-request-due-soon",
  closed: "privacy-request-closed",
} as const;
export type FlowTrigger = keyof typeof FLOW_TRIGGERS;
export const FLOW_TRIGGER_NAMES = Object.keys(FLOW_TRIGGERS) as FlowTrigger[];

/** Flow refuses a payload whose JSON is longer than this ("Properties size exceeds the limit"). */
export const FLOW_PAYLOAD_LIMIT_BYTES = 50_000;

export const FLOW_FIELDS = {
  reference: "Reference",
  type: "Request type",
  status: "Request status",
  dueDate: "Due date",
  closedDate: "Closed date",
  customerLinked: "Customer linked",
  requestUrl: "Request URL",
  customer: "customer_id",
} as const;

/** Keys each trigger's payload may carry, as its extension declares them. */
export const FLOW_TRIGGER_FIELDS: Record<FlowTrigger, readonly string[]> = {
  received: [FLOW_FIELDS.reference, FLOW_FIELDS.type, FLOW_FIELDS.status, FLOW_FIELDS.dueDate, FLOW_FIELDS.customerLinked, FLOW_FIELDS.requestUrl, FLOW_FIELDS.customer],
  due_soon: [FLOW_FIELDS.reference, FLOW_FIELDS.type, FLOW_FIELDS.status, FLOW_FIELDS.dueDate, FLOW_FIELDS.customerLinked, FLOW_FIELDS.requestUrl, FLOW_FIELDS.customer],
  closed: [
    FLOW_FIELDS.reference,
    FLOW_FIELDS.type,
    FLOW_FIELDS.status,
    FLOW_FIELDS.dueDate,
    FLOW_FIELDS.closedDate,
    FLOW_FIELDS.customerLinked,
    FLOW_FIELDS.requestUrl,
    FLOW_FIELDS.customer,
  ],
};

export interface FlowRequestFacts {
  id: string;
  shop: string;
  reference: string;
  type: string;
  status: string;
  dueAt: Date;
  closedAt: Date | null;
  shopifyCustomerId: string | null;
}

/** The app's handle in shopify.app.toml: Shopify admin serves the embedded app under /apps/<handle>. */
export const APP_HANDLE = "privacy-desk";

/** Where staff open the request in Shopify admin, for a link in a Flow notification. */
export function requestAdminUrl(shop: string, requestId: string): string {
  const store = shop.replace(/\.myshopify\.com$/, "");
  return `https://admin.shopify.com/store/${encodeURIComponent(store)}/apps/${APP_HANDLE}/app/requests/${encodeURIComponent(requestId)}`;
}

/** Shopify customer ids are numbers in Flow's payloads; the digits stay a string here until sent. */
const customerIdDigits = (id: string | null): string | null => {
  if (!id) return null;
  const digits = legacyId(id);
  return /^\d+$/.test(digits) ? digits : null;
};

export interface FlowPayload {
  fields: Record<string, string | boolean>;
  /** The customer's Shopify id (digits), sent as the customer_id number when present. */
  customerId: string | null;
}

export function flowPayload(trigger: FlowTrigger, request: FlowRequestFacts): FlowPayload {
  const customerId = customerIdDigits(request.shopifyCustomerId);
  const fields: Record<string, string | boolean> = {
    [FLOW_FIELDS.reference]: request.reference,
    [FLOW_FIELDS.type]: request.type,
    [FLOW_FIELDS.status]: request.status,
    [FLOW_FIELDS.dueDate]: request.dueAt.toISOString(),
    [FLOW_FIELDS.customerLinked]: customerId !== null,
    [FLOW_FIELDS.requestUrl]: requestAdminUrl(request.shop, request.id),
  };
  if (trigger === "closed") fields[FLOW_FIELDS.closedDate] = (request.closedAt ?? new Date()).toISOString();
  return { fields, customerId };
}

/** The payload as Flow receives it: customer_id as a JSON number with its exact digits. */
export function flowPayloadJson(payload: FlowPayload): string {
  const body = JSON.stringify(payload.fields);
  if (!payload.customerId) return body;
  return `${body.slice(0, -1)}${body.length > 2 ? "," : ""}${JSON.stringify(FLOW_FIELDS.customer)}:${payload.customerId}}`;
}

export const flowPayloadBytes = (payload: FlowPayload) => Buffer.byteLength(flowPayloadJson(payload), "utf8");

export function isFlowTrigger(value: unknown): value is FlowTrigger {
  return typeof value === "string" && (FLOW_TRIGGER_NAMES as string[]).includes(value);
}
