// Requests per week, stacked by type, drawn as plain SVG. Screen readers get the title, a one-line
// summary and a data table with the same numbers; the colours are also told apart by the legend.
import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useId } from "react";
import { useLocale, useT } from "../../i18n/react";
import { formatDate } from "./format";
import { typeKey } from "./labels";

export interface ChartWeek {
  start: Date | string;
  counts: Record<string, number>;
  total: number;
}

const COLOURS: Record<string, string> = {
  disclosure: "#2c6ecb",
  provision_records: "#7f4afa",
  correction: "#1a9c7b",
  stop_use: "#d82c0d",
  purpose_notice: "#b98900",
  inquiry: "#6d7175",
};

const WIDTH = 640;
const HEIGHT = 220;
const AXIS = 28;
const TOP = 12;

export function WeeklyChart({ weeks, types }: { weeks: ChartWeek[]; types: readonly string[] }) {
  const t = useT();
  const locale = useLocale();
  const titleId = useId();
  const summaryId = useId();
  const total = weeks.reduce((sum, week) => sum + week.total, 0);
  const peak = Math.max(0, ...weeks.map((week) => week.total));
  const scaleMax = Math.max(4, Math.ceil(peak / 4) * 4);
  const plotHeight = HEIGHT - AXIS - TOP;
  const slot = (WIDTH - AXIS) / Math.max(1, weeks.length);
  const barWidth = slot * 0.6;
  const ticks = [0, scaleMax / 4, scaleMax / 2, (scaleMax * 3) / 4, scaleMax];

  return (
    <BlockStack gap="300">
      <Text as="h2" variant="headingMd" id={titleId}>
        {t("desk.dashboard.chartTitle")}
      </Text>
      <Text as="p" tone="subdued" id={summaryId}>
        {total ? t("desk.dashboard.chartSummary", { total, peak }) : t("desk.dashboard.chartEmpty")}
      </Text>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${summaryId}`}
        style={{ maxHeight: 260, display: "block" }}
      >
        {ticks.map((tick) => {
          const y = TOP + plotHeight - (tick / scaleMax) * plotHeight;
          return (
            <g key={tick} aria-hidden="true">
              <line x1={AXIS} x2={WIDTH} y1={y} y2={y} stroke="#e3e3e3" />
              <text x={AXIS - 6} y={y + 4} textAnchor="end" fontSize="11" fill="#616161">
                {tick}
              </text>
            </g>
          );
        })}
        {weeks.map((week, index) => {
          const x = AXIS + index * slot + (slot - barWidth) / 2;
          let y = TOP + plotHeight;
          const label = formatDate(week.start, locale);
          return (
            <g key={String(week.start)}>
              <title>{`${t("desk.dashboard.weekOf", { date: label })}: ${week.total}`}</title>
              {types.map((type) => {
                const count = week.counts[type] ?? 0;
                if (!count) return null;
                const height = (count / scaleMax) * plotHeight;
                y -= height;
                return <rect key={type} x={x} y={y} width={barWidth} height={height} fill={COLOURS[type] ?? "#8a8a8a"} />;
              })}
              {index % 2 === 0 || weeks.length <= 6 ? (
                <text x={x + barWidth / 2} y={HEIGHT - 8} textAnchor="middle" fontSize="10" fill="#616161" aria-hidden="true">
                  {label.replace(/^\d{4}[/年]\s?/, "").replace(/\s?\d{4}$/, "")}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <InlineStack gap="400" wrap>
        {types.map((type) => (
          <InlineStack key={type} gap="100" blockAlign="center">
            <span aria-hidden="true" style={{ width: 10, height: 10, borderRadius: 2, background: COLOURS[type], display: "inline-block" }} />
            <Text as="span" variant="bodySm">
              {t(typeKey(type))}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      <table className="Polaris-Text--visuallyHidden" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clip: "rect(0 0 0 0)" }}>
        <caption>{t("desk.dashboard.chartTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("desk.list.col.received")}</th>
            {types.map((type) => (
              <th key={type} scope="col">
                {t(typeKey(type))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={String(week.start)}>
              <th scope="row">{t("desk.dashboard.weekOf", { date: formatDate(week.start, locale) })}</th>
              {types.map((type) => (
                <td key={type}>{week.counts[type] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </BlockStack>
  );
}
