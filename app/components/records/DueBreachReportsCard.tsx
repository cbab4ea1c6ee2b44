import { BlockStack, Badge, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { DueBreachReport } from "../../privacy/records/breaches";
import { useLocale, useT } from "../../i18n/react";
import { formatDay } from "./format";

/** Dashboard card: the breach reports and notices still owed, overdue ones first in red. */
export function DueBreachReportsCard({ reports }: { reports: DueBreachReport[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("records.due.title")}
          </Text>
          <Button variant="plain" url="/app/records?tab=breaches">
            {t("records.due.view")}
          </Button>
        </InlineStack>
        {reports.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("records.due.none")}
          </Text>
        ) : (
          <BlockStack gap="200">
            {reports.map((report) => (
              <InlineStack key={`${report.incidentId}-${report.kind}`} align="space-between" blockAlign="center" gap="200">
                <BlockStack gap="050">
                  <Text as="span" fontWeight="semibold">
                    {report.title}
                  </Text>
                  <Text as="span" tone="subdued">
                    {t(`records.due.kind.${report.kind}`)}
                  </Text>
                </BlockStack>
                {report.dueAt ? (
                  <Badge tone={report.overdue ? "critical" : "warning"}>
                    {report.overdue ? t("records.overdue") : t("records.due.by", { date: formatDay(report.dueAt, locale) })}
                  </Badge>
                ) : (
                  <Badge tone="attention">{t("records.notice.in_progress")}</Badge>
                )}
              </InlineStack>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
