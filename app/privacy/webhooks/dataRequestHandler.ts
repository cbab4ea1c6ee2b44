// customers/data_request: the shop owner asked Shopify for a customer's data, so the desk opens a
// disclosure request with its legal deadline; the merchant answers it from the app.
import { createPrivacyRequest, type NewPrivacyRequest } from "../requests/createRequest";
import { RequestInputError } from "../requests/requestTypes";
import { registerTopicHandler } from "./topicHandlers";
import { erasedAt } from "../erasedSubjects";

interface DataRequestPayload {
  customer: { id?: number | string | null; email?: string | null; phone?: string | null };
  orders_requested?: Array<number | string>;
  data_request?: { id?: number | string };
}

registerTopicHandler("customers/data_request", async (tx, event) => {
  const payload = event.payload as DataRequestPayload;
  const dataRequestId = payload.data_request?.id === undefined ? undefined : String(payload.data_request.id);
  // Shopify may send the same data request again under a new delivery id.
  if (dataRequestId && (await tx.privacyRequest.count({ where: { shop: event.shop, shopifyDataRequestId: dataRequestId } })) > 0) return;
  // A customer Shopify erased (customers/redact deletes them there) asks for nothing more: a data
  // request naming them now is a replay of one from before, and would bring their data back.
  const customerId = payload.customer.id === undefined || payload.customer.id === null ? null : String(payload.customer.id);
  if (await erasedAt(tx, event.shop, customerId ? { customerId } : { email: payload.customer.email })) return;
  const input: NewPrivacyRequest = {
    shop: event.shop,
    type: "disclosure",
    source: "shopify",
    email: payload.customer.email ?? undefined,
    phone: payload.customer.phone ?? undefined,
    shopifyCustomerId: payload.customer.id === undefined || payload.customer.id === null ? undefined : String(payload.customer.id),
    ordersRequested: (payload.orders_requested ?? []).map(String),
    shopifyDataRequestId: dataRequestId,
    receivedAt: event.receivedAt,
  };
  try {
    await createPrivacyRequest(tx, input, "shopify");
  } catch (error) {
    // Shopify's contact data is what the shop holds; a malformed phone or email must not block a
    // legal request that the customer id identifies. Validation runs before any write.
    if (!(error instanceof RequestInputError) || (error.field !== "email" && error.field !== "phone") || !input.shopifyCustomerId) throw error;
    await createPrivacyRequest(tx, { ...input, email: error.field === "email" ? undefined : input.email, phone: undefined }, "shopify");
  }
});
