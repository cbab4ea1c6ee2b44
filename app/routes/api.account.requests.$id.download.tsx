// POST from the customer's Privacy page: a one-time link to the customer's own disclosure package.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { answer, APP_URL, customerAccountSession, jsonAnswer, readJsonBody } from "../privacy/surfaces/extensionSession.server";
import { grantPackageDownload } from "../privacy/surfaces/downloadGrant";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const session = await customerAccountSession(request);
  return session.cors(jsonAnswer(405, { error: "method_not_allowed" }, { Allow: "POST, OPTIONS" }));
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const session = await customerAccountSession(request);
  return answer(session.cors, "api.account.download", async () => {
    const body = await readJsonBody(request, session.cors);
    const grant = await grantPackageDownload(db, { shop: session.shop, customerId: session.customerId, requestId: params.id ?? "", format: body.format, language: body.language });
    return jsonAnswer(201, { url: `${APP_URL()}/api/account/download/${grant.token}`, expiresAt: grant.expiresAt.toISOString() });
  });
};
