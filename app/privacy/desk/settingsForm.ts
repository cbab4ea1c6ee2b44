// Validation of the Settings page: every field checked before anything is written, so a bad value
// changes nothing. The SMTP password is write-only: an empty field keeps the stored one.
import type { Db } from "../../db.factory";
import { DOWNLOAD_DAYS, DOWNLOAD_LIMIT } from "../disclosure/deliveryLimits";
import { NOTICE_KINDS, parseNoticeTemplates, type NoticeLocale, type NoticeTemplates } from "../mail/templates";
import { checkedSmtpAddress, privateSmtpAllowed, SmtpHostRefusedError } from "../mail/smtpHost";

export class SettingsInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
    /** A reason the page words on its own (the field is named in any case). */
    readonly code?: "smtp_host_private" | "smtp_host_unresolvable",
  ) {
    super(message);
    this.name = "SettingsInputError";
  }
}

export interface SettingsInput {
  businessName: string;
  businessAddress: string;
  representative: string;
  contactEmail: string;
  contactPhone: string;
  staffNotifyEmail: string;
  dueDays: number;
  euDueDays: number;
  dueSoonDays: number;
  /** The language of the notices to staff; shopper notices follow the shopper's language. */
  staffNoticeLanguage: NoticeLocale;
  smtpHost: string;
  smtpPort: number;
  smtpSecure: boolean;
  smtpUser: string;
  /** Undefined keeps the stored password. */
  smtpPassword?: string;
  mailFrom: string;
  noticeTemplates: string;
  /** Undefined (a form without the switch) keeps the stored choice. */
  flowTriggersEnabled?: boolean;
  /** How long a disclosure's download link works and how many downloads it allows; undefined keeps them. */
  downloadDays?: number;
  downloadLimit?: number;
}

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const HOST = /^[a-zA-Z0-9.-]{1,253}$/;

function text(form: Record<string, string | undefined>, field: string, max: number): string {
  const value = (form[field] ?? "").trim();
  if (value.length > max) throw new SettingsInputError(`${field} is longer than ${max} characters`, field);
  return value;
}

function email(form: Record<string, string | undefined>, field: string): string {
  const value = text(form, field, 254);
  if (value && !EMAIL.test(value)) throw new SettingsInputError(`${field} is not an email address`, field);
  return value;
}

function whole(form: Record<string, string | undefined>, field: string, min: number, max: number): number {
  const raw = (form[field] ?? "").trim();
  const value = Number(raw);
  if (!raw || !Number.isInteger(value) || value < min || value > max) {
    throw new SettingsInputError(`${field} must be a whole number from ${min} to ${max}`, field);
  }
  return value;
}

function noticeLanguage(form: Record<string, string | undefined>, field: string): NoticeLocale {
  const value = form[field];
  if (value !== "ja" && value !== "en") throw new SettingsInputError(`${field} must be ja or en`, field);
  return value;
}

/** Keeps only the templates staff actually wrote; an override equal to nothing falls back to the default. */
function templates(raw: string | undefined): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw || "{}");
  } catch {
    throw new SettingsInputError("noticeTemplates is not valid JSON", "noticeTemplates");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SettingsInputError("noticeTemplates must be an object", "noticeTemplates");
  }
  for (const kind of Object.keys(parsed)) {
    if (!(NOTICE_KINDS as readonly string[]).includes(kind)) throw new SettingsInputError(`unknown notice ${kind}`, "noticeTemplates");
  }
  const clean: NoticeTemplates = parseNoticeTemplates(JSON.stringify(parsed));
  for (const byLocale of Object.values(clean)) {
    for (const template of Object.values(byLocale ?? {})) {
      if ((template?.subject?.length ?? 0) > 300 || (template?.body?.length ?? 0) > 20_000) {
        throw new SettingsInputError("a notice template is too long", "noticeTemplates");
      }
    }
  }
  return JSON.stringify(clean);
}

export function parseSettingsForm(form: Record<string, string | undefined>): SettingsInput {
  const dueDays = whole(form, "dueDays", 1, 90);
  const euDueDays = whole(form, "euDueDays", 1, 90);
  const smtpHost = text(form, "smtpHost", 253);
  if (smtpHost && !HOST.test(smtpHost)) throw new SettingsInputError("smtpHost is not a host name", "smtpHost");
  const password = form.smtpPassword ?? "";
  return {
    businessName: text(form, "businessName", 200),
    businessAddress: text(form, "businessAddress", 500),
    representative: text(form, "representative", 200),
    contactEmail: email(form, "contactEmail"),
    contactPhone: text(form, "contactPhone", 40),
    staffNotifyEmail: email(form, "staffNotifyEmail"),
    dueDays,
    euDueDays,
    dueSoonDays: whole(form, "dueSoonDays", 1, Math.max(1, Math.min(dueDays, euDueDays))),
    staffNoticeLanguage: noticeLanguage(form, "staffNoticeLanguage"),
    smtpHost,
    smtpPort: whole(form, "smtpPort", 1, 65535),
    smtpSecure: form.smtpSecure === "true",
    smtpUser: text(form, "smtpUser", 254),
    smtpPassword: password ? password.slice(0, 500) : undefined,
    mailFrom: email(form, "mailFrom"),
    noticeTemplates: templates(form.noticeTemplates),
    flowTriggersEnabled: form.flowTriggersEnabled === undefined ? undefined : form.flowTriggersEnabled === "true",
    downloadDays: form.downloadDays === undefined ? undefined : whole(form, "downloadDays", DOWNLOAD_DAYS.min, DOWNLOAD_DAYS.max),
    downloadLimit: form.downloadLimit === undefined ? undefined : whole(form, "downloadLimit", DOWNLOAD_LIMIT.min, DOWNLOAD_LIMIT.max),
  };
}

export async function saveSettings(db: Db, shop: string, input: SettingsInput, env: Record<string, string | undefined> = process.env) {
  // The app's own network is no SMTP server of the shop's (mail/smtpHost.ts), checked after DNS.
  if (input.smtpHost && !privateSmtpAllowed(env)) {
    try {
      await checkedSmtpAddress(input.smtpHost, env);
    } catch (error) {
      if (!(error instanceof SmtpHostRefusedError)) throw error;
      throw new SettingsInputError(error.message, "smtpHost", error.reason === "private" ? "smtp_host_private" : "smtp_host_unresolvable");
    }
  }
  const { smtpPassword, flowTriggersEnabled, downloadDays, downloadLimit, ...rest } = input;
  const data = {
    ...rest,
    ...(smtpPassword === undefined ? {} : { smtpPassword }),
    ...(flowTriggersEnabled === undefined ? {} : { flowTriggersEnabled }),
    ...(downloadDays === undefined ? {} : { downloadDays }),
    ...(downloadLimit === undefined ? {} : { downloadLimit }),
  };
  return db.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}
