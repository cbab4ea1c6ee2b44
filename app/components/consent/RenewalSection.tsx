// Asks staff to renew consent when the purposes changed after people or visitors chose; a section
// of the page's layout, absent when nobody needs to renew.
import { Banner, BlockStack, Layout } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import type { RenewalCounts } from "../../privacy/consent/consentQueries";

export function RenewalSection({ renewal }: { renewal: RenewalCounts }) {
  const t = useT();
  if (renewal.people + renewal.visitors === 0 || renewal.purposesVersion === null) return null;
  return (
    <Layout.Section>
      <Banner tone="warning" title={t("consent.renewal.title")}>
        <BlockStack gap="100">
          {renewal.people > 0 ? <p>{t("consent.renewal.body", { version: renewal.purposesVersion, count: renewal.people })}</p> : null}
          {renewal.visitors > 0 ? <p>{t("consent.renewal.visitors", { version: renewal.purposesVersion, count: renewal.visitors })}</p> : null}
        </BlockStack>
      </Banner>
    </Layout.Section>
  );
}
