import { isRouteErrorResponse } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { PageTitleBar } from "../PageTitleBar";

/** The records pages' error state: "not found" for another shop's or a deleted id, a retry hint otherwise. */
export function RecordsErrorPage({ error }: { error: unknown }) {
  const t = useT();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Page>
      <PageTitleBar title={t("records.title")} back={{ label: t("records.title"), url: "/app/records" }} />
      <Banner tone={missing ? "warning" : "critical"}>{t(missing ? "records.notFound" : "records.loadError")}</Banner>
    </Page>
  );
}
