import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { PageTitleBar } from "../components/PageTitleBar";
import { useEffect, useMemo, useState } from "react";
import db from "../db.server";
import { staffSession } from "../privacy/desk/staffSession.server";
import { parseSettingsForm, saveSettings, SettingsInputError } from "../privacy/desk/settingsForm";
import { loadDeskSettings } from "../privacy/requests";
import { mailConfigured } from "../privacy/mail";
import { parseNoticeTemplates } from "../privacy/mail/templates";
import { useLocale, useT } from "../i18n/react";
import { DeskErrorState, DeskSkeleton, useLeavingPage } from "../components/desk/PageStates";
import { NoticeTemplatesSection, type NoticeKind } from "../components/settings/NoticeTemplatesSection";
import { BusinessSection, DeadlinesSection, FlowSection, SmtpSection } from "../components/settings/SettingsSections";
import { settingsErrorText, type SettingsForm } from "../components/settings/settingsForm";

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

const initialState = (loaded: Loaded): SettingsForm => ({ ...loaded.settings, smtpPassword: "" });

export default function SettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<typeof action>();
  const leaving = useLeavingPage();
  const [saved, setSaved] = useState<SettingsForm>(() => initialState(loaded));
  const [form, setForm] = useState<SettingsForm>(saved);
  const [kind, setKind] = useState<NoticeKind>("acknowledgement");
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

  const invalidText = result && !result.ok ? settingsErrorText(t, result) : "";
  const errorFor = (name: string) => (errorField === name && result && !result.ok ? invalidText : undefined);
  const save = () => {
    const { noticeTemplates, ...fields } = form;
    const payload: Record<string, string> = { noticeTemplates: JSON.stringify(noticeTemplates) };
    for (const [key, value] of Object.entries(fields)) payload[key] = String(value);
    fetcher.submit(payload, { method: "post" });
  };
  const sections = { form, setForm, errorFor };

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
          <BusinessSection {...sections} />
          <DeadlinesSection {...sections} />
          <SmtpSection {...sections} hasPassword={loaded.hasPassword} />
          <FlowSection form={form} setForm={setForm} />
          <NoticeTemplatesSection {...sections} kind={kind} setKind={setKind} language={language} setLanguage={setLanguage} />
        </Layout>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = DeskErrorState;
