// The provision records tab (data given to or received from third parties, APPI arts. 29-30),
// with a warning when records reach the end of their retention.
import { useNavigate } from "@remix-run/react";
import { Badge, Banner, Button, EmptyState, IndexTable, Layout, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { formatDay } from "./format";
import { RegisterSection } from "./RegisterSection";

export interface ProvisionRow {
  id: string;
  firstProvidedAt: string;
  lastProvidedAt: string;
  continuous: boolean;
  counterpartyName: string;
  subject: string;
  items: string[];
  basis: string;
  retentionEndsAt: string;
}

export function ProvisionLedgerPanel({ rows, expiringIds, direction }: { rows: ProvisionRow[]; expiringIds: string[]; direction: "provided" | "received" }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const expiring = new Set(expiringIds);
  const newUrl = `/app/records/provisions/new?direction=${direction}`;
  const expiringHere = rows.filter((row) => expiring.has(row.id)).length;
  const addLabel = t(direction === "provided" ? "records.provision.add" : "records.provision.addReceived");
  return (
    <Layout>
      <RegisterSection
        intro={t("records.provision.intro")}
        banner={
          expiringHere > 0 && (
            <Banner tone="warning" title={t("records.expiring.title")}>
              <p>{t("records.expiring.body", { count: expiringHere })}</p>
            </Banner>
          )
        }
        empty={
          rows.length === 0 ? (
            <EmptyState
              heading={t(direction === "provided" ? "records.provision.empty.heading" : "records.received.empty.heading")}
              action={{ content: addLabel, url: newUrl }}
              image={EMPTY_STATE_ILLUSTRATION}
            >
              <p>{t(direction === "provided" ? "records.provision.empty.body" : "records.received.empty.body")}</p>
            </EmptyState>
          ) : null
        }
        actions={
          <Button variant="primary" url={newUrl}>
            {addLabel}
          </Button>
        }
      >
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
                {expiring.has(row.id) ? <Badge tone="warning">{formatDay(row.retentionEndsAt, locale)}</Badge> : formatDay(row.retentionEndsAt, locale)}
              </IndexTable.Cell>
            </IndexTable.Row>
          ))}
        </IndexTable>
      </RegisterSection>
    </Layout>
  );
}
