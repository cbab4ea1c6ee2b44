// The one-time link the customer's Privacy page opens: their disclosure package, once.
import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "../db.server";
import { redeemPackageDownload } from "../privacy/surfaces/downloadGrant";
import { deliveredFileResponse } from "../privacy/disclosure/delivery";

const GONE = {
  ja: "このリンクは使用済みか、有効期限が切れています。アカウントのプライバシーページからもう一度ダウンロードしてください。",
  en: "This link has been used or has expired. Download again from the Privacy page of your account.",
};

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const file = await redeemPackageDownload(db, params.token ?? "");
  if (!file) {
    const english = /^en\b/i.test(request.headers.get("accept-language") ?? "");
    return new Response(english ? GONE.en : GONE.ja, { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return deliveredFileResponse(file);
};
