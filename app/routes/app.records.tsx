import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Box, Page, Tabs } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import db from "../db.server";
import { formInput, recordsStaff } from "../components/records/staff.server";
import { BreachesPanel } from "../components/records/BreachesPanel";
import { ProcessorsPanel } from "../components/records/ProcessorsPanel";
import { ProvisionLedgerPanel } from "../components/records/ProvisionLedgerPanel";
import { PageError } from "../components/PageError";
import { listProvisionRecords } from "../privacy/records/provisionLedger";
import { expiringProvisionRecords } from "../privacy/records/retention";
import { deleteProcessor, foreignTransferStatement, listProcessors, seedShopifyProcessors } from "../privacy/records/processors";
import { dueBreachReports, listBreachIncidents, nextReportDueAt } from "../privacy/records/breaches";
import { parseJsonList } from "../privacy/records/validation";
import { useT } from "../i18n/react";

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
      nextDueAt: nextReportDueAt(b)?.toISOString() ?? null,
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
          {TABS[selected] === "provided" && <ProvisionLedgerPanel rows={data.provided} expiringIds={data.expiringIds} direction="provided" />}
          {TABS[selected] === "received" && <ProvisionLedgerPanel rows={data.received} expiringIds={data.expiringIds} direction="received" />}
          {TABS[selected] === "processors" && <ProcessorsPanel processors={data.processors} statement={data.statement} />}
          {TABS[selected] === "breaches" && <BreachesPanel breaches={data.breaches} due={data.due} now={data.now} />}
        </Box>
      </Tabs>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="records" />;
}
