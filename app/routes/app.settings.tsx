import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Box, Card, Checkbox, FormLayout, InlineGrid, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { useEffect, useMemo, useState } from "react";
import db from "../db.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import { parseSettingsForm, saveSettings, SettingsInputError } from "../privacy/desk/settingsForm";
import { loadDeskSettings } from "../privacy/requests";
import { mailConfigured } from "../privacy/mail";
import { DOWNLOAD_DAYS, DOWNLOAD_LIMIT } from "../privacy/disclosure/deliveryLimits";
import { DEFAULT_NOTICE_TEMPLATES, NOTICE_KINDS, NOTICE_VARIABLES, parseNoticeTemplates, type NoticeTemplates } from "../privacy/mail/templates";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n";
import { DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { labelOr, noticeKindKey } from "../components/desk/labels";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await staffSession(request);
  const settings = await loadDeskSettings(db, shop);
  const { smtpPassword, updatedAt: _updatedAt, shop: _shop, ...visible } = settings;
  return {
    settings: { ...visible, noticeTemplates: parseNoticeTemplates(settings.noticeTemplates) },
    hasPassword: Boolean(smtpPassword),
    mailReady: mailConfigured(settings),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await staffSession(request);
  const form = Object.fromEntries([...(await request.formData())].map(([key, value]) => [key, typeof value === "string" ? value : ""]));
  try {
    await saveSettings(db, shop, parseSettingsForm(form));
    return { ok: true as const };
  } catch (error) {
    if (error instanceof SettingsInputError) return data({ ok: false as const, error: error.message, field: error.field, code: error.code ?? null }, { status: 400 });
    throw error;
  }
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type FormState = Omit<Loaded["settings"], "noticeTemplates"> & { smtpPassword: string; noticeTemplates: NoticeTemplates };

const initialState = (loaded: Loaded): FormState => ({ ...loaded.settings, smtpPassword: "" });

const TEXT_FIELDS: Array<{ name: keyof FormState; label: MessageKey; type?: "email" | "tel"; multiline?: boolean }> = [
  { name: "businessName", label: "desk.settings.businessName" },
  { name: "businessAddress", label: "desk.settings.businessAddress", multiline: true },
  { name: "representative", label: "desk.settings.representative" },
  { name: "contactEmail", label: "desk.settings.contactEmail", type: "email" },
  { name: "contactPhone", label: "desk.settings.contactPhone", type: "tel" },
  { name: "staffNotifyEmail", label: "desk.settings.staffNotifyEmail", type: "email" },
];

const FIELD_LABELS: Record<string, MessageKey> = {
  businessName: "desk.settings.businessName",
  businessAddress: "desk.settings.businessAddress",
  representative: "desk.settings.representative",
  contactEmail: "desk.settings.contactEmail",
  contactPhone: "desk.settings.contactPhone",
  staffNotifyEmail: "desk.settings.staffNotifyEmail",
  dueDays: "desk.settings.dueDays",
  euDueDays: "desk.settings.euDueDays",
  dueSoonDays: "desk.settings.dueSoonDays",
  downloadDays: "desk.settings.downloadDays",
  downloadLimit: "desk.settings.downloadLimit",
  smtpHost: "desk.settings.smtpHost",
  smtpPort: "desk.settings.smtpPort",
  smtpUser: "desk.settings.smtpUser",
  smtpPassword: "desk.settings.smtpPassword",
  mailFrom: "desk.settings.mailFrom",
  staffNoticeLanguage: "desk.settings.staffNoticeLanguage",
  noticeTemplates: "desk.settings.templates",
};

export default function SettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<typeof action>();
  const leaving = useLeavingPage();
  const [saved, setSaved] = useState<FormState>(() => initialState(loaded));
  const [form, setForm] = useState<FormState>(saved);
  const [kind, setKind] = useState<(typeof NOTICE_KINDS)[number]>("acknowledgement");
  // Templates open in the admin's language; the other is one choice away.
  const [language, setLanguage] = useState<"ja" | "en">(useLocale());
  const dirty = useMemo(() => JSON.stringify(form) !== JSON.stringify(saved), [form, saved]);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errorField = result && !result.ok ? result.field : undefined;

  useEffect(() => {
    if (result?.ok) {
      const next = { ...form, smtpPassword: "" };
      setSaved(next);
      setForm(next);
      shopify.toast.show(t("desk.settings.saved"));
    }
    // React to a new answer only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);

  const title = t("desk.settings.title");
  if (leaving) return <DeskSkeleton title={title} />;

  const set = <K extends keyof FormState>(name: K) => (value: FormState[K]) => setForm((current) => ({ ...current, [name]: value }));
  // The field named in the staff member's language, never the parser's English message.
  const invalidText =
    result && !result.ok
      ? result.code === "smtp_host_private"
        ? t("desk.settings.smtpHostPrivate")
        : result.code === "smtp_host_unresolvable"
          ? t("desk.settings.smtpHostUnresolvable")
          : t("desk.settings.invalidField", { field: labelOr(t, FIELD_LABELS[result.field] ?? ("desk.settings.title" as MessageKey), result.field) })
      : "";
  const errorFor = (name: string) => (errorField === name && result && !result.ok ? invalidText : undefined);
  const save = () => {
    const { noticeTemplates, ...fields } = form;
    const payload: Record<string, string> = { noticeTemplates: JSON.stringify(noticeTemplates) };
    for (const [key, value] of Object.entries(fields)) payload[key] = String(value);
    fetcher.submit(payload, { method: "post" });
  };
  const template = form.noticeTemplates[kind]?.[language] ?? {};
  const setTemplate = (part: "subject" | "body") => (value: string) =>
    setForm((current) => ({
      ...current,
      noticeTemplates: {
        ...current.noticeTemplates,
        [kind]: { ...current.noticeTemplates[kind], [language]: { ...current.noticeTemplates[kind]?.[language], [part]: value } },
      },
    }));
  const defaults = DEFAULT_NOTICE_TEMPLATES[kind][language];

  const section = (heading: MessageKey, help: string, body: React.ReactNode) => (
    <Layout.AnnotatedSection title={t(heading)} description={help}>
      <Card>{body}</Card>
    </Layout.AnnotatedSection>
  );

  return (
    <Page>
      <PageTitleBar title={title} />
      <SaveBar id="desk-settings-save-bar" open={dirty}>
        <button variant="primary" onClick={save} disabled={fetcher.state !== "idle"}>
          {t("desk.common.save")}
        </button>
        <button onClick={() => setForm(saved)}>{t("desk.common.discard")}</button>
      </SaveBar>
      <BlockStack gap="400">
        {result && !result.ok ? (
          <Banner tone="critical">
            <p>{invalidText}</p>
          </Banner>
        ) : null}
        <Layout>
          {section(
            "desk.settings.business",
            t("desk.settings.businessHelp"),
            <FormLayout>
              {TEXT_FIELDS.map((field) => (
                <TextField
                  key={field.name}
                  label={t(field.label)}
                  type={field.type}
                  multiline={field.multiline ? 2 : undefined}
                  value={String(form[field.name] ?? "")}
                  onChange={(value) => setForm((current) => ({ ...current, [field.name]: value }))}
                  error={errorFor(field.name)}
                  autoComplete="off"
                />
              ))}
            </FormLayout>,
          )}
          {section(
            "desk.settings.deadlines",
            t("desk.settings.deadlinesHelp"),
            <FormLayout>
              <FormLayout.Group>
                {(["dueDays", "euDueDays", "dueSoonDays"] as const).map((name) => (
                  <TextField
                    key={name}
                    label={t(`desk.settings.${name}`)}
                    type="number"
                    min={1}
                    max={90}
                    value={String(form[name])}
                    onChange={(value) => setForm((current) => ({ ...current, [name]: value as unknown as number }))}
                    error={errorFor(name)}
                    autoComplete="off"
                  />
                ))}
              </FormLayout.Group>
              <FormLayout.Group>
                {(
                  [
                    ["downloadDays", DOWNLOAD_DAYS],
                    ["downloadLimit", DOWNLOAD_LIMIT],
                  ] as const
                ).map(([name, range]) => (
                  <TextField
                    key={name}
                    label={t(`desk.settings.${name}`)}
                    helpText={t(`desk.settings.${name}Help`)}
                    type="number"
                    min={range.min}
                    max={range.max}
                    value={String(form[name])}
                    onChange={(value) => setForm((current) => ({ ...current, [name]: value as unknown as number }))}
                    error={errorFor(name)}
                    autoComplete="off"
                  />
                ))}
              </FormLayout.Group>
            </FormLayout>,
          )}
          {section(
            "desk.settings.smtp",
            t("desk.settings.smtpHelp"),
            <FormLayout>
              <InlineGrid columns={{ xs: 1, md: "3fr 1fr" }} gap="300">
                <TextField label={t("desk.settings.smtpHost")} value={form.smtpHost} onChange={set("smtpHost")} error={errorFor("smtpHost")} autoComplete="off" />
                <TextField
                  label={t("desk.settings.smtpPort")}
                  type="number"
                  value={String(form.smtpPort)}
                  onChange={(value) => setForm((current) => ({ ...current, smtpPort: value as unknown as number }))}
                  error={errorFor("smtpPort")}
                  autoComplete="off"
                />
              </InlineGrid>
              <Checkbox label={t("desk.settings.smtpSecure")} checked={form.smtpSecure} onChange={set("smtpSecure")} />
              <FormLayout.Group>
                <TextField label={t("desk.settings.smtpUser")} value={form.smtpUser} onChange={set("smtpUser")} autoComplete="off" />
                <TextField
                  label={t("desk.settings.smtpPassword")}
                  type="password"
                  value={form.smtpPassword}
                  onChange={set("smtpPassword")}
                  placeholder={loaded.hasPassword ? t("desk.settings.smtpPasswordKept") : undefined}
                  autoComplete="new-password"
                />
              </FormLayout.Group>
              <TextField label={t("desk.settings.mailFrom")} type="email" value={form.mailFrom} onChange={set("mailFrom")} error={errorFor("mailFrom")} autoComplete="off" />
            </FormLayout>,
          )}
          {section(
            "flow.settings.title",
            t("flow.settings.help"),
            <Checkbox
              label={t("flow.settings.enabled")}
              helpText={t("flow.settings.enabledHelp")}
              checked={form.flowTriggersEnabled}
              onChange={set("flowTriggersEnabled")}
            />,
          )}
          {section(
            "desk.settings.templates",
            t("desk.settings.templatesHelp", { vars: NOTICE_VARIABLES[kind].map((name) => `{${name}}`).join(" ") }),
            <FormLayout>
              <Select
                label={t("desk.settings.staffNoticeLanguage")}
                helpText={t("desk.settings.staffNoticeLanguageHelp")}
                options={[
                  { value: "ja", label: t("desk.new.language.ja") },
                  { value: "en", label: t("desk.new.language.en") },
                ]}
                value={form.staffNoticeLanguage}
                onChange={set("staffNoticeLanguage")}
                error={errorFor("staffNoticeLanguage") ? t("desk.settings.staffNoticeLanguageInvalid") : undefined}
              />
              <FormLayout.Group>
                <Select
                  label={t("desk.settings.template")}
                  options={NOTICE_KINDS.map((value) => ({ value, label: t(noticeKindKey(value)) }))}
                  value={kind}
                  onChange={(value) => setKind(value as (typeof NOTICE_KINDS)[number])}
                />
                <Select
                  label={t("desk.settings.templateLanguage")}
                  options={[
                    { value: "ja", label: t("desk.new.language.ja") },
                    { value: "en", label: t("desk.new.language.en") },
                  ]}
                  value={language}
                  onChange={(value) => setLanguage(value === "en" ? "en" : "ja")}
                />
              </FormLayout.Group>
              <TextField
                label={t("desk.settings.subject")}
                value={template.subject ?? ""}
                placeholder={defaults.subject}
                onChange={setTemplate("subject")}
                error={errorFor("noticeTemplates")}
                autoComplete="off"
              />
              <TextField label={t("desk.settings.body")} value={template.body ?? ""} placeholder={defaults.body} onChange={setTemplate("body")} multiline={8} autoComplete="off" />
              <Box>
                <Text as="p" tone="subdued" variant="bodySm">
                  {NOTICE_VARIABLES[kind].map((name) => `{${name}}`).join(" ")}
                </Text>
              </Box>
            </FormLayout>,
          )}
        </Layout>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
