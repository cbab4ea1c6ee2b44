import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { notFound, staffSession } from "../privacy/desk/staffSession.server";
import { findRequestForShop } from "../privacy/requests";
import { latestDisclosurePackage, letterContext, packageCsv, packageHtml, packageJson } from "../privacy/disclosure";

const FORMATS = {
  json: { type: "application/json; charset=utf-8", extension: "json", render: packageJson },
  csv: { type: "text/csv; charset=utf-8", extension: "csv", render: packageCsv },
  html: { type: "text/html; charset=utf-8", extension: "html", render: packageHtml },
} as const;

// The request's latest disclosure package in the asked format; another shop's id is a 404.
export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const found = await findRequestForShop(db, shop, params.id ?? "");
  if (!found) notFound();
  const format = new URL(request.url).searchParams.get("format") ?? "json";
  if (!Object.hasOwn(FORMATS, format)) return new Response("format must be json, csv or html", { status: 400 });
  const pkg = await latestDisclosurePackage(db, shop, found.id);
  if (!pkg) notFound();
  const chosen = FORMATS[format as keyof typeof FORMATS];
  // The printable page is the letter the person receives by post or hand (and the link's download).
  const body = format === "html" ? packageHtml(pkg, await letterContext(db, shop, found.id)) : chosen.render(pkg);
  return new Response(body, {
    headers: {
      "Content-Type": chosen.type,
      "Content-Disposition": `${format === "html" ? "inline" : "attachment"}; filename="${found.reference}-disclosure.${chosen.extension}"`,
      "Cache-Control": "no-store",
      // The printable page is data only: no scripts, no outside resources.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
  });
};
