// The error state of the admin's pages outside the request desk (consent, policy, records).
// A 5xx from the session check means Shopify is out of reach or the app was uninstalled since the
// page opened: the app's "could not be opened" card. Shopify's other responses (session-token
// bounce, re-authorisation) go to the library's boundary so App Bridge can act on them. A 404 says
// what is missing and leads back to the list; anything else asks to try again.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { Banner, Card, EmptyState, Page, Text } from "@shopify/polaris";
import type { MessageKey } from "../i18n";
import { useLocale, useT } from "../i18n/react";
import { EMPTY_STATE_ILLUSTRATION } from "./illustrations";
import { PageTitleBar } from "./PageTitleBar";
import { UnavailableCard } from "./AppUnavailable";

// Each area's list page is the way back; its title is the breadcrumb, and the not-found card names
// the step ("記録の一覧へ"), since a bare page title ("記録") on a button does not say where it goes.
const AREAS = {
  records: { url: "/app/records", title: "records.title", backAction: "records.backToList", notFound: "records.notFound" },
  consent: { url: "/app/consent", title: "consent.title", backAction: "consent.backToList", notFound: "consent.notFound" },
  policy: { url: "/app/policy", title: "policy.title", backAction: "policy.backToPage", notFound: "common.notFound.body" },
} as const satisfies Record<string, { url: string; title: MessageKey; backAction: MessageKey; notFound: MessageKey }>;

export function PageError({ area }: { area: keyof typeof AREAS }) {
  const error = useRouteError();
  const t = useT();
  const locale = useLocale();
  const { url, title, backAction, notFound } = AREAS[area];
  const back = { label: t(title), url };
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
          <EmptyState heading={t("common.notFound.title")} image={EMPTY_STATE_ILLUSTRATION} action={{ content: t(backAction), url }}>
            <p>{t(notFound)}</p>
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
