// What staff see when the admin cannot be opened at all: Shopify could not be reached to confirm
// the session, the app was uninstalled, or the page failed before any page of its own could show
// an error. It stands on its own (Polaris provider, no App Bridge state) so it renders whatever broke.
// A page reached by client navigation meets the same failure in its own loader or action; it shows
// the same card inside the app (UnavailableCard), never the library's bare "Handling response".
import { AppProvider as PolarisProvider, BlockStack, Button, Card, EmptyState, Page, Text } from "@shopify/polaris";
import { translate, type Locale } from "../i18n";
import { polarisTranslations } from "../i18n/polaris";
import { EMPTY_STATE_ILLUSTRATION } from "./illustrations";

export function UnavailableCard({ locale }: { locale: Locale }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <Card>
      <EmptyState heading={t("common.unavailable.title")} image={EMPTY_STATE_ILLUSTRATION}>
        <BlockStack gap="300">
          <Text as="p">{t("common.unavailable.body")}</Text>
          <Text as="p" tone="subdued">
            {t("common.unavailable.reinstall")}
          </Text>
          <div>
            <Button variant="primary" onClick={() => window.location.reload()}>
              {t("common.unavailable.reload")}
            </Button>
          </div>
        </BlockStack>
      </EmptyState>
    </Card>
  );
}

export function AppUnavailable({ locale }: { locale: Locale }) {
  return (
    <PolarisProvider i18n={polarisTranslations(locale)}>
      <Page narrowWidth>
        <UnavailableCard locale={locale} />
      </Page>
    </PolarisProvider>
  );
}

