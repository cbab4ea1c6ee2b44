// The settings page's form: the shop's settings as edited (the SMTP password blank unless being
// replaced), and how a refused save is said to staff.
import type { Dispatch, SetStateAction } from "react";
import type { MessageKey } from "../../i18n";
import type { NoticeTemplates } from "../../privacy/mail/templates";
import type { ShopSettingsRow } from "../../privacy/requests/deskSettings";
import { labelOr } from "../desk/labels";

export type SettingsForm = Omit<ShopSettingsRow, "smtpPassword" | "updatedAt" | "shop" | "noticeTemplates"> & { smtpPassword: string; noticeTemplates: NoticeTemplates };

export interface SectionProps {
  form: SettingsForm;
  setForm: Dispatch<SetStateAction<SettingsForm>>;
  /** The message for a field the last save refused, else undefined. */
  errorFor: (name: string) => string | undefined;
}

/** `set(name)` is the onChange of the field that edits `name`. */
export const fieldSetter =
  (setForm: SectionProps["setForm"]) =>
  <K extends keyof SettingsForm>(name: K) =>
  (value: SettingsForm[K]) =>
    setForm((current) => ({ ...current, [name]: value }));

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

/** A refused save in the staff member's language: the field by its label, never the parser's English message. */
export function settingsErrorText(t: (key: MessageKey, vars?: Record<string, string | number>) => string, refusal: { field: string; code: string | null }): string {
  if (refusal.code === "smtp_host_private") return t("desk.settings.smtpHostPrivate");
  if (refusal.code === "smtp_host_unresolvable") return t("desk.settings.smtpHostUnresolvable");
  return t("desk.settings.invalidField", { field: labelOr(t, FIELD_LABELS[refusal.field] ?? ("desk.settings.title" as MessageKey), refusal.field) });
}
