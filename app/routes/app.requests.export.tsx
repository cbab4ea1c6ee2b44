import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { parseRequestListQuery } from "../privacy/desk/requestList";
import { requestsCsv } from "../privacy/desk/requestCsv";
import { staffSession } from "../privacy/desk/staffSession.server";
import { parseCsvForm } from "../privacy/csvForm";
import { resolveLocale } from "../i18n";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests/deskSettings";

// The list's current filters as a CSV file, streamed page by page.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const url = new URL(request.url);
  const query = parseRequestListQuery(url.searchParams);
  // Readable by default, in the admin's language (the page passes its ?locale=); ?form=codes for programs.
  const locale = resolveLocale(url.searchParams.get("locale"), request.headers.get("accept-language"));
  const timeZone = settingsTimeZone(await loadDeskSettings(db, shop));
  const rows = requestsCsv(db, shop, { ...query, cursor: null }, new Date(), { form: parseCsvForm(url.searchParams.get("form")), locale, timeZone });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await rows.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="privacy-requests-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
