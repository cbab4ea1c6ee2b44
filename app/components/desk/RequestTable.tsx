// One page of the request list: a row per request (a condensed card on a phone) that opens it,
// paged by cursor.
import { useNavigate } from "@remix-run/react";
import { BlockStack, IndexTable, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import { DueBadge, StatusBadge } from "./Badges";
import { formatDate } from "./format";
import { sourceKey, typeKey } from "./labels";

export interface RequestRow {
  id: string;
  reference: string;
  type: string;
  status: string;
  source: string;
  customerName: string | null;
  email: string | null;
  receivedAt: Date | string;
  dueAt: Date | string;
}

interface Props {
  rows: RequestRow[];
  phone: boolean;
  loading: boolean;
  emptyState: ReactNode;
  now: Date | string;
  dueSoonDays: number;
  next: string | null;
  previous: string | null;
  onPage: (key: "after" | "before", cursor: string | null) => void;
}

export function RequestTable({ rows, phone, loading, emptyState, now, dueSoonDays, next, previous, onPage }: Props) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  return (
    <IndexTable
      condensed={phone}
      resourceName={{ singular: t("desk.list.resource"), plural: t("desk.list.resources") }}
      itemCount={rows.length}
      selectable={false}
      loading={loading}
      emptyState={emptyState}
      headings={[
        { title: t("desk.list.col.reference") },
        { title: t("desk.list.col.type") },
        { title: t("desk.list.col.name") },
        { title: t("desk.list.col.status") },
        { title: t("desk.list.col.source") },
        { title: t("desk.list.col.received") },
        { title: t("desk.list.col.due") },
      ]}
      pagination={{
        hasNext: Boolean(next),
        hasPrevious: Boolean(previous),
        onNext: () => onPage("after", next),
        onPrevious: () => onPage("before", previous),
      }}
    >
      {rows.map((row, index) =>
        phone ? (
          <IndexTable.Row id={row.id} key={row.id} position={index} onClick={() => navigate(`/app/requests/${row.id}`)}>
            <div style={{ padding: "12px 16px" }}>
              <BlockStack gap="100">
                <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
                  <Text as="span" fontWeight="semibold">
                    {row.reference}
                  </Text>
                  <StatusBadge status={row.status} />
                </InlineStack>
                <Text as="span">
                  {t(typeKey(row.type))} · {row.customerName || t("desk.list.noName")}
                </Text>
                <InlineStack gap="200" blockAlign="center">
                  <Text as="span" variant="bodySm" tone="subdued">
                    {t("desk.list.col.due")} {formatDate(row.dueAt, locale, timeZone)}
                  </Text>
                  <DueBadge status={row.status} dueAt={row.dueAt} now={now} soonDays={dueSoonDays} />
                </InlineStack>
              </BlockStack>
            </div>
          </IndexTable.Row>
        ) : (
          <IndexTable.Row id={row.id} key={row.id} position={index} onClick={() => navigate(`/app/requests/${row.id}`)}>
            <IndexTable.Cell>
              <Text as="span" fontWeight="semibold">
                {row.reference}
              </Text>
            </IndexTable.Cell>
            <IndexTable.Cell>{t(typeKey(row.type))}</IndexTable.Cell>
            <IndexTable.Cell>
              <BlockStack gap="050">
                <Text as="span">{row.customerName || t("desk.list.noName")}</Text>
                {row.email ? (
                  <Text as="span" variant="bodySm" tone="subdued">
                    {row.email}
                  </Text>
                ) : null}
              </BlockStack>
            </IndexTable.Cell>
            <IndexTable.Cell>
              <StatusBadge status={row.status} />
            </IndexTable.Cell>
            <IndexTable.Cell>{t(sourceKey(row.source))}</IndexTable.Cell>
            <IndexTable.Cell>{formatDate(row.receivedAt, locale, timeZone)}</IndexTable.Cell>
            <IndexTable.Cell>
              <InlineStack gap="200" blockAlign="center" wrap={false}>
                <Text as="span">{formatDate(row.dueAt, locale, timeZone)}</Text>
                <DueBadge status={row.status} dueAt={row.dueAt} now={now} soonDays={dueSoonDays} />
              </InlineStack>
            </IndexTable.Cell>
          </IndexTable.Row>
        ),
      )}
    </IndexTable>
  );
}
