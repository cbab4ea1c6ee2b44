// The breaches tab: incidents with their next report deadline (red once passed), beside the
// reports still owed.
import { useNavigate } from "@remix-run/react";
import { Badge, Button, EmptyState, IndexTable, Layout, Text } from "@shopify/polaris";
import { useLocale, useT } from "../../i18n/react";
import type { DueBreachReport } from "../../privacy/records/breaches";
import { EMPTY_STATE_ILLUSTRATION } from "../illustrations";
import { DueBreachReportsCard } from "./DueBreachReportsCard";
import { formatDay } from "./format";
import { RegisterSection } from "./RegisterSection";

export interface BreachRow {
  id: string;
  title: string;
  discoveredAt: string;
  peopleCount: number;
  reportDue: boolean;
  status: string;
  nextDueAt: string | null;
}

export function BreachesPanel({ breaches, due, now: nowIso }: { breaches: BreachRow[]; due: DueBreachReport[]; now: string }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const now = new Date(nowIso);
  return (
    <Layout>
      <RegisterSection
        intro={t("records.breaches.intro")}
        empty={
          breaches.length === 0 ? (
            <EmptyState heading={t("records.breaches.empty.heading")} action={{ content: t("records.breaches.add"), url: "/app/records/breaches/new" }} image={EMPTY_STATE_ILLUSTRATION}>
              <p>{t("records.breaches.empty.body")}</p>
            </EmptyState>
          ) : null
        }
        actions={
          <Button variant="primary" url="/app/records/breaches/new">
            {t("records.breaches.add")}
          </Button>
        }
      >
        <IndexTable
          resourceName={{ singular: t("records.breach.title"), plural: t("records.breach.title") }}
          itemCount={breaches.length}
          selectable={false}
          headings={[{ title: t("records.breach.title") }, { title: t("records.breach.discoveredAt") }, { title: t("records.breach.peopleCount") }, { title: t("records.breach.deadlines") }, { title: t("records.breach.status") }]}
        >
          {breaches.map((b, index) => {
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
      </RegisterSection>
      <Layout.Section variant="oneThird">
        <DueBreachReportsCard reports={due} />
      </Layout.Section>
    </Layout>
  );
}
