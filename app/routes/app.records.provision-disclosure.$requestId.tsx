import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { notFound, recordsStaff } from "../components/records/staff.server";
import { PACKAGE_FORMATS, provisionDisclosureForRequest, type PackageFormat } from "../privacy/records/provisionDisclosure";

// Download of the provision-records disclosure package for one request of the session's shop
// (?format=json|csv|html, ?lang=ja|en; the request's language by default).
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop, actor } = await recordsStaff(request);
  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "html") as PackageFormat;
  if (!PACKAGE_FORMATS.includes(format)) return new Response("format must be json, csv or html", { status: 400 });
  const lang = url.searchParams.get("lang");
  const locale = lang === "ja" || lang === "en" ? lang : undefined;
  const built = await db.$transaction((tx) => provisionDisclosureForRequest(tx, shop, params.requestId ?? "", { format, locale, actor }));
  if (!built) throw notFound();
  return new Response(built.body, {
    headers: {
      "Content-Type": built.contentType,
      "Content-Disposition": `${format === "html" ? "inline" : "attachment"}; filename="${built.filename}"`,
      "Cache-Control": "no-store",
    },
  });
};
