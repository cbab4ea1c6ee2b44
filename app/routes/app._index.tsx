import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link as RemixLink, useLoaderData } from "@remix-run/react";
import { BlockStack, Box, Card, EmptyState, IndexTable, InlineGrid, Layout, Link, Page, Text } from "@shopify/polaris";
import { PageTitleBar } from "../components/PageTitleBar";
import db from "../db.server";
import { dashboardStats } from "../privacy/desk/dashboardStats";
import { EMPTY_QUERY, listRequests } from "../privacy/desk/requestList";
import { staffSession } from "../privacy/desk/staffSession.server";
import { loadDeskSettings, settingsTimeZone } from "../privacy/requests";
import { REQUEST_TYPES } from "../privacy/requests/requestTypes";
import { useLocale, usePluralT, useT, useTimeZone } from "../i18n/react";
import { WeeklyChart } from "../components/desk/WeeklyChart";
import { DueBadge, StatusBadge } from "../components/desk/Badges";
import { BLANK_IMAGE, DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { formatDate } from "../components/desk/format";
import { typeKey } from "../components/desk/labels";
import { DueBreachReportsCard } from "../components/records/DueBreachReportsCard";
import { loadDueBreachReports } from "../components/records/dueBreachReports.server";
import { FailedEventsBanner } from "../components/FailedEventsBanner";
import { countFailedEvents } from "../privacy/webhooks/failedEvents";
import { markSetupStep, sendTestMail, setupGuide, SetupStepError, themeEditorLinks } from "../privacy/desk/setupGuide";
import { SetupGuideCard } from "../components/desk/SetupGuideCard";
import { appConfig } from "../shopify.server";
import { staffNoticeAddress } from "../privacy/requests/deskSettings";
import { resolveLocale, translate } from "../i18n";
import { errorKind, log } from "../log.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const now = new Date();
  const settings = await loadDeskSettings(db, shop);
  const timeZone = settingsTimeZone(settings);
  const [stats, urgent] = await Promise.all([
    dashboardStats(db, shop, { now, dueSoonDays: settings.dueSoonDays, timeZone }),
    listRequests(db, shop, { ...EMPTY_QUERY, due: "due_soon", dueWithinDays: settings.dueSoonDays, sort: "due_asc" }, { now, pageSize: 5, timeZone }),
  ]);
  const overdue = await listRequests(db, shop, { ...EMPTY_QUERY, due: "overdue", sort: "due_asc" }, { now, pageSize: 5 });
  const dueBreachReports = await loadDueBreachReports(shop, now);
  const failedEvents = await countFailedEvents(db, shop);
  const guide = await setupGuide(db, shop, settings);
  const links = themeEditorLinks(shop, appConfig.apiKey);
  return { stats, urgent: [...overdue.rows, ...urgent.rows].slice(0, 8), now, dueBreachReports, failedEvents, guide, links };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await staffSession(request);
  const form = await request.formData();
  const settings = await loadDeskSettings(db, shop);
  const locale = resolveLocale(String(form.get("locale") ?? ""), request.headers.get("accept-language"));
  const say = (key: Parameters<typeof translate>[1], vars?: Record<string, string>) => translate(locale, key, vars);
  if (form.get("intent") === "setup_mark") {
    try {
      await markSetupStep(db, shop, String(form.get("step") ?? ""));
    } catch (error) {
      if (error instanceof SetupStepError) return data({ ok: false, error: say("desk.error.invalid_input") }, { status: 400 });
      throw error;
    }
    return { ok: true, message: say("desk.setup.marked") };
  }
  if (form.get("intent") === "test_mail") {
    const to = staffNoticeAddress(settings);
    if (!to) return data({ ok: false, error: say("desk.setup.mail.noAddress") }, { status: 400 });
    try {
      await sendTestMail(settings, to, { subject: say("desk.setup.mail.subject"), text: say("desk.setup.mail.text") });
    } catch (error) {
      log.warn("mail.test_failed", { errorKind: errorKind(error) });
      return data({ ok: false, error: say("desk.setup.mail.failed") }, { status: 502 });
    }
    return { ok: true, message: say("desk.setup.mail.sent", { to }) };
  }
  return data({ ok: false, error: say("desk.error.invalid_input") }, { status: 400 });
};

function StatCard({ label, value, url, tone }: { label: string; value: number; url: string; tone?: "critical" | "caution" }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingSm" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="heading2xl" tone={value > 0 ? tone : undefined}>
          {value}
        </Text>
        <Link url={url} removeUnderline>
          {t("desk.dashboard.viewList")}
        </Link>
      </BlockStack>
    </Card>
  );
}

