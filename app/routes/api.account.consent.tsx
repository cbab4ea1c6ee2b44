// POST from the customer's Privacy page: turn email or SMS marketing on or off, at Shopify and in
// the consent ledger.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { answer, customerAccountSession, jsonAnswer, readJsonBody } from "../privacy/surfaces/extensionSession.server";
import { changeAccountConsent } from "../privacy/surfaces/accountPrivacy";

// A preflight (OPTIONS) is answered by the library inside customerAccountSession.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const session = await customerAccountSession(request);
  return session.cors(jsonAnswer(405, { error: "method_not_allowed" }, { Allow: "POST, OPTIONS" }));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const session = await customerAccountSession(request);
  return answer(session.cors, "api.account.consent", async () => {
    const body = await readJsonBody(request, session.cors);
    const record = await changeAccountConsent(db, await session.api(), { shop: session.shop, customerId: session.customerId, ...body });
    return jsonAnswer(200, { kind: record.kind, granted: record.granted, choiceAt: record.choiceAt.toISOString() });
  });
};
