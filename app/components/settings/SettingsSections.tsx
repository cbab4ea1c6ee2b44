// The settings page's sections, each an annotated card as in Shopify's own settings: business
// details, deadlines, outgoing mail, Flow.
import { Card, Checkbox, FormLayout, InlineGrid, Layout, TextField } from "@shopify/polaris";
import type { ReactNode } from "react";
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n/react";
import { DOWNLOAD_DAYS, DOWNLOAD_LIMIT } from "../../privacy/disclosure/deliveryLimits";
import { fieldSetter, type SectionProps, type SettingsForm } from "./settingsForm";

export function SettingsSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Layout.AnnotatedSection title={title} description={description}>
      <Card>{children}</Card>
    </Layout.AnnotatedSection>
  );
}

const TEXT_FIELDS: Array<{ name: keyof SettingsForm; label: MessageKey; type?: "email" | "tel"; multiline?: boolean }> = [
  { name: "businessName", label: "desk.settings.businessName" },
  { name: "businessAddress", label: "desk.settings.businessAddress", multiline: true },
  { name: "representative", label: "desk.settings.representative" },
  { name: "contactEmail", label: "desk.settings.contactEmail", type: "email" },
  { name: "contactPhone", label: "desk.settings.contactPhone", type: "tel" },
  { name: "staffNotifyEmail", label: "desk.settings.staffNotifyEmail", type: "email" },
];

export function BusinessSection({ form, setForm, errorFor }: SectionProps) {
  const t = useT();
  return (
    <SettingsSection title={t("desk.settings.business")} description={t("desk.settings.businessHelp")}>
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
      </FormLayout>
    </SettingsSection>
  );
}

// Number fields keep what staff typed (a string) until the server parses it, so a half-typed value is not reset.
const typed = (value: string) => value as unknown as number;

export function DeadlinesSection({ form, setForm, errorFor }: SectionProps) {
  const t = useT();
  return (
    <SettingsSection title={t("desk.settings.deadlines")} description={t("desk.settings.deadlinesHelp")}>
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
              onChange={(value) => setForm((current) => ({ ...current, [name]: typed(value) }))}
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
              onChange={(value) => setForm((current) => ({ ...current, [name]: typed(value) }))}
              error={errorFor(name)}
              autoComplete="off"
            />
          ))}
        </FormLayout.Group>
      </FormLayout>
    </SettingsSection>
  );
}

export function SmtpSection({ form, setForm, errorFor, hasPassword }: SectionProps & { hasPassword: boolean }) {
  const t = useT();
  const set = fieldSetter(setForm);
  return (
    <SettingsSection title={t("desk.settings.smtp")} description={t("desk.settings.smtpHelp")}>
      <FormLayout>
        <InlineGrid columns={{ xs: 1, md: "3fr 1fr" }} gap="300">
          <TextField label={t("desk.settings.smtpHost")} value={form.smtpHost} onChange={set("smtpHost")} error={errorFor("smtpHost")} autoComplete="off" />
          <TextField
            label={t("desk.settings.smtpPort")}
            type="number"
            value={String(form.smtpPort)}
            onChange={(value) => setForm((current) => ({ ...current, smtpPort: typed(value) }))}
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
            placeholder={hasPassword ? t("desk.settings.smtpPasswordKept") : undefined}
            autoComplete="new-password"
          />
        </FormLayout.Group>
        <TextField label={t("desk.settings.mailFrom")} type="email" value={form.mailFrom} onChange={set("mailFrom")} error={errorFor("mailFrom")} autoComplete="off" />
      </FormLayout>
    </SettingsSection>
  );
}

export function FlowSection({ form, setForm }: Pick<SectionProps, "form" | "setForm">) {
  const t = useT();
  return (
    <SettingsSection title={t("flow.settings.title")} description={t("flow.settings.help")}>
      <Checkbox label={t("flow.settings.enabled")} helpText={t("flow.settings.enabledHelp")} checked={form.flowTriggersEnabled} onChange={fieldSetter(setForm)("flowTriggersEnabled")} />
    </SettingsSection>
  );
}
