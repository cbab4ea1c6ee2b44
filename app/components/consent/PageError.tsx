// Error state of the consent and policy pages. Shopify's own responses (session-token bounce,
// re-authorisation) are handed to the library's boundary so App Bridge can act on them.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, Card, EmptyState, Page, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import { PageTitleBar } from "../PageTitleBar";
import { UnavailableCard } from "../AppUnavailable";

export const BLANK_IMAGE = EMPTY_STATE_ILLUSTRATION;

export function ConsentPageError({ back }: { back: { label: string; url: string } }) {
  const error = useRouteError();
  const t = useT();
  const locale = useLocale();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  // A 5xx from the session check: Shopify unreachable or the app uninstalled since the page opened.
  if (isRouteErrorResponse(error) && error.status >= 500) {
    return (
      <Page narrowWidth>
        <PageTitleBar title={t("common.unavailable.title")} />
        <UnavailableCard locale={locale} />
      </Page>
    );
  }
  if (isRouteErrorResponse(error) && !notFound) return boundary.error(error);
  return (
    <Page>
      <PageTitleBar title={notFound ? t("common.notFound.title") : t("common.error.title")} back={back} />
      <Card>
        {notFound ? (
          <EmptyState heading={t("common.notFound.title")} image={BLANK_IMAGE} action={{ content: back.label, url: back.url }}>
            <p>{t("consent.notFound")}</p>
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
