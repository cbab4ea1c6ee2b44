// The settings the desk reads for a shop, with the schema's defaults when the shop never saved any.
import type { Db, Prisma } from "../../db.factory";
import { SHOP_CONTACT_PLACEHOLDER, SHOP_NAME_PLACEHOLDER } from "../mail/signaturePlaceholders";
import type { NoticeLocale } from "../mail/templates";
import { DEFAULT_SHOP_TIME_ZONE, shopTimeZone } from "../shopTime";

export type DeskDb = Db | Prisma.TransactionClient;
export type ShopSettingsRow = Awaited<ReturnType<Db["shopSettings"]["findUnique"]>> & object;

export function defaultShopSettings(shop: string): ShopSettingsRow {
  return {
    shop,
    businessName: "",
    businessAddress: "",
    representative: "",
    contactEmail: "",
    contactPhone: "",
    staffNotifyEmail: "",
    dueDays: 14,
    euDueDays: 30,
    dueSoonDays: 3,
    staffNoticeLanguage: "ja",
    smtpHost: "",
    smtpPort: 587,
    smtpSecure: false,
    smtpUser: "",
    smtpPassword: "",
    mailFrom: "",
    noticeTemplates: "{}",
    timeZone: DEFAULT_SHOP_TIME_ZONE,
    setUpAt: null,
    flowTriggersEnabled: true,
    setupSteps: "{}",
    downloadDays: 14,
    downloadLimit: 5,
    shopName: null,
    shopContactEmail: null,
    shopCountry: null,
    policyPageUrl: "",
    updatedAt: new Date(0),
  };
}

export async function loadDeskSettings(db: DeskDb, shop: string): Promise<ShopSettingsRow> {
  return (await db.shopSettings.findUnique({ where: { shop } })) ?? defaultShopSettings(shop);
}

/** Where staff notices go: the dedicated address, else the shop's contact address, else nowhere. */
export const staffNoticeAddress = (settings: ShopSettingsRow) => settings.staffNotifyEmail.trim() || settings.contactEmail.trim();

/** The language staff notices are written in; anything but "en" (a row from before the setting) is Japanese. */
export const staffNoticeLocale = (settings: Pick<ShopSettingsRow, "staffNoticeLanguage">): NoticeLocale =>
  settings.staffNoticeLanguage === "en" ? "en" : "ja";

/** The shop's time zone for dates and deadlines (a stored value that is no IANA zone reads as the default). */
export const settingsTimeZone = (settings: Pick<ShopSettingsRow, "timeZone">): string => shopTimeZone(settings.timeZone);

/** Who signs the notices: the business name staff entered, else the shop's name in Shopify, else its domain. */
export const signatureName = (settings: Pick<ShopSettingsRow, "shop" | "businessName" | "shopName">): string =>
  settings.businessName.trim() || settings.shopName?.trim() || settings.shop;

/**
 * Who signs a notice being queued: as signatureName, but while the app knows neither a business
 * name nor the shop's name, a placeholder filled in when the notice is sent or shown
 * (mail/signaturePlaceholders.ts), never the domain while the name can still be learnt.
 */
export const noticeSignatureName = (settings: Pick<ShopSettingsRow, "shop" | "businessName" | "shopName">): string =>
  settings.businessName.trim() || settings.shopName?.trim() || SHOP_NAME_PLACEHOLDER;

/** Where the notices send replies: the contact address staff entered, else the shop's public contact address in Shopify. */
export const signatureContact = (settings: Pick<ShopSettingsRow, "contactEmail" | "shopContactEmail">): string =>
  settings.contactEmail.trim() || settings.shopContactEmail?.trim() || "";

/**
 * The contact address of a notice being queued: as signatureContact, but while the app has not yet
 * read the shop's details from Shopify (no shop name), a placeholder filled in when the notice is
 * sent or shown, so the contact line is not dropped only because the app was not opened yet.
 */
export const noticeSignatureContact = (settings: Pick<ShopSettingsRow, "contactEmail" | "shopContactEmail" | "shopName">): string =>
  signatureContact(settings) || (settings.shopName?.trim() ? "" : SHOP_CONTACT_PLACEHOLDER);
