import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, Outlet, useLoaderData, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { NavMenu } from "@shopify/app-bridge-react";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { authenticate } from "../shopify.server";
import { resolveLocale, translate, type Locale } from "../i18n";
import { I18nProvider } from "../i18n/react";
import { polarisTranslations } from "../i18n/polaris";
import { AppUnavailable } from "../components/AppUnavailable";
import { log } from "../log.server";
import db from "../db.server";
import { loadDeskSettings } from "../privacy/requests/deskSettings";
import { ensureShopSetUp, setUpComplete } from "../privacy/shopSetup";
import { shopTimeZone } from "../privacy/shopTime";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { learnStaffName } from "../privacy/desk/staffSession.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  let shop: string;
  let staffUser: string | undefined;
  try {
    const context = await authenticate.admin(request);
    shop = context.session.shop;
    staffUser = context.sessionToken?.sub;
  } catch (error) {
    // The library's own answers (bounce page, redirects, 401 with retry) go back as they are; a
    // bare 5xx means Shopify could not confirm the session (unreachable, or the app is gone).
    if (!(error instanceof Response) || error.status < 500) throw error;
    log.warn("admin.session_unconfirmed", { status: error.status });
    throw data({ unavailable: true }, { status: 503 });
  }
  // Timelines and records name the staff member who acted; Shopify tells the app that name here.
  if (staffUser) await learnStaffName(request, shop, String(staffUser));
  const url = new URL(request.url);
  const locale: Locale = resolveLocale(url.searchParams.get("locale"), request.headers.get("accept-language"));
  const settings = await loadDeskSettings(db, shop);
  const setUp = setUpComplete(settings) ? null : await ensureShopSetUp(db, shop, () => adminGraphqlForShop(shop));
  const timeZone = shopTimeZone(setUp?.timeZone ?? settings.timeZone);
  return { apiKey: process.env.SHOPIFY_API_KEY || "", locale, timeZone };
};

// The locale comes with the admin's first document request; client navigations keep it.
export const shouldRevalidate = () => false;

export default function App() {
  const { apiKey, locale, timeZone } = useLoaderData<typeof loader>();
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey} i18n={polarisTranslations(locale)}>
      <I18nProvider locale={locale} timeZone={timeZone}>
        <NavMenu>
          <Link to="/app" rel="home">
            {t("nav.dashboard")}
          </Link>
          <Link to="/app/requests">{t("nav.requests")}</Link>
          <Link to="/app/consent">{t("nav.consent")}</Link>
          <Link to="/app/policy">{t("nav.policy")}</Link>
          <Link to="/app/records">{t("records.nav")}</Link>
          <Link to="/app/settings">{t("nav.settings")}</Link>
        </NavMenu>
        <Outlet />
      </I18nProvider>
    </AppProvider>
  );
}

// Shopify needs the library's boundary to run so that its headers and redirects reach the browser.
export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRouteLoaderData<{ lang: Locale }>("root");
  // Shopify's responses carry the page App Bridge needs (session-token bounce, re-authorisation).
  if (isRouteErrorResponse(error) && error.status < 500 && error.data) return boundary.error(error);
  return <AppUnavailable locale={root?.lang ?? "ja"} />;
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
