// The customer picker's search: what staff typed, answered with the shop's matching Shopify
// customers as JSON. GET only, read-only, scoped to the session's shop; without a session token 401.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { staffFetchSession } from "../privacy/desk/staffSession.server";
import { searchCustomers, type CustomerChoice } from "../privacy/identity/customerSearch";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { errorKind, log } from "../log.server";

export type CustomerSearchAnswer = { ok: true; customers: CustomerChoice[] } | { ok: false; error: "shopify_unavailable" };

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffFetchSession(request);
  const typed = new URL(request.url).searchParams.get("q") ?? "";
  const headers = { "Cache-Control": "no-store" };
  try {
    const customers = await searchCustomers(await adminGraphqlForShop(shop), typed, { maxThrottleRetries: 1 });
    return Response.json({ ok: true, customers } satisfies CustomerSearchAnswer, { headers });
  } catch (error) {
    // What staff typed is personal data: only the failure's kind is logged.
    log.warn("customer_search.failed", { shop, kind: errorKind(error) });
    return Response.json({ ok: false, error: "shopify_unavailable" } satisfies CustomerSearchAnswer, { status: 502, headers });
  }
};