export default function DashboardPage() {
  const { stats, urgent, now, dueBreachReports, failedEvents, guide, links } = useLoaderData<typeof loader>();
  const t = useT();
  const tn = usePluralT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const leaving = useLeavingPage();
  const title = t("desk.dashboard.title");
  if (leaving) return <DeskSkeleton title={title} />;
  const nothingYet = stats.open === 0 && stats.completedThisMonth === 0 && stats.weeks.every((week) => week.total === 0);

  return (
    <Page>
      <PageTitleBar title={title} primary={{ label: t("desk.dashboard.newRequest"), url: "/app/requests/new" }} />
      <Layout>
        {guide.complete ? null : (
          <Layout.Section>
            <SetupGuideCard guide={guide} links={links} />
          </Layout.Section>
        )}
        {failedEvents > 0 && (
          <Layout.Section>
            <FailedEventsBanner count={failedEvents} />
          </Layout.Section>
        )}
        <Layout.Section>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
            <StatCard label={t("desk.dashboard.open")} value={stats.open} url="/app/requests?status=received,identity_check,in_progress,waiting_on_shopper" />
            <StatCard
              label={tn("desk.dashboard.dueSoon", stats.dueSoonDays, { days: stats.dueSoonDays })}
              value={stats.dueSoon}
              url={`/app/requests?due=due_soon&within=${stats.dueSoonDays}&sort=due_asc`}
              tone="caution"
            />
            <StatCard label={t("desk.dashboard.overdue")} value={stats.overdue} url="/app/requests?due=overdue&sort=due_asc" tone="critical" />
            <StatCard label={t("desk.dashboard.completedThisMonth")} value={stats.completedThisMonth} url="/app/requests?status=completed" />
          </InlineGrid>
        </Layout.Section>
        {dueBreachReports.length > 0 && (
          <Layout.Section>
            <DueBreachReportsCard reports={dueBreachReports} />
          </Layout.Section>
        )}
        {nothingYet ? (
          <Layout.Section>
            <Card>
              <EmptyState
                heading={t("desk.dashboard.emptyHeading")}
                image={BLANK_IMAGE}
                action={{ content: t("desk.dashboard.newRequest"), url: "/app/requests/new" }}
              >
                <p>{t("desk.dashboard.emptyBody")}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section>
              <Card>
                <WeeklyChart weeks={stats.weeks} types={REQUEST_TYPES} />
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card padding="0">
                <Box padding="400">
                  <Text as="h2" variant="headingMd">
                    {t("desk.dashboard.urgentTitle")}
                  </Text>
                </Box>
                {urgent.length === 0 ? (
                  <Box padding="400" paddingBlockStart="0">
                    <Text as="p" tone="subdued">
                      {t("desk.dashboard.urgentEmpty")}
                    </Text>
                  </Box>
                ) : (
                  <IndexTable
                    itemCount={urgent.length}
                    selectable={false}
                    resourceName={{ singular: t("desk.list.resource"), plural: t("desk.list.resources") }}
                    headings={[
                      { title: t("desk.list.col.reference") },
                      { title: t("desk.list.col.type") },
                      { title: t("desk.list.col.status") },
                      { title: t("desk.list.col.due") },
                    ]}
                  >
                    {urgent.map((row, index) => (
                      <IndexTable.Row id={row.id} key={row.id} position={index}>
                        <IndexTable.Cell>
                          <RemixLink to={`/app/requests/${row.id}`}>
                            <Text as="span" fontWeight="semibold">
                              {row.reference}
                            </Text>
                          </RemixLink>
                        </IndexTable.Cell>
                        <IndexTable.Cell>{t(typeKey(row.type))}</IndexTable.Cell>
                        <IndexTable.Cell>
                          <StatusBadge status={row.status} />
                        </IndexTable.Cell>
                        <IndexTable.Cell>
                          <BlockStack gap="100">
                            <Text as="span">{formatDate(row.dueAt, locale, timeZone)}</Text>
                            <DueBadge status={row.status} dueAt={row.dueAt} now={now} soonDays={stats.dueSoonDays} />
                          </BlockStack>
                        </IndexTable.Cell>
                      </IndexTable.Row>
                    ))}
                  </IndexTable>
                )}
              </Card>
            </Layout.Section>
          </>
        )}
      </Layout>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
