import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import db from "../db.server";
import { formInput, notFound, recordsStaff } from "../components/records/staff.server";
import { dateInputValue, dateTimeInputValue, formatDateTime, formatDay } from "../components/records/format";
import { PageError } from "../components/PageError";
import { useRecordForm } from "../components/records/useRecordForm";
import { BREACH_STATUSES, NOTICE_STATUSES, REPORT_FIELD_KEYS } from "../privacy/records/recordKinds";
import {
  PRELIMINARY_EARLIEST_DAYS,
  breachDataKinds,
  breachReportFields,
  breachTimeline,
  createBreachIncident,
  findBreachIncident,
  parseBreachInput,
  updateBreachIncident,
} from "../privacy/records/breaches";
import { japaneseDeadline } from "../privacy/records/workingDays";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await recordsStaff(request);
  if (params.id === "new") {
    return { incident: null, timeline: [], values: { discoveredAt: dateTimeInputValue(new Date()), noticeStatus: "not_started", status: "open" } as Record<string, string> };
  }
  const incident = await findBreachIncident(db, shop, params.id ?? "");
  if (!incident) throw notFound();
  const values: Record<string, string> = {
    title: incident.title,
    summary: incident.summary,
    discoveredAt: dateTimeInputValue(incident.discoveredAt),
    occurredAt: dateInputValue(incident.occurredAt),
    dataKinds: breachDataKinds(incident).join("\n"),
    peopleCount: String(incident.peopleCount),
    cause: incident.cause,
    triggerSensitive: String(incident.triggerSensitive),
    triggerFinancial: String(incident.triggerFinancial),
    triggerMalicious: String(incident.triggerMalicious),
    triggerOverThousand: String(incident.triggerOverThousand),
    euResidents: String(incident.euResidents),
    noticeStatus: incident.noticeStatus,
    noticeSentAt: dateInputValue(incident.noticeSentAt),
    noticeNote: incident.noticeNote,
    preliminaryReportedAt: dateInputValue(incident.preliminaryReportedAt),
    finalReportedAt: dateInputValue(incident.finalReportedAt),
    gdprReportedAt: dateInputValue(incident.gdprReportedAt),
    status: incident.status,
    ...breachReportFields(incident),
  };
  return {
    incident: {
      id: incident.id,
      reportDue: incident.reportDue,
      euResidents: incident.euResidents,
      preliminaryFrom: incident.reportDue ? japaneseDeadline(incident.discoveredAt, PRELIMINARY_EARLIEST_DAYS).toISOString() : null,
      preliminaryDueAt: incident.preliminaryDueAt?.toISOString() ?? null,
      finalDueAt: incident.finalDueAt?.toISOString() ?? null,
      gdprDueAt: incident.gdprDueAt?.toISOString() ?? null,
      preliminaryReportedAt: incident.preliminaryReportedAt?.toISOString() ?? null,
      finalReportedAt: incident.finalReportedAt?.toISOString() ?? null,
      gdprReportedAt: incident.gdprReportedAt?.toISOString() ?? null,
    },
    timeline: breachTimeline(incident),
    values,
  };
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { shop, actor } = await recordsStaff(request);
  const parsed = parseBreachInput(await formInput(request));
  if (!parsed.ok) return { errors: parsed.errors, saved: false };
  const id = params.id ?? "";
  if (id === "new") {
    const incident = await db.$transaction((tx) => createBreachIncident(tx, shop, parsed.value, actor));
    return redirect(`/app/records/breaches/${incident.id}`);
  }
  const incident = await db.$transaction((tx) => updateBreachIncident(tx, shop, id, parsed.value, actor));
  if (!incident) throw notFound();
  return { errors: null, saved: true };
};

