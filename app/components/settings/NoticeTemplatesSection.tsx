// The notice templates: one kind and language at a time, each field showing the default it replaces,
// with the variables that kind offers.
import { Box, FormLayout, Select, Text, TextField } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { DEFAULT_NOTICE_TEMPLATES, NOTICE_KINDS, NOTICE_VARIABLES } from "../../privacy/mail/templates";
import { noticeKindKey } from "../desk/labels";
import { SettingsSection } from "./SettingsSections";
import { fieldSetter, type SectionProps } from "./settingsForm";

export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The kind and language shown; the page keeps them, so they survive the section being re-rendered away. */
interface Shown {
  kind: NoticeKind;
  setKind: (kind: NoticeKind) => void;
  language: "ja" | "en";
  setLanguage: (language: "ja" | "en") => void;
}

export function NoticeTemplatesSection({ form, setForm, errorFor, kind, setKind, language, setLanguage }: SectionProps & Shown) {
  const t = useT();
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
  const variables = NOTICE_VARIABLES[kind].map((name) => `{${name}}`).join(" ");
  const languages = [
    { value: "ja", label: t("desk.new.language.ja") },
    { value: "en", label: t("desk.new.language.en") },
  ];

  return (
    <SettingsSection title={t("desk.settings.templates")} description={t("desk.settings.templatesHelp", { vars: variables })}>
      <FormLayout>
        <Select
          label={t("desk.settings.staffNoticeLanguage")}
          helpText={t("desk.settings.staffNoticeLanguageHelp")}
          options={languages}
          value={form.staffNoticeLanguage}
          onChange={fieldSetter(setForm)("staffNoticeLanguage")}
          error={errorFor("staffNoticeLanguage") ? t("desk.settings.staffNoticeLanguageInvalid") : undefined}
        />
        <FormLayout.Group>
          <Select
            label={t("desk.settings.template")}
            options={NOTICE_KINDS.map((value) => ({ value, label: t(noticeKindKey(value)) }))}
            value={kind}
            onChange={(value) => setKind(value as NoticeKind)}
          />
          <Select label={t("desk.settings.templateLanguage")} options={languages} value={language} onChange={(value) => setLanguage(value === "en" ? "en" : "ja")} />
        </FormLayout.Group>
        <TextField label={t("desk.settings.subject")} value={template.subject ?? ""} placeholder={defaults.subject} onChange={setTemplate("subject")} error={errorFor("noticeTemplates")} autoComplete="off" />
        <TextField label={t("desk.settings.body")} value={template.body ?? ""} placeholder={defaults.body} onChange={setTemplate("body")} multiline={8} autoComplete="off" />
        <Box>
          <Text as="p" tone="subdued" variant="bodySm">
            {variables}
          </Text>
        </Box>
      </FormLayout>
    </SettingsSection>
  );
}
