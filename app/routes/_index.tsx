import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { resolveLocale } from "../i18n";

// Shopify opens the app with ?shop=...; anyone else gets a short description of the app.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return { locale: resolveLocale(url.searchParams.get("locale"), request.headers.get("accept-language")) };
};

const copy = {
  ja: {
    title: "Privacy Desk",
    lead: "プライバシーポリシーを、日々のプライバシー対応業務に。個人情報保護法（APPI）と GDPR に対応した Shopify アプリです。",
    install: "Shopify 管理画面の「アプリ」からインストールしてご利用ください。",
  },
  en: {
    title: "Privacy Desk",
    lead: "Turns your privacy policy into working operations, for Japan's APPI and the EU's GDPR.",
    install: "Install it from the Apps section of your Shopify admin.",
  },
};

export default function Landing() {
  const { locale } = useLoaderData<typeof loader>();
  const text = copy[locale];
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1>{text.title}</h1>
      <p>{text.lead}</p>
      <p>{text.install}</p>
    </main>
  );
}
