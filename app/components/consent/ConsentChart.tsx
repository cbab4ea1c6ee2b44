// Choices per kind over time as stacked bars, drawn as SVG. The SVG is labelled with a summary for
// screen readers, and the same numbers are available as a table for anyone who prefers them.
import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import { useId } from "react";
import { useLocale, useT } from "../../i18n/react";
import type { Locale, MessageKey } from "../../i18n";

export interface ChartSeries {
  kind: string;
  granted: number[];
  withdrawn: number[];
}

// Colours that stay distinguishable for common colour-vision deficiencies (Okabe–Ito).
const COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F"];

const WIDTH = 720;
const HEIGHT = 240;
const PAD = { top: 12, right: 12, bottom: 36, left: 40 };

/** A day ("2026-12-01") or a month ("2026-12") as the reader writes it. */
function bucketLabel(bucket: string, locale: Locale): string {
  const month = bucket.length === 7;
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", month ? { year: "numeric", month: "long", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${month ? `${bucket}-01` : bucket}T00:00:00Z`),
  );
}

/** The short label under a bar: "12/1" or "1 Dec"; a month as "12月" or "Dec". */
function axisLabel(bucket: string, locale: Locale): string {
  const month = bucket.length === 7;
  const options: Intl.DateTimeFormatOptions = month ? { month: locale === "ja" ? "long" : "short", timeZone: "UTC" } : locale === "ja" ? { month: "numeric", day: "numeric", timeZone: "UTC" } : { day: "numeric", month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", options).format(new Date(`${month ? `${bucket}-01` : bucket}T00:00:00Z`));
}

export function ConsentChart({ buckets, series, summary }: { buckets: string[]; series: ChartSeries[]; summary: string }) {
  const locale = useLocale();
  const t = useT();
  const titleId = useId();
  const descId = useId();
  const totals = buckets.map((_, i) => series.reduce((sum, entry) => sum + entry.granted[i] + entry.withdrawn[i], 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / Math.max(1, buckets.length);
  const barW = Math.max(2, band * 0.7);
  const y = (value: number) => PAD.top + plotH - (value / top) * plotH;
  const labelEvery = Math.ceil(buckets.length / 8);
  const kindLabel = (kind: string) => t(`consent.kind.${kind}` as MessageKey);
  const active = series.filter((entry) => entry.granted.some(Boolean) || entry.withdrawn.some(Boolean));

  return (
    <BlockStack gap="300">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" role="img" aria-labelledby={`${titleId} ${descId}`} style={{ maxHeight: 280 }}>
        <title id={titleId}>{t("consent.chart.heading")}</title>
        <desc id={descId}>{summary}</desc>
        {Array.from({ length: top / step + 1 }, (_, i) => i * step).map((tick) => (
          <g key={tick} aria-hidden="true">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} stroke="#e3e3e3" />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="11" fill="#616161">
              {tick}
            </text>
          </g>
        ))}
        {buckets.map((bucket, i) => {
          let base = 0;
          const x = PAD.left + i * band + (band - barW) / 2;
          return (
            <g key={bucket} aria-hidden="true">
              {series.map((entry, s) => {
                const value = entry.granted[i] + entry.withdrawn[i];
                if (!value) return null;
                const rect = <rect key={entry.kind} x={x} width={barW} y={y(base + value)} height={y(base) - y(base + value)} fill={COLOURS[s % COLOURS.length]} />;
                base += value;
                return rect;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + barW / 2} y={HEIGHT - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#616161">
                  {axisLabel(bucket, locale)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <InlineStack gap="400" wrap>
        {series.map((entry, s) => (
          <InlineStack key={entry.kind} gap="100" blockAlign="center">
            <span aria-hidden="true" style={{ display: "inline-block", width: 12, height: 12, borderRadius: 2, background: COLOURS[s % COLOURS.length] }} />
            <Text as="span" variant="bodySm" tone={active.includes(entry) ? undefined : "subdued"}>
              {kindLabel(entry.kind)}
            </Text>
          </InlineStack>
        ))}
      </InlineStack>
      <details>
        <summary>
          <Text as="span" variant="bodySm">
            {t("consent.chart.tableCaption")}
          </Text>
        </summary>
        <div style={{ overflowX: "auto" }}>
          <table style={{ borderCollapse: "collapse", fontSize: 12 }}>
            <caption style={{ textAlign: "start" }}>{t("consent.chart.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col" style={{ textAlign: "start", padding: "4px 8px" }}>
                  {t("consent.chart.period.col")}
                </th>
                {series.map((entry) => (
                  <th key={entry.kind} scope="col" style={{ textAlign: "end", padding: "4px 8px" }}>
                    {kindLabel(entry.kind)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {buckets.map((bucket, i) =>
                totals[i] ? (
                  <tr key={bucket}>
                    <th scope="row" style={{ textAlign: "start", padding: "4px 8px", fontWeight: 400 }}>
                      {bucketLabel(bucket, locale)}
                    </th>
                    {series.map((entry) => (
                      <td key={entry.kind} style={{ textAlign: "end", padding: "4px 8px" }}>
                        {entry.granted[i]} / {entry.withdrawn[i]}
                      </td>
                    ))}
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </BlockStack>
  );
}

function niceStep(max: number): number {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const candidates = [1, 2, 5, 10].map((factor) => factor * power);
  return candidates.find((candidate) => candidate >= rough) ?? 10 * power;
}
