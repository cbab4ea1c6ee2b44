import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { Badge, BlockStack, Card, DataTable, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { CONSENT_KINDS } from "../privacy/consent/consentTypes";
import { subjectHistory, subjectKeyOfRef, subjectViews } from "../privacy/consent/consentQueries";
import { subjectParam } from "../privacy/consent/subjectLabel";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { formatDateTime, subjectLabel } from "../components/consent/format";
import { evidenceText } from "../privacy/consent/evidenceText";
import { PageError } from "../components/PageError";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  // The page is named by the customer id or one of the subject's row ids, never by its keyed hash.
  const subjectKey = await subjectKeyOfRef(db, session.shop, params.subject ?? "");
  if (!subjectKey) throw new Response("Not found", { status: 404 });
  const history = await subjectHistory(db, session.shop, subjectKey);
  // Another shop's subject and an unknown subject look the same: nothing here.
  if (!history.records.length) throw new Response("Not found", { status: 404 });
  const subject = (await subjectViews(db, session.shop, [subjectKey])).get(subjectKey)!;
  return {
    subject,
    purposesVersion: history.purposesVersion,
    current: history.current.map((entry) => ({
      kind: entry.kind,
      granted: entry.granted,
      choiceAt: entry.choiceAt.toISOString(),
      policyVersion: entry.policyVersion,
      source: entry.source,
      evidence: entry.record.evidence,
      needsRenewal: entry.needsRenewal,
    })),
    records: history.records.map((record) => ({
      id: record.id,
      kind: record.kind,
      granted: record.granted,
      choiceAt: record.choiceAt.toISOString(),
      recordedAt: record.recordedAt.toISOString(),
      policyVersion: record.policyVersion,
      source: record.source,
      evidence: record.evidence,
    })),
  };
};

export default function ConsentSubjectPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const title = subjectLabel(locale, data.subject);
  const kindLabel = (kind: string) => t(`consent.kind.${kind}` as MessageKey);
  const sourceLabel = (source: string) => t(`consent.source.${source}` as MessageKey);
  const status = (granted: boolean) => <Badge tone={granted ? "success" : undefined}>{granted ? t("consent.granted") : t("consent.withdrawn")}</Badge>;

  const exportCsv = async () => {
    try {
      const response = await fetch(`/app/consent/export?${new URLSearchParams({ subject: subjectParam(data.subject), locale })}`);
      if (!response.ok) throw new Error(String(response.status));
      const link = document.createElement("a");
      link.href = URL.createObjectURL(await response.blob());
      link.download = `consent-${subjectParam(data.subject).replace(":", "-")}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
      shopify.toast.show(t("consent.exported"));
    } catch {
      shopify.toast.show(t("consent.exportFailed"), { isError: true });
    }
  };

  return (
    <Page>
      <PageTitleBar
        title={`${title} · ${t("consent.history.title")}`}
        back={{ label: t("consent.title"), url: "/app/consent" }}
        secondary={[{ label: t("consent.history.export"), onAction: exportCsv }]}
      />
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("consent.history.current")}
              </Text>
              <Text as="p" tone="subdued">
                {t("consent.history.currentHelp")}
              </Text>
              <BlockStack gap="200">
                {CONSENT_KINDS.map((kind) => {
                  const entry = data.current.find((candidate) => candidate.kind === kind);
                  return (
                    <InlineStack key={kind} align="space-between" blockAlign="center" wrap={false}>
                      <Text as="span" fontWeight="medium">
                        {kindLabel(kind)}
                      </Text>
                      {entry ? (
                        <InlineStack gap="200" blockAlign="center">
                          {status(entry.granted)}
                          {entry.needsRenewal ? <Badge tone="warning">{t("consent.needsRenewal")}</Badge> : null}
                          <Text as="span" tone="subdued" variant="bodySm">
                            {formatDateTime(locale, entry.choiceAt)} · {sourceLabel(entry.source)}
                            {entry.policyVersion ? ` · v${entry.policyVersion}` : ""}
                          </Text>
                        </InlineStack>
                      ) : (
                        <Text as="span" tone="subdued" variant="bodySm">
                          {t("consent.history.none")}
                        </Text>
                      )}
                    </InlineStack>
                  );
                })}
              </BlockStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <div style={{ padding: "16px 16px 0" }}>
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  {t("consent.history.all")}
                </Text>
                <Text as="p" tone="subdued" variant="bodySm">
                  {t("consent.history.appendOnly")}
                </Text>
              </BlockStack>
            </div>
            <DataTable
              columnContentTypes={["text", "text", "text", "numeric", "text", "text", "text"]}
              headings={[
                t("consent.col.choiceAt"),
                t("consent.col.kind"),
                t("consent.col.status"),
                t("consent.col.version"),
                t("consent.col.source"),
                t("consent.col.evidence"),
                t("consent.col.recordedAt"),
              ]}
              rows={data.records.map((record) => [
                formatDateTime(locale, record.choiceAt),
                kindLabel(record.kind),
                status(record.granted),
                record.policyVersion ?? "—",
                sourceLabel(record.source),
                record.evidence ? evidenceText(record.evidence, locale) : "—",
                formatDateTime(locale, record.recordedAt),
              ])}
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
