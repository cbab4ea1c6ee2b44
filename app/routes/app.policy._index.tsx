import type { LoaderFunctionArgs } from "@remix-run/node";
import { useMemo } from "react";
import { useLoaderData } from "@remix-run/react";
import { PageTitleBar } from "../components/PageTitleBar";
import { actorLabel } from "../components/desk/labels";
import { formatStaffNames, staffNamesFor } from "../privacy/desk/staffNames";
import { Badge, Banner, BlockStack, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "../shopify.server";
import db from "../db.server";
import { listPolicyVersions } from "../privacy/policy/publishedPolicy";
import { countNeedingRenewal } from "../privacy/consent/consentQueries";
import { useLocale, useT } from "../i18n/react";
import { formatDateTime } from "../components/consent/format";
import { PageError } from "../components/PageError";
import { EMPTY_STATE_ILLUSTRATION } from "../components/illustrations";
import { loadPolicyPageUrl } from "../privacy/policy/policyPage";
import { liveLinks } from "../components/policy/liveLinks.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [versions, renewal, pageUrl] = await Promise.all([
    listPolicyVersions(db, session.shop),
    countNeedingRenewal(db, session.shop),
    loadPolicyPageUrl(db, session.shop),
  ]);
  return {
    liveUrl: liveLinks(session.shop, pageUrl, versions.length > 0).url,
    renewal,
    staff: await staffNamesFor(db, session.shop, versions.map((version) => version.publishedBy)),
    versions: versions.map((version) => ({ ...version, publishedAt: version.publishedAt.toISOString() })),
  };
};

export default function PolicyPage() {
  const { versions, renewal, staff, liveUrl } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const staffNames = useMemo(() => formatStaffNames(staff), [staff]);
  const latest = versions[0];

  return (
    <Page>
      <PageTitleBar
        title={t("policy.title")}
        primary={{ label: t("policy.edit"), url: "/app/policy/edit" }}
        secondary={liveUrl ? [{ label: t("policy.live.view"), onAction: () => window.open(liveUrl, "_blank", "noopener,noreferrer") }] : []}
      />
      <Layout>
        {latest?.purposesChanged || renewal.people + renewal.visitors > 0 ? (
          <Layout.Section>
            <Banner
              tone="warning"
              title={t("policy.notify.title")}
              action={renewal.people > 0 ? { content: t("policy.notify.action"), url: "/app/consent?kind=policy&granted=true" } : undefined}
            >
              <BlockStack gap="100">
                <p>{t("policy.notify.body", { version: renewal.purposesVersion ?? latest?.version ?? "" })}</p>
                {renewal.people > 0 && renewal.purposesVersion !== null ? (
                  <p>{t("consent.renewal.body", { version: renewal.purposesVersion, count: renewal.people })}</p>
                ) : null}
                {renewal.visitors > 0 && renewal.purposesVersion !== null ? (
                  <p>{t("consent.renewal.visitors", { version: renewal.purposesVersion, count: renewal.visitors })}</p>
                ) : null}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            {latest ? (
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("policy.status.heading")}
                </Text>
                <Text as="p" variant="headingLg">
                  {t("policy.status.version", { version: latest.version })}
                </Text>
                <Text as="p">{t("policy.status.publishedAt", { date: formatDateTime(locale, latest.publishedAt) })}</Text>
                {latest.publishedBy ? <Text as="p">{t("policy.status.publishedBy", { who: actorLabel(t, latest.publishedBy, staffNames) })}</Text> : null}
                <Text as="p">{t("policy.status.changeNote", { note: latest.changeNote })}</Text>
                <Text as="p" tone="subdued" variant="bodySm" breakWord>
                  {t("policy.status.hash", { hash: latest.contentHash })}
                </Text>
              </BlockStack>
            ) : (
              <EmptyState
                heading={t("policy.empty.heading")}
                image={EMPTY_STATE_ILLUSTRATION}
                action={{ content: t("policy.edit"), url: "/app/policy/edit" }}
              >
                <p>{t("policy.status.none")}</p>
              </EmptyState>
            )}
          </Card>
        </Layout.Section>
        {versions.length ? (
          <Layout.Section>
            <Card padding="0">
              <div style={{ padding: "16px 16px 8px" }}>
                <Text as="h2" variant="headingMd">
                  {t("policy.versions.heading")}
                </Text>
              </div>
              <IndexTable
                resourceName={{ singular: t("policy.versions.resource"), plural: t("policy.versions.resource") }}
                itemCount={versions.length}
                selectable={false}
                headings={[
                  { title: t("policy.col.version") },
                  { title: t("policy.col.publishedAt") },
                  { title: t("policy.col.changeNote") },
                  { title: t("policy.col.purposes") },
                  { title: t("policy.col.publishedBy") },
                  { title: t("policy.col.hash") },
                ]}
              >
                {versions.map((version, index) => (
                  <IndexTable.Row id={String(version.version)} key={version.version} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        v{version.version}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{formatDateTime(locale, version.publishedAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" breakWord>
                        {version.changeNote}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {version.purposesChanged ? <Badge tone="warning">{t("policy.purposesChanged")}</Badge> : <Badge>{t("policy.purposesSame")}</Badge>}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{version.publishedBy ? actorLabel(t, version.publishedBy, staffNames) : "—"}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <span title={version.contentHash} style={{ fontFamily: "monospace" }}>
                        {version.contentHash.slice(0, 12)}
                      </span>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="policy" />;
}
