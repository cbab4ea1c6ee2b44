import { translate, type Locale, type MessageKey } from "../../i18n";
import { messagePage } from "./proxyPage";

// How the app answers through the App Proxy: JSON for the enhanced form's fetch (Accept:
// application/json), otherwise a Liquid page Shopify renders inside the shop's theme.
export interface AnswerInit {
  status: number;
  json: Record<string, unknown>;
  page: string;
  retryAfterSeconds?: number;
}

// An answer sent before the body was read (413) must close the connection: the unread rest of the
// body would otherwise be taken for the next request on a kept-alive socket.
const UNREAD_BODY_STATUSES = new Set([413]);

export function proxyAnswer(wantsJson: boolean, init: AnswerInit): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (init.retryAfterSeconds) headers.set("Retry-After", String(init.retryAfterSeconds));
  if (UNREAD_BODY_STATUSES.has(init.status)) headers.set("Connection", "close");
  if (wantsJson) {
    headers.set("Content-Type", "application/json; charset=utf-8");
    return new Response(JSON.stringify(init.json), { status: init.status, headers });
  }
  headers.set("Content-Type", "application/liquid; charset=utf-8");
  return new Response(init.page, { status: init.status, headers });
}

/** A reference-shaped decoy for honeypot hits, so a bot cannot tell it was caught. */
export function decoyReference(now = new Date()): string {
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Tokyo", year: "numeric" }).format(now));
  return `PD-${year}-${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;
}

/** A same-site path to send a no-JS shopper back to the form; never another origin. */
export function backPath(request: Request): string {
  const referer = request.headers.get("referer");
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return url.pathname.startsWith("/") && !url.pathname.startsWith("//") ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

/** 429 (with Retry-After) or 413, worded for the shopper, under the page's title. */
export function refusalAnswer(
  wantsJson: boolean,
  locale: Locale,
  title: MessageKey,
  refusal: { status: 429; retryAfterSeconds: number } | { status: 413 } | { status: 409 },
): Response {
  const message =
    refusal.status === 429
      ? refusal.retryAfterSeconds > 90
        ? translate(locale, "storefront.error.rate_limited_minutes", { minutes: Math.ceil(refusal.retryAfterSeconds / 60) })
        : translate(locale, "storefront.error.rate_limited", { seconds: refusal.retryAfterSeconds })
      : refusal.status === 409
        ? translate(locale, "storefront.error.replayed")
        : translate(locale, "storefront.error.too_large");
  return proxyAnswer(wantsJson, {
    status: refusal.status,
    retryAfterSeconds: refusal.status === 429 ? refusal.retryAfterSeconds : undefined,
    json: { ok: false, message },
    page: messagePage(locale, title, message),
  });
}
