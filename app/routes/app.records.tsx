import { EMPTY_STATE_ILLUSTRATION } from "../components/illustrations";
import { useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import db from "../db.server";
import { formInput, recordsStaff } from "../components/records/staff.server";
import { formatDay } from "../components/records/format";
import { DueBreachReportsCard } from "../components/records/DueBreachReportsCard";
import { PageError } from "../components/PageError";
import { listProvisionRecords } from "../privacy/records/provisionLedger";
import { expiringProvisionRecords } from "../privacy/records/retention";
import { deleteProcessor, foreignTransferStatement, listProcessors, seedShopifyProcessors } from "../privacy/records/processors";
import { dueBreachReports, listBreachIncidents } from "../privacy/records/breaches";
import { parseJsonList } from "../privacy/records/validation";
import { useLocale, useT } from "../i18n/react";
import { countryNames, inLanguage } from "../privacy/records/registerText";

const TABS = ["provided", "received", "processors", "breaches"] as const;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await recordsStaff(request);
  const now = new Date();
  const [provided, received, expiring, processors, breaches, due] = await Promise.all([
    listProvisionRecords(db, shop, "provided"),
    listProvisionRecords(db, shop, "received"),
    expiringProvisionRecords(db, shop, now),
    listProcessors(db, shop),
    listBreachIncidents(db, shop),
    dueBreachReports(db, shop, now),
  ]);
  const ledgerRow = (r: (typeof provided)[number]) => ({
    id: r.id,
    firstProvidedAt: r.firstProvidedAt.toISOString(),
    lastProvidedAt: r.lastProvidedAt.toISOString(),
    continuous: r.continuous,
    counterpartyName: r.counterpartyName,
    subject: r.subjectLabel || (r.shopifyCustomerId ? `#${r.shopifyCustomerId}` : "—"),
    items: parseJsonList(r.items),
    basis: r.basis,
    retentionEndsAt: r.retentionEndsAt.toISOString(),
  });
  return {
    now: now.toISOString(),
    provided: provided.map(ledgerRow),
    received: received.map(ledgerRow),
    expiringIds: expiring.map((r) => r.id),
    processors: processors.map((p) => ({ id: p.id, name: p.name, country: p.country, role: p.role, legalBasis: p.legalBasis })),
    statement: { ja: foreignTransferStatement(processors, "ja"), en: foreignTransferStatement(processors, "en") },
    breaches: breaches.map((b) => ({
      id: b.id,
      title: b.title,
      discoveredAt: b.discoveredAt.toISOString(),
      peopleCount: b.peopleCount,
      reportDue: b.reportDue,
      status: b.status,
      nextDueAt: [b.reportDue && !b.preliminaryReportedAt ? b.preliminaryDueAt : null, b.reportDue && !b.finalReportedAt ? b.finalDueAt : null, b.euResidents && !b.gdprReportedAt ? b.gdprDueAt : null]
        .filter((d): d is Date => !!d)
        .sort((x, y) => x.getTime() - y.getTime())[0]
        ?.toISOString() ?? null,
    })),
    due,
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await recordsStaff(request);
  const input = await formInput(request);
  if (input.intent === "seed_processors") {
    const added = await db.$transaction((tx) => seedShopifyProcessors(tx, shop, actor));
    return { ok: true as const, intent: "seed_processors", added };
  }
  if (input.intent === "delete_processor" && input.id) {
    const deleted = await db.$transaction((tx) => deleteProcessor(tx, shop, input.id!, actor));
    if (!deleted) throw new Response("Not found", { status: 404 });
    return { ok: true as const, intent: "delete_processor", added: 0 };
  }
  return new Response("Unknown intent", { status: 400 });
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function RecordsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const shopify = useAppBridge();
  const [params, setParams] = useSearchParams();
  const selected = Math.max(0, TABS.indexOf((params.get("tab") ?? "provided") as (typeof TABS)[number]));

  useEffect(() => {
    if (actionData?.intent === "seed_processors") shopify.toast.show(t("records.processors.seeded", { count: actionData.added }));
    if (actionData?.intent === "delete_processor") shopify.toast.show(t("records.deleted"));
  }, [actionData, shopify, t]);

  const tabs = TABS.map((id) => ({ id, content: t(`records.tabs.${id}`), panelID: `${id}-panel` }));
  return (
    <Page>
      <PageTitleBar title={t("records.title")} />
      <Tabs tabs={tabs} selected={selected} onSelect={(index) => setParams({ tab: TABS[index] })}>
        <Box paddingBlockStart="400">
          {TABS[selected] === "provided" && <LedgerPanel data={data} direction="provided" />}
          {TABS[selected] === "received" && <LedgerPanel data={data} direction="received" />}
          {TABS[selected] === "processors" && <ProcessorsPanel data={data} />}
          {TABS[selected] === "breaches" && <BreachesPanel data={data} />}
        </Box>
      </Tabs>
    </Page>
  );
}

function LedgerPanel({ data, direction }: { data: LoaderData; direction: "provided" | "received" }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const rows = direction === "provided" ? data.provided : data.received;
  const expiring = new Set(data.expiringIds);
  const newUrl = `/app/records/provisions/new?direction=${direction}`;
  const expiringHere = rows.filter((row) => expiring.has(row.id)).length;
  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            {t("records.provision.intro")}
          </Text>
          {expiringHere > 0 && (
            <Banner tone="warning" title={t("records.expiring.title")}>
              <p>{t("records.expiring.body", { count: expiringHere })}</p>
            </Banner>
          )}
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState
                heading={t(direction === "provided" ? "records.provision.empty.heading" : "records.received.empty.heading")}
                action={{ content: t(direction === "provided" ? "records.provision.add" : "records.provision.addReceived"), url: newUrl }}
                image={EMPTY_STATE_ILLUSTRATION}
              >
                <p>{t(direction === "provided" ? "records.provision.empty.body" : "records.received.empty.body")}</p>
              </EmptyState>
            ) : (
              <>
                <Box padding="300">
                  <InlineStack align="end">
                    <Button variant="primary" url={newUrl}>
                      {t(direction === "provided" ? "records.provision.add" : "records.provision.addReceived")}
                    </Button>
                  </InlineStack>
                </Box>
                <IndexTable
                  resourceName={{ singular: t("records.title"), plural: t("records.title") }}
                  itemCount={rows.length}
                  selectable={false}
                  headings={[
                    { title: t("records.col.date") },
                    { title: t("records.col.counterparty") },
                    { title: t("records.col.subject") },
                    { title: t("records.col.items") },
                    { title: t("records.col.basis") },
                    { title: t("records.col.retention") },
                  ]}
                >
                  {rows.map((row, index) => (
                    <IndexTable.Row key={row.id} id={row.id} position={index} onClick={() => navigate(`/app/records/provisions/${row.id}`)}>
                      <IndexTable.Cell>
                        {formatDay(row.firstProvidedAt, locale)}
                        {row.continuous ? ` – ${formatDay(row.lastProvidedAt, locale)}` : ""}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {row.counterpartyName}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{row.subject}</IndexTable.Cell>
                      <IndexTable.Cell>{row.items.join(locale === "ja" ? "、" : ", ")}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge>{t(`records.basis.${row.basis as "consent"}`)}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {expiring.has(row.id) ? (
                          <Badge tone="warning">{formatDay(row.retentionEndsAt, locale)}</Badge>
                        ) : (
                          formatDay(row.retentionEndsAt, locale)
                        )}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </>
            )}
          </Card>
        </BlockStack>
      </Layout.Section>
    </Layout>
  );
}

function ProcessorsPanel({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const submit = useSubmit();
  const navigate = useNavigate();
  const busy = useNavigation().state === "submitting";
  const seed = () => submit({ intent: "seed_processors" }, { method: "post" });
  const [statementLocale, setStatementLocale] = useState(locale);
  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            {t("records.processors.intro")}
          </Text>
          <Card padding="0">
            {data.processors.length === 0 ? (
              <EmptyState
                heading={t("records.processors.empty.heading")}
                action={{ content: t("records.processors.seed"), onAction: seed, loading: busy }}
                secondaryAction={{ content: t("records.processors.add"), url: "/app/records/processors/new" }}
                image={EMPTY_STATE_ILLUSTRATION}
              >
                <p>{t("records.processors.empty.body")}</p>
              </EmptyState>
            ) : (
              <>
                <Box padding="300">
                  <InlineStack align="end" gap="200">
                    <Button onClick={seed} loading={busy}>
                      {t("records.processors.seed")}
                    </Button>
                    <Button variant="primary" url="/app/records/processors/new">
                      {t("records.processors.add")}
                    </Button>
                  </InlineStack>
                </Box>
                <IndexTable
                  resourceName={{ singular: t("records.processor.name"), plural: t("records.processor.name") }}
                  itemCount={data.processors.length}
                  selectable={false}
                  headings={[{ title: t("records.processor.name") }, { title: t("records.processor.country") }, { title: t("records.processor.role") }, { title: t("records.processor.legalBasis") }]}
                >
                  {data.processors.map((p, index) => (
                    <IndexTable.Row key={p.id} id={p.id} position={index} onClick={() => navigate(`/app/records/processors/${p.id}`)}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {p.name}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{countryNames(p.country, locale)}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge>{t(`records.role.${p.role as "cloud"}`)}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" truncate>
                          {inLanguage(p.legalBasis, locale)}
                        </Text>
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              </>
            )}
          </Card>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {t("records.processors.statement.title")}
              </Text>
              <Button variant="plain" onClick={() => setStatementLocale(statementLocale === "ja" ? "en" : "ja")}>
                {t(statementLocale === "ja" ? "language.en" : "language.ja")}
              </Button>
            </InlineStack>
            <TextField label={t("records.processors.statement.title")} labelHidden value={data.statement[statementLocale]} readOnly multiline={8} autoComplete="off" />
            <Text as="p" tone="subdued">
              {t("records.processors.statement.help")}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
    </Layout>
  );
}

function BreachesPanel({ data }: { data: LoaderData }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const now = new Date(data.now);
  return (
    <Layout>
      <Layout.Section>
        <BlockStack gap="400">
          <Text as="p" tone="subdued">
            {t("records.breaches.intro")}
          </Text>
          <Card padding="0">
            {data.breaches.length === 0 ? (
              <EmptyState
                heading={t("records.breaches.empty.heading")}
                action={{ content: t("records.breaches.add"), url: "/app/records/breaches/new" }}
                image={EMPTY_STATE_ILLUSTRATION}
              >
                <p>{t("records.breaches.empty.body")}</p>
              </EmptyState>
            ) : (
              <>
                <Box padding="300">
                  <InlineStack align="end">
                    <Button variant="primary" url="/app/records/breaches/new">
                      {t("records.breaches.add")}
                    </Button>
                  </InlineStack>
                </Box>
                <IndexTable
                  resourceName={{ singular: t("records.breach.title"), plural: t("records.breach.title") }}
                  itemCount={data.breaches.length}
                  selectable={false}
                  headings={[{ title: t("records.breach.title") }, { title: t("records.breach.discoveredAt") }, { title: t("records.breach.peopleCount") }, { title: t("records.breach.deadlines") }, { title: t("records.breach.status") }]}
                >
                  {data.breaches.map((b, index) => {
                    const overdue = b.nextDueAt ? new Date(b.nextDueAt) < now : false;
                    return (
                      <IndexTable.Row key={b.id} id={b.id} position={index} onClick={() => navigate(`/app/records/breaches/${b.id}`)} tone={overdue ? "critical" : undefined}>
                        <IndexTable.Cell>
                          <Text as="span" fontWeight="semibold">
                            {b.title}
                          </Text>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{formatDay(b.discoveredAt, locale)}</IndexTable.Cell>
                        <IndexTable.Cell>{b.peopleCount.toLocaleString(locale)}</IndexTable.Cell>
                        <IndexTable.Cell>
                          {b.nextDueAt ? (
                            <Badge tone={overdue ? "critical" : "warning"}>{overdue ? t("records.overdue") : t("records.due.by", { date: formatDay(b.nextDueAt, locale) })}</Badge>
                          ) : (
                            <Badge>{t(b.reportDue ? "records.reported" : "records.breach.reportNotDue")}</Badge>
                          )}
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <Badge tone={b.status === "open" ? "attention" : "success"}>{t(`records.status.${b.status as "open"}`)}</Badge>
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    );
                  })}
                </IndexTable>
              </>
            )}
          </Card>
        </BlockStack>
      </Layout.Section>
      <Layout.Section variant="oneThird">
        <DueBreachReportsCard reports={data.due} />
      </Layout.Section>
    </Layout>
  );
}

export function ErrorBoundary() {
  return <PageError area="records" />;
}
