// The error state of the admin's pages outside the request desk (consent, policy, records).
// A 5xx from the session check means Shopify is out of reach or the app was uninstalled since the
// page opened: the app's "could not be opened" card. Shopify's other responses (session-token
// bounce, re-authorisation) go to the library's boundary so App Bridge can act on them. A 404 says
// what is missing and leads back to the list; anything else asks to try again.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, Card, EmptyState, Page, Text } from "@shopify/polaris";
import { useLocale, useT } from "../i18n/react";
import { EMPTY_STATE_ILLUSTRATION } from "./illustrations";
import { PageTitleBar } from "./PageTitleBar";
import { UnavailableCard } from "./AppUnavailable";

export function PageError({ back, notFound }: { back: { label: string; url: string }; notFound: string }) {
  const error = useRouteError();
  const t = useT();
  const locale = useLocale();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  if (isRouteErrorResponse(error) && error.status >= 500) {
    return (
      <Page narrowWidth>
        <PageTitleBar title={t("common.unavailable.title")} />
        <UnavailableCard locale={locale} />
      </Page>
    );
  }
  if (isRouteErrorResponse(error) && !missing) return boundary.error(error);
  return (
    <Page>
      <PageTitleBar title={missing ? t("common.notFound.title") : t("common.error.title")} back={back} />
      <Card>
        {missing ? (
          <EmptyState heading={t("common.notFound.title")} image={EMPTY_STATE_ILLUSTRATION} action={{ content: back.label, url: back.url }}>
            <p>{notFound}</p>
          </EmptyState>
        ) : (
          <Banner tone="critical" title={t("common.error.title")}>
            <Text as="p">{t("common.error.body")}</Text>
          </Banner>
        )}
      </Card>
    </Page>
  );
}
