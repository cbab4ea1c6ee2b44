// The two notices to the shop's staff, in the language the shop chose for its staff
// (ShopSettings.staffNoticeLanguage). Shopper notices follow the shopper's language instead.
// They carry the reference and the request's kind, never the shopper's personal data.
import type { NoticeToQueue } from "../mail/outbox";
import { formatNoticeDate, noticeLabel } from "../mail/templates";
import { staffNoticeAddress, staffNoticeLocale, type ShopSettingsRow } from "./deskSettings";

interface StaffNoticeRequest {
  id: string;
  shop: string;
  reference: string;
  type: string;
  dueAt: Date;
}

export function staffNewRequestNotice(
  settings: ShopSettingsRow,
  request: StaffNoticeRequest & { source: string; receivedAt: Date },
): NoticeToQueue {
  const locale = staffNoticeLocale(settings);
  return {
    shop: request.shop,
    requestId: request.id,
    kind: "staff_new_request",
    locale,
    to: staffNoticeAddress(settings),
    templates: settings.noticeTemplates,
    vars: {
      reference: request.reference,
      requestType: noticeLabel(locale, "requestType", request.type),
      source: noticeLabel(locale, "source", request.source),
      receivedAt: formatNoticeDate(request.receivedAt, locale),
      dueAt: formatNoticeDate(request.dueAt, locale),
    },
  };
}

export function staffDueSoonNotice(settings: ShopSettingsRow, request: StaffNoticeRequest & { status: string }): NoticeToQueue {
  const locale = staffNoticeLocale(settings);
  return {
    shop: request.shop,
    requestId: request.id,
    kind: "staff_due_soon",
    locale,
    to: staffNoticeAddress(settings),
    templates: settings.noticeTemplates,
    vars: {
      reference: request.reference,
      requestType: noticeLabel(locale, "requestType", request.type),
      status: noticeLabel(locale, "status", request.status),
      dueAt: formatNoticeDate(request.dueAt, locale),
    },
  };
}
