// The Privacy page of a customer's account (extensions/privacy-account-page): GET the customer's
// requests and consent; POST a new request, verified by the customer's login.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { answer, customerAccountSession, jsonAnswer, readJsonBody } from "../privacy/surfaces/extensionSession.server";
import { accountPrivacy, fileAccountRequest } from "../privacy/surfaces/accountPrivacy";
import { log } from "../log.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const session = await customerAccountSession(request);
  return answer(session.cors, "api.account.privacy", async () => jsonAnswer(200, await accountPrivacy(db, await session.api(), session.shop, session.customerId)));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const session = await customerAccountSession(request);
  return answer(session.cors, "api.account.request", async () => {
    if (request.method !== "POST") return jsonAnswer(405, { error: "method_not_allowed" }, { Allow: "GET, POST, OPTIONS" });
    const body = await readJsonBody(request, session.cors);
    const created = await fileAccountRequest(db, await session.api(), { shop: session.shop, customerId: session.customerId, type: body.type, message: body.message, language: body.language });
    log.info("api.account.request.created", { shop: session.shop, requestId: created.id });
    return jsonAnswer(201, { id: created.id, reference: created.reference, status: created.status, dueAt: created.dueAt.toISOString() });
  });
};
