// The chart card of the consent page: choices per kind over the chosen period.
import { BlockStack, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import { ConsentChart, type ChartSeries } from "./ConsentChart";
import { formatDay } from "./format";

interface Props {
  buckets: string[];
  series: ChartSeries[];
  period: string;
  range: { from: string; to: string };
  onPeriodChange: (period: string) => void;
}

export function ConsentChartCard({ buckets, series, period, range, onPeriodChange }: Props) {
  const t = useT();
  const locale = useLocale();
  const total = series.reduce((sum, entry) => sum + entry.granted.reduce((a, b) => a + b, 0) + entry.withdrawn.reduce((a, b) => a + b, 0), 0);
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("consent.chart.heading")}
          </Text>
          <div style={{ minWidth: 200 }}>
            <Select
              label={t("consent.chart.period")}
              labelInline
              options={[
                { label: t("consent.chart.days"), value: "day" },
                { label: t("consent.chart.weeks"), value: "week" },
                { label: t("consent.chart.months"), value: "month" },
              ]}
              value={period}
              onChange={onPeriodChange}
            />
          </div>
        </InlineStack>
        {total ? (
          <ConsentChart buckets={buckets} series={series} summary={t("consent.chart.summary", { from: formatDay(locale, range.from), to: formatDay(locale, range.to), total })} />
        ) : (
          <Text as="p" tone="subdued">
            {t("consent.chart.noData")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
