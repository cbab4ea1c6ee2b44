import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  ChoiceList,
  EmptyState,
  Filters,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { subjectKeysForEmail } from "../privacy/consent/ledgerSearch";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { CONSENT_KINDS, CONSENT_SOURCES } from "../privacy/consent/consentTypes";
import { SUBJECT_TYPES, subjectParam } from "../privacy/consent/subjectLabel";
import { countNeedingRenewal, countsByKindOverTime, listConsentRecords, parseConsentFilters, resolveSubjectRef, subjectViews, type Granularity } from "../privacy/consent/consentQueries";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { ConsentChart } from "../components/consent/ConsentChart";
import { formatDateTime, formatDay, subjectLabel } from "../components/consent/format";
import { evidenceText } from "../privacy/consent/evidenceText";
import { PageError } from "../components/PageError";
import { EMPTY_STATE_ILLUSTRATION } from "../components/illustrations";

const PERIODS: Record<string, { granularity: Granularity; span: number }> = {
  day: { granularity: "day", span: 30 },
  week: { granularity: "week", span: 12 * 7 },
  month: { granularity: "month", span: 365 },
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const url = new URL(request.url);
  const filters = await resolveSubjectRef(db, shop, parseConsentFilters(url.searchParams, shop));
  const searched = url.searchParams.get("q")?.trim() ?? "";
  if (searched.includes("@")) {
    const api = await adminGraphqlForShop(shop).catch(() => null);
    filters.subjectKeys = await subjectKeysForEmail(shop, searched, api);
  }
  const page = Number(url.searchParams.get("page") ?? "1");
  const periodKey = url.searchParams.get("period") ?? "day";
  const period = PERIODS[periodKey] ?? PERIODS.day;
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const to = new Date(today.getTime() + 86_400_000);
  const from = new Date(to.getTime() - period.span * 86_400_000);
  const [list, counts, renewal, anyRecord] = await Promise.all([
    listConsentRecords(db, shop, filters, page),
    countsByKindOverTime(db, shop, from, to, period.granularity),
    countNeedingRenewal(db, shop),
    db.consentRecord.findFirst({ where: { shop }, select: { id: true } }),
  ]);
  const subjects = await subjectViews(db, shop, list.records.map((record) => record.subjectKey));
  return {
    hasAny: anyRecord !== null,
    period: PERIODS[periodKey] ? periodKey : "day",
    range: { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) },
    counts,
    renewal,
    total: list.total,
    page: list.page,
    pages: list.pages,
    records: list.records.map((record) => ({
      id: record.id,
      subject: subjects.get(record.subjectKey)!,
      kind: record.kind,
      granted: record.granted,
      policyVersion: record.policyVersion,
      source: record.source,
      evidence: record.evidence,
      needsRenewal: record.needsRenewal,
      choiceAt: record.choiceAt.toISOString(),
      recordedAt: record.recordedAt.toISOString(),
    })),
  };
};

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(params.get("q") ?? "");
  const [exporting, setExporting] = useState(false);

  useEffect(() => setQuery(params.get("q") ?? ""), [params]);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      if (!("page" in changes)) next.delete("page");
      setParams(next, { preventScrollReset: true });
    },
    [params, setParams],
  );

  // Debounced so typing an id does not load a page per keystroke.
  useEffect(() => {
    if ((params.get("q") ?? "") === query) return;
    const timer = setTimeout(() => update({ q: query }), 400);
    return () => clearTimeout(timer);
  }, [query, params, update]);

  const exportCsv = async (form: "readable" | "codes") => {
    setExporting(true);
    try {
      const filterParams = new URLSearchParams(params);
      filterParams.delete("page");
      filterParams.delete("period");
      filterParams.set("locale", locale);
      if (form === "codes") filterParams.set("form", "codes");
      const response = await fetch(`/app/consent/export?${filterParams}`);
      if (!response.ok) throw new Error(String(response.status));
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `consent-ledger-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
      shopify.toast.show(t("consent.exported"));
    } catch {
      shopify.toast.show(t("consent.exportFailed"), { isError: true });
    } finally {
      setExporting(false);
    }
  };

  const kindLabel = (kind: string) => t(`consent.kind.${kind}` as MessageKey);
  const sourceLabel = (source: string) => t(`consent.source.${source}` as MessageKey);
  const subjectTypeLabel = (type: string) => t(`consent.subjectType.${type}` as MessageKey);
  const single = (key: string) => (params.get(key) ? [params.get(key)!] : []);

  const filters = [
    {
      key: "kind",
      label: t("consent.filter.kind"),
      filter: (
        <ChoiceList
          title={t("consent.filter.kind")}
          titleHidden
          choices={CONSENT_KINDS.map((kind) => ({ label: kindLabel(kind), value: kind }))}
          selected={single("kind")}
          onChange={(value) => update({ kind: value[0] ?? null })}
        />
      ),
      shortcut: true,
    },
    {
      key: "source",
      label: t("consent.filter.source"),
      filter: (
        <ChoiceList
          title={t("consent.filter.source")}
          titleHidden
          choices={CONSENT_SOURCES.map((source) => ({ label: sourceLabel(source), value: source }))}
          selected={single("source")}
          onChange={(value) => update({ source: value[0] ?? null })}
        />
      ),
      shortcut: true,
    },
    {
      key: "subject_type",
      label: t("consent.filter.subjectType"),
      filter: (
        <ChoiceList
          title={t("consent.filter.subjectType")}
          titleHidden
          choices={SUBJECT_TYPES.map((type) => ({ label: subjectTypeLabel(type), value: type }))}
          selected={single("subject_type")}
          onChange={(value) => update({ subject_type: value[0] ?? null })}
        />
      ),
    },
    {
      key: "granted",
      label: t("consent.filter.status"),
      filter: (
        <ChoiceList
          title={t("consent.filter.status")}
          titleHidden
          choices={[
            { label: t("consent.granted"), value: "true" },
            { label: t("consent.withdrawn"), value: "false" },
          ]}
          selected={single("granted")}
          onChange={(value) => update({ granted: value[0] ?? null })}
        />
      ),
      shortcut: true,
    },
    {
      key: "date",
      label: t("consent.filter.date"),
      filter: (
        <BlockStack gap="200">
          <TextField label={t("consent.filter.from")} type="date" autoComplete="off" value={params.get("from") ?? ""} onChange={(value) => update({ from: value })} />
          <TextField label={t("consent.filter.to")} type="date" autoComplete="off" value={params.get("to") ?? ""} onChange={(value) => update({ to: value })} />
        </BlockStack>
      ),
    },
  ];

  const appliedFilters = [
    ...(params.get("kind") ? [{ key: "kind", label: `${t("consent.filter.kind")}: ${kindLabel(params.get("kind")!)}`, onRemove: () => update({ kind: null }) }] : []),
    ...(params.get("source") ? [{ key: "source", label: `${t("consent.filter.source")}: ${sourceLabel(params.get("source")!)}`, onRemove: () => update({ source: null }) }] : []),
    ...(params.get("subject_type")
      ? [{ key: "subject_type", label: `${t("consent.filter.subjectType")}: ${subjectTypeLabel(params.get("subject_type")!)}`, onRemove: () => update({ subject_type: null }) }]
      : []),
    ...(params.get("granted")
      ? [{ key: "granted", label: params.get("granted") === "true" ? t("consent.granted") : t("consent.withdrawn"), onRemove: () => update({ granted: null }) }]
      : []),
    ...(params.get("from") || params.get("to")
      ? [{ key: "date", label: `${t("consent.filter.date")}: ${params.get("from") ?? "…"} – ${params.get("to") ?? "…"}`, onRemove: () => update({ from: null, to: null }) }]
      : []),
  ];

  const chartTotal = data.counts.series.reduce((sum, entry) => sum + entry.granted.reduce((a, b) => a + b, 0) + entry.withdrawn.reduce((a, b) => a + b, 0), 0);

  if (!data.hasAny) {
    return (
      <Page>
        <PageTitleBar title={t("consent.title")} />
        <Card>
          <EmptyState
            heading={t("consent.empty.heading")}
            image={EMPTY_STATE_ILLUSTRATION}
            action={{ content: t("consent.empty.action"), url: "/app/policy" }}
          >
            <p>{t("consent.empty.body")}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  return (
    <Page>
      <PageTitleBar title={t("consent.title")} secondary={[
          { label: exporting ? t("consent.exporting") : t("consent.export"), onAction: () => exportCsv("readable"), disabled: exporting },
          { label: t("desk.list.exportCodes"), onAction: () => exportCsv("codes"), disabled: exporting },
        ]} />
      <Layout>
        {data.renewal.people + data.renewal.visitors > 0 && data.renewal.purposesVersion !== null ? (
          <Layout.Section>
            <Banner tone="warning" title={t("consent.renewal.title")}>
              <BlockStack gap="100">
                {data.renewal.people > 0 ? <p>{t("consent.renewal.body", { version: data.renewal.purposesVersion, count: data.renewal.people })}</p> : null}
                {data.renewal.visitors > 0 ? (
                  <p>{t("consent.renewal.visitors", { version: data.renewal.purposesVersion, count: data.renewal.visitors })}</p>
                ) : null}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
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
                    value={data.period}
                    onChange={(value) => update({ period: value, page: params.get("page") })}
                  />
                </div>
              </InlineStack>
              {chartTotal ? (
                <ConsentChart
                  buckets={data.counts.buckets}
                  series={data.counts.series}
                  summary={t("consent.chart.summary", { from: formatDay(locale, data.range.from), to: formatDay(locale, data.range.to), total: chartTotal })}
                />
              ) : (
                <Text as="p" tone="subdued">
                  {t("consent.chart.noData")}
                </Text>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <Filters
              queryValue={query}
              queryPlaceholder={t("consent.filter.query")}
              onQueryChange={setQuery}
              onQueryClear={() => {
                setQuery("");
                update({ q: null });
              }}
              filters={filters}
              appliedFilters={appliedFilters}
              onClearAll={() => {
                setQuery("");
                update({ q: null, kind: null, source: null, subject_type: null, granted: null, from: null, to: null });
              }}
              loading={navigation.state === "loading"}
            />
            <IndexTable
              resourceName={{ singular: t("consent.list.resourceSingular"), plural: t("consent.list.resourcePlural") }}
              itemCount={data.records.length}
              selectable={false}
              loading={navigation.state === "loading"}
              emptyState={
                <EmptyState heading={t("consent.list.empty.heading")} image={EMPTY_STATE_ILLUSTRATION}>
                  <p>{t("consent.list.empty.body")}</p>
                </EmptyState>
              }
              headings={[
                { title: t("consent.col.choiceAt") },
                { title: t("consent.col.subject") },
                { title: t("consent.col.kind") },
                { title: t("consent.col.status") },
                { title: t("consent.col.version") },
                { title: t("consent.col.source") },
                { title: t("consent.col.evidence") },
                { title: t("consent.col.recordedAt") },
              ]}
            >
              {data.records.map((record, index) => {
                return (
                  <IndexTable.Row id={record.id} key={record.id} position={index}>
                    <IndexTable.Cell>{formatDateTime(locale, record.choiceAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Link url={`/app/consent/${encodeURIComponent(subjectParam(record.subject))}`} removeUnderline dataPrimaryLink>
                        {subjectLabel(locale, record.subject)}
                      </Link>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{kindLabel(record.kind)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <InlineStack gap="100">
                        <Badge tone={record.granted ? "success" : undefined}>{record.granted ? t("consent.granted") : t("consent.withdrawn")}</Badge>
                        {record.needsRenewal ? <Badge tone="warning">{t("consent.needsRenewal")}</Badge> : null}
                      </InlineStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{record.policyVersion ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{sourceLabel(record.source)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" variant="bodySm" tone="subdued" breakWord>
                        {record.evidence ? evidenceText(record.evidence, locale) : "—"}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatDateTime(locale, record.recordedAt)}</IndexTable.Cell>
                  </IndexTable.Row>
                );
              })}
            </IndexTable>
            <div style={{ padding: "12px 16px", borderTop: "1px solid var(--p-color-border-secondary)" }}>
              <InlineStack align="space-between" blockAlign="center">
                <Text as="span" tone="subdued">
                  {t("consent.list.count", { count: data.total })} · {t("consent.page.of", { page: data.page, pages: data.pages })}
                </Text>
                <Pagination
                  hasPrevious={data.page > 1}
                  previousTooltip={t("consent.page.previous")}
                  onPrevious={() => update({ page: String(data.page - 1) })}
                  hasNext={data.page < data.pages}
                  nextTooltip={t("consent.page.next")}
                  onNext={() => update({ page: String(data.page + 1) })}
                />
              </InlineStack>
            </div>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="consent" />;
}