export default function BreachPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const busy = useNavigation().state === "submitting";
  const { field, checkbox, save } = useRecordForm(data.values);
  const errors: Record<string, string> = actionData?.errors ?? {};
  const error = (name: string) => (errors[name] ? t(errors[name] as MessageKey) : undefined);
  const incident = data.incident;
  const now = new Date();

  useEffect(() => {
    if (actionData?.saved) shopify.toast.show(t("records.saved"));
  }, [actionData, shopify, t]);

  const deadline = (label: MessageKey, dueAt: string | null, reportedAt: string | null, window?: string | null) =>
    dueAt && (
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <BlockStack gap="050">
          <Text as="span" fontWeight="semibold">
            {t(label)}
          </Text>
          <Text as="span" tone="subdued">
            {window
              ? t("records.breach.preliminaryWindow", { from: formatDay(window, locale), due: formatDay(dueAt, locale) })
              : label === "records.breach.gdpr"
                ? formatDateTime(dueAt, locale)
                : formatDay(dueAt, locale)}
          </Text>
        </BlockStack>
        {reportedAt ? (
          <Badge tone="success">{t("records.reported")}</Badge>
        ) : new Date(dueAt) < now ? (
          <Badge tone="critical">{t("records.overdue")}</Badge>
        ) : (
          <Badge tone="warning">{t("records.due.by", { date: formatDay(dueAt, locale) })}</Badge>
        )}
      </InlineStack>
    );

  const title = incident ? data.values.title : t("records.breaches.newTitle");
  return (
    <Page>
      <PageTitleBar
        title={title}
        back={{ label: t("records.title"), url: "/app/records?tab=breaches" }}
        primary={{ label: t("records.save"), onAction: () => save(), disabled: busy }}
      />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length > 0 && <Banner tone="critical">{t("records.formErrors")}</Banner>}
            {incident ? (
              <InlineStack>
                <Badge tone={incident.reportDue ? "critical" : undefined}>{t(incident.reportDue ? "records.breach.reportDue" : "records.breach.reportNotDue")}</Badge>
              </InlineStack>
            ) : null}
            <Text as="p" tone="subdued">
              {t("records.breaches.intro")}
            </Text>
            <Card>
              <FormLayout>
                <TextField label={t("records.breach.title")} autoComplete="off" {...field("title")} error={error("title")} />
                <TextField label={t("records.breach.summary")} multiline={3} autoComplete="off" {...field("summary")} error={error("summary")} />
                <FormLayout.Group>
                  <TextField type="datetime-local" label={t("records.breach.discoveredAt")} autoComplete="off" {...field("discoveredAt")} error={error("discoveredAt")} />
                  <TextField type="date" label={t("records.breach.occurredAt")} autoComplete="off" {...field("occurredAt")} error={error("occurredAt")} />
                </FormLayout.Group>
                <FormLayout.Group>
                  <TextField label={t("records.breach.dataKinds")} helpText={t("records.field.itemsHelp")} multiline={2} autoComplete="off" {...field("dataKinds")} error={error("dataKinds")} />
                  <TextField type="number" min={0} label={t("records.breach.peopleCount")} autoComplete="off" {...field("peopleCount")} error={error("peopleCount")} />
                </FormLayout.Group>
                <TextField label={t("records.breach.cause")} multiline={2} autoComplete="off" {...field("cause")} error={error("cause")} />
              </FormLayout>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {t("records.breach.triggers")}
                </Text>
                <Checkbox label={t("records.breach.triggerSensitive")} {...checkbox("triggerSensitive")} />
                <Checkbox label={t("records.breach.triggerFinancial")} {...checkbox("triggerFinancial")} />
                <Checkbox label={t("records.breach.triggerMalicious")} {...checkbox("triggerMalicious")} />
                <Checkbox label={t("records.breach.triggerOverThousand")} {...checkbox("triggerOverThousand")} />
                <Checkbox label={t("records.breach.euResidents")} {...checkbox("euResidents")} />
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("records.breach.reportForm")}
                </Text>
                <FormLayout>
                  {REPORT_FIELD_KEYS.map((key) => (
                    <TextField key={key} label={t(`records.breach.${key}`)} multiline={2} autoComplete="off" {...field(key)} error={error(key)} />
                  ))}
                  <FormLayout.Group>
                    <TextField type="date" label={t("records.breach.preliminaryReportedAt")} autoComplete="off" {...field("preliminaryReportedAt")} error={error("preliminaryReportedAt")} />
                    <TextField type="date" label={t("records.breach.finalReportedAt")} autoComplete="off" {...field("finalReportedAt")} error={error("finalReportedAt")} />
                    <TextField type="date" label={t("records.breach.gdprReportedAt")} autoComplete="off" {...field("gdprReportedAt")} error={error("gdprReportedAt")} />
                  </FormLayout.Group>
                </FormLayout>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("records.breach.notice")}
                </Text>
                <FormLayout>
                  <FormLayout.Group>
                    <Select label={t("records.breach.noticeStatus")} options={NOTICE_STATUSES.map((s) => ({ label: t(`records.notice.${s}`), value: s }))} {...field("noticeStatus")} />
                    <TextField type="date" label={t("records.breach.noticeSentAt")} autoComplete="off" {...field("noticeSentAt")} error={error("noticeSentAt")} />
                  </FormLayout.Group>
                  <TextField label={t("records.breach.noticeNote")} multiline={2} autoComplete="off" {...field("noticeNote")} error={error("noticeNote")} />
                  <Select label={t("records.breach.status")} options={BREACH_STATUSES.map((s) => ({ label: t(`records.status.${s}`), value: s }))} {...field("status")} />
                </FormLayout>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {incident && (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("records.breach.deadlines")}
                  </Text>
                  {!incident.reportDue && !incident.euResidents && <Text as="p">{t("records.breach.reportNotDue")}</Text>}
                  {deadline("records.breach.preliminary", incident.preliminaryDueAt, incident.preliminaryReportedAt, incident.preliminaryFrom)}
                  {deadline("records.breach.final", incident.finalDueAt, incident.finalReportedAt)}
                  {deadline("records.breach.gdpr", incident.gdprDueAt, incident.gdprReportedAt)}
                </BlockStack>
              </Card>
            )}
            {data.timeline.length > 0 && (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {t("records.breach.timeline")}
                  </Text>
                  {data.timeline.map((entry, index) => (
                    <InlineStack key={index} align="space-between" gap="200">
                      <Text as="span">
                        {entry.action.startsWith("notice_")
                          ? t("records.timeline.notice", { status: t(`records.notice.${entry.action.slice(7)}` as MessageKey) })
                          : t(`records.timeline.${entry.action}` as MessageKey)}
                      </Text>
                      <Text as="span" tone="subdued">
                        {formatDateTime(entry.at, locale)}
                      </Text>
                    </InlineStack>
                  ))}
                </BlockStack>
              </Card>
            )}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError area="records" />;
}
