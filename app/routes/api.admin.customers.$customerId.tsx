// The customer page in Shopify admin (extensions/privacy-admin): GET the block's summary of the
// customer's privacy requests and consent; POST a request staff record for the customer. Only a
// customer of the calling shop is found; anything else is a 404.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { adminExtensionSession, answer, jsonAnswer, readJsonBody } from "../privacy/surfaces/extensionSession.server";
import { customerPrivacySummary } from "../privacy/surfaces/customerSummary";
import { recordRequestForCustomer } from "../privacy/surfaces/staffRecordedRequest";
import { shopifyCustomerCard } from "../privacy/surfaces/shopifyCustomer";
import { RequestNotFoundError } from "../privacy/requests/requestTypes";
import { log } from "../log.server";

const customerIdOf = (params: LoaderFunctionArgs["params"]) => {
  const id = params.customerId ?? "";
  if (!/^\d{1,20}$/.test(id)) throw new RequestNotFoundError();
  return id;
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const session = await adminExtensionSession(request);
  return answer(session.cors, "api.admin.customer", async () => {
    const customerId = customerIdOf(params);
    const card = await shopifyCustomerCard(await session.api(), customerId);
    if (!card) throw new RequestNotFoundError();
    return jsonAnswer(200, await customerPrivacySummary(db, session.shop, customerId, { email: card.email }));
  });
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const session = await adminExtensionSession(request);
  return answer(session.cors, "api.admin.customer_request", async () => {
    if (request.method !== "POST") return jsonAnswer(405, { error: "method_not_allowed" }, { Allow: "GET, POST, OPTIONS" });
    const customerId = customerIdOf(params);
    const body = await readJsonBody(request, session.cors);
    const created = await recordRequestForCustomer(db, await session.api(), {
      shop: session.shop,
      actor: session.actor,
      customerId,
      type: body.type,
      source: body.source,
      note: body.note,
      language: body.language,
    });
    log.info("api.admin.customer_request.created", { shop: session.shop, requestId: created.id });
    return jsonAnswer(201, { id: created.id, reference: created.reference, status: created.status, dueAt: created.dueAt.toISOString() });
  });
};
