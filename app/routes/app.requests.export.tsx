import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { parseRequestListQuery } from "../privacy/desk/requestList";
import { requestsCsv } from "../privacy/desk/requestCsv";
import { staffSession } from "../privacy/desk/staffSession.server";

// The list's current filters as a CSV file, streamed page by page.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const query = parseRequestListQuery(new URL(request.url).searchParams);
  const rows = requestsCsv(db, shop, { ...query, cursor: null });
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
