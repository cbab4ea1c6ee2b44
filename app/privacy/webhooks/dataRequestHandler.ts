// customers/data_request: the shop owner asked Shopify for a customer's data, so the desk opens a
// disclosure request with its legal deadline; the merchant answers it from the app.
import { createPrivacyRequests, validateNewRequest, type NewPrivacyRequest } from "../requests/createRequest";
import { RequestInputError } from "../requests/requestTypes";
import { registerTopicHandler, type Tx, type WebhookEventInput } from "./topicHandlers";
import { erasedAtEach } from "../erasedSubjects";

interface DataRequestPayload {
  customer: { id?: number | string | null; email?: string | null; phone?: string | null };
  orders_requested?: Array<number | string>;
  data_request?: { id?: number | string };
}

/**
 * The request to open: Shopify's contact data is what the shop holds; a malformed phone or email
 * must not block a legal request that the customer id identifies, so such a field is left out.
 * Anything else that does not validate is thrown, for a retry and the merchant's attention.
 */
function requestInput(shop: string, payload: DataRequestPayload, receivedAt: Date): NewPrivacyRequest {
  const input: NewPrivacyRequest = {
    shop,
    type: "disclosure",
    source: "shopify",
    email: payload.customer.email ?? undefined,
    phone: payload.customer.phone ?? undefined,
    shopifyCustomerId: payload.customer.id === undefined || payload.customer.id === null ? undefined : String(payload.customer.id),
    ordersRequested: (payload.orders_requested ?? []).map(String),
    shopifyDataRequestId: payload.data_request?.id === undefined ? undefined : String(payload.data_request.id),
    receivedAt,
  };
  try {
    validateNewRequest(input);
    return input;
  } catch (error) {
    if (!(error instanceof RequestInputError) || (error.field !== "email" && error.field !== "phone") || !input.shopifyCustomerId) throw error;
    return { ...input, email: error.field === "email" ? undefined : input.email, phone: undefined };
  }
}

/**
 * Several data requests of one shop, in the order received, with the effect of handling each in
 * turn: a data request id already opened (Shopify may send one again under a new delivery id),
 * here or earlier in the batch, opens nothing; a customer Shopify erased asks for nothing more.
 * One look-up of each and one set of inserts for all (createPrivacyRequests).
 */
export async function handleDataRequests(tx: Tx, shop: string, events: WebhookEventInput[]): Promise<number> {
  const payloads = events.map((event) => event.payload as DataRequestPayload);
  const requestIds = payloads.map((payload) => (payload.data_request?.id === undefined ? undefined : String(payload.data_request.id)));
  const asked = [...new Set(requestIds.filter((id): id is string => id !== undefined))];
  const opened = new Set(
    asked.length
      ? (await tx.privacyRequest.findMany({ where: { shop, shopifyDataRequestId: { in: asked } }, select: { shopifyDataRequestId: true } })).map(
          (row) => row.shopifyDataRequestId,
        )
      : [],
  );
  // A customer Shopify erased (customers/redact deletes them there) asks for nothing more: a data
  // request naming them now is a replay of one from before, and would bring their data back.
  const erased = await erasedAtEach(
    tx,
    shop,
    payloads.map(({ customer }) => (customer.id === undefined || customer.id === null ? { email: customer.email } : { customerId: String(customer.id) })),
  );
  const inputs: NewPrivacyRequest[] = [];
  payloads.forEach((payload, index) => {
    const requestId = requestIds[index];
    if ((requestId && opened.has(requestId)) || erased[index]) return;
    inputs.push(requestInput(shop, payload, events[index].receivedAt));
    if (requestId) opened.add(requestId);
  });
  return (await createPrivacyRequests(tx, inputs, "shopify")).length;
}

// A claimed batch's data requests of one shop go together; a request touches nothing a consent
// update reads or writes, so they are taken in-phase (worker.ts, singleRuns).
registerTopicHandler("customers/data_request", async (tx, event) => void (await handleDataRequests(tx, event.shop, [event])), {
  batch: async (tx, events) => void (await handleDataRequests(tx, events[0].shop, events)),
  batchOrder: "in-phase",
  // A request that does not validate (nothing identifies the customer, a payload without one)
  // fails alone; requestInput is what handleDataRequests runs on each.
  check: (event) => void requestInput(event.shop, event.payload as DataRequestPayload, event.receivedAt),
});
