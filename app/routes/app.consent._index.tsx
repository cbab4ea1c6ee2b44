import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useNavigation } from "@remix-run/react";
import { PageTitleBar } from "../components/PageTitleBar";
import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { subjectKeysForEmail } from "../privacy/consent/ledgerSearch";
import { adminGraphqlForShop } from "../shopifyAdmin.server";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { countNeedingRenewal, countsByKindOverTime, listConsentRecords, parseConsentFilters, resolveSubjectRef, subjectViews } from "../privacy/consent/consentQueries";
import { chartWindow } from "../privacy/consent/chartPeriod";
import { useLocale, useT } from "../i18n/react";
import { ConsentChartCard } from "../components/consent/ConsentChartCard";
import { ConsentFilterBar } from "../components/consent/ConsentFilterBar";
import { ConsentLedgerTable } from "../components/consent/ConsentLedgerTable";
import { RenewalSection } from "../components/consent/RenewalSection";
import { useListExport } from "../components/list/useListExport";
import { useListParams } from "../components/list/useListParams";
import { PageError } from "../components/PageError";
import { EMPTY_STATE_ILLUSTRATION } from "../components/illustrations";

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
  const chart = chartWindow(url.searchParams.get("period"), new Date());
  const [list, counts, renewal, anyRecord] = await Promise.all([
    listConsentRecords(db, shop, filters, page),
    countsByKindOverTime(db, shop, chart.from, chart.to, chart.granularity),
    countNeedingRenewal(db, shop),
    db.consentRecord.findFirst({ where: { shop }, select: { id: true } }),
  ]);
  const subjects = await subjectViews(db, shop, list.records.map((record) => record.subjectKey));
  return {
    hasAny: anyRecord !== null,
    period: chart.period,
    range: chart.range,
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

const PAGING = ["page"] as const;
const EXPORT = { path: "/app/consent/export", dropKeys: ["page", "period"] } as const;

export default function ConsentPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const { params, update } = useListParams(PAGING);
  const { exporting, exportCsv } = useListExport(params, locale, {
    ...EXPORT,
    fallbackName: `consent-ledger-${new Date().toISOString().slice(0, 10)}.csv`,
    done: t("consent.exported"),
    failed: t("consent.exportFailed"),
  });
  const loading = navigation.state === "loading";

  if (!data.hasAny) {
    return (
      <Page>
        <PageTitleBar title={t("consent.title")} />
        <Card>
          <EmptyState heading={t("consent.empty.heading")} image={EMPTY_STATE_ILLUSTRATION} action={{ content: t("consent.empty.action"), url: "/app/policy" }}>
            <p>{t("consent.empty.body")}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  return (
    <Page>
      <PageTitleBar
        title={t("consent.title")}
        secondary={[
          { label: exporting ? t("consent.exporting") : t("consent.export"), onAction: () => exportCsv("readable"), disabled: exporting },
          { label: t("desk.list.exportCodes"), onAction: () => exportCsv("codes"), disabled: exporting },
        ]}
      />
      <Layout>
        <RenewalSection renewal={data.renewal} />
        <Layout.Section>
          <ConsentChartCard
            buckets={data.counts.buckets}
            series={data.counts.series}
            period={data.period}
            range={data.range}
            onPeriodChange={(value) => update({ period: value, page: params.get("page") })}
          />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <ConsentFilterBar params={params} update={update} loading={loading} />
            <ConsentLedgerTable
              records={data.records}
              total={data.total}
              page={data.page}
              pages={data.pages}
              loading={loading}
              onPage={(page) => update({ page: String(page) })}
            />
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="consent" />;
}
