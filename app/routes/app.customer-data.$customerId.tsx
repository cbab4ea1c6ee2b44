import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { authenticate } from "../shopify.server";
import { collectCustomerData, customerDataCsv, isCustomerId } from "../privacy/customerDataExport";

// Download of everything the app holds about one customer of the session's shop (?format=json|csv).
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const customerId = params.customerId ?? "";
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!isCustomerId(customerId)) throw new Response("Unknown customer", { status: 404 });
  if (format !== "json" && format !== "csv") throw new Response("format must be json or csv", { status: 400 });

  const data = await collectCustomerData(db, session.shop, customerId);
  const empty = !data.requests.length && !data.consentRecords.length && !data.formSubmissions.length && !data.provisionRecords.length;
  if (empty) throw new Response("Nothing is held about this customer", { status: 404 });

  const fileName = `customer-${customerId}-data.${format}`;
  const headers = {
    "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
    "Cache-Control": "no-store",
  };
  return new Response(format === "csv" ? customerDataCsv(data) : JSON.stringify(data, null, 2), { headers });
};
