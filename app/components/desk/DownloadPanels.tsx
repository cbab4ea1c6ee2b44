// Request-page cards that hand over files: everything the app holds about the linked customer, and
// the third-party provision records disclosed to the person (APPI 33(5)).
import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { useT } from "../../i18n/react";
import { DownloadButtons } from "./DownloadButtons";

export function CustomerDataCard({ customerId }: { customerId: string }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.customerDataCard")}
        </Text>
        <Text as="p" tone="subdued">
          {t("desk.detail.customerDataBody", { id: customerId })}
        </Text>
        <DownloadButtons
          url={`/app/customer-data/${encodeURIComponent(customerId)}`}
          fallbackName={`customer-${customerId}-data`}
          failedMessage={t("desk.detail.customerDataFailed")}
          formats={[
            { format: "json", label: t("desk.detail.downloadJson") },
            { format: "csv", label: t("desk.detail.downloadCsv") },
          ]}
        />
      </BlockStack>
    </Card>
  );
}

export function ProvisionRecordsCard({ requestId, language }: { requestId: string; language: string }) {
  const t = useT();
  // The person's language by default: the package is theirs to read.
  const [lang, setLang] = useState(language === "en" ? "en" : "ja");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.provisionCard")}
        </Text>
        <Text as="p" tone="subdued">
          {t("desk.detail.provisionBody")}
        </Text>
        <div style={{ maxWidth: 240 }}>
          <Select
            label={t("desk.detail.provisionLanguage")}
            options={[
              { value: "ja", label: t("language.ja") },
              { value: "en", label: t("language.en") },
            ]}
            value={lang}
            onChange={setLang}
          />
        </div>
        <DownloadButtons
          url={`/app/records/provision-disclosure/${encodeURIComponent(requestId)}?lang=${lang}`}
          fallbackName="provision-records"
          failedMessage={t("desk.detail.provisionFailed")}
          formats={[
            { format: "json", label: t("desk.detail.downloadJson") },
            { format: "csv", label: t("desk.detail.downloadCsv") },
            { format: "html", label: t("desk.detail.printable"), open: true },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
