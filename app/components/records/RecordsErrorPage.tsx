import { isRouteErrorResponse } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import { PageTitleBar } from "../PageTitleBar";
import { UnavailableCard } from "../AppUnavailable";

/** The records pages' error state: "not found" for another shop's or a deleted id, a retry hint otherwise. */
export function RecordsErrorPage({ error }: { error: unknown }) {
  const t = useT();
  const locale = useLocale();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  // A 5xx from the session check: Shopify unreachable or the app uninstalled since the page opened.
  if (isRouteErrorResponse(error) && error.status >= 500) {
    return (
      <Page narrowWidth>
        <PageTitleBar title={t("common.unavailable.title")} />
        <UnavailableCard locale={locale} />
      </Page>
    );
  }
  return (
    <Page>
      <PageTitleBar title={t("records.title")} back={{ label: t("records.title"), url: "/app/records" }} />
      <Banner tone={missing ? "warning" : "critical"}>{t(missing ? "records.notFound" : "records.loadError")}</Banner>
    </Page>
  );
}
