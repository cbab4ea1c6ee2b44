// One page of the consent ledger, newest choice first, with the page count and paging below.
import { Badge, EmptyState, IndexTable, InlineStack, Link, Pagination, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import { evidenceText } from "../../privacy/consent/evidenceText";
import { subjectParam, type SubjectView } from "../../privacy/consent/subjectLabel";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { formatDateTime, subjectLabel } from "./format";
import { useConsentLabels } from "./labels";

export interface LedgerRow {
  id: string;
  subject: SubjectView;
  kind: string;
  granted: boolean;
  policyVersion: number | null;
  source: string;
  evidence: string;
  needsRenewal: boolean;
  choiceAt: string;
  recordedAt: string;
}

interface Props {
  records: LedgerRow[];
  total: number;
  page: number;
  pages: number;
  loading: boolean;
  onPage: (page: number) => void;
}

export function ConsentLedgerTable({ records, total, page, pages, loading, onPage }: Props) {
  const t = useT();
  const locale = useLocale();
  const { kindLabel, sourceLabel } = useConsentLabels();
  return (
    <>
      <IndexTable
        resourceName={{ singular: t("consent.list.resourceSingular"), plural: t("consent.list.resourcePlural") }}
        itemCount={records.length}
        selectable={false}
        loading={loading}
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
        {records.map((record, index) => (
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
        ))}
      </IndexTable>
      <div style={{ padding: "12px 16px", borderTop: "1px solid var(--p-color-border-secondary)" }}>
        <InlineStack align="space-between" blockAlign="center">
          <Text as="span" tone="subdued">
            {t("consent.list.count", { count: total })} · {t("consent.page.of", { page, pages })}
          </Text>
          <Pagination
            hasPrevious={page > 1}
            previousTooltip={t("consent.page.previous")}
            onPrevious={() => onPage(page - 1)}
            hasNext={page < pages}
            nextTooltip={t("consent.page.next")}
            onNext={() => onPage(page + 1)}
          />
        </InlineStack>
      </div>
    </>
  );
}
