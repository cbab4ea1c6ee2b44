// The ledger as CSV, streamed, with the list's filters applied. Resource route (no UI).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { consentCsv } from "../privacy/consent/consentCsv";
import { parseConsentFilters, resolveSubjectRef } from "../privacy/consent/consentQueries";
import { resolveLocale } from "../i18n";
import { parseCsvForm } from "../privacy/csvForm";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests/deskSettings";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const url = new URL(request.url);
  const filters = await resolveSubjectRef(db, session.shop, parseConsentFilters(url.searchParams, session.shop));
  // The page passes on the admin's ?locale=, so the subject labels match what staff see.
  const locale = resolveLocale(url.searchParams.get("locale"), request.headers.get("accept-language"));
  const timeZone = settingsTimeZone(await loadDeskSettings(db, session.shop));
  const chunks = consentCsv(db, session.shop, filters, locale, { form: parseCsvForm(url.searchParams.get("form")), timeZone });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="consent-ledger-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
