// The two notices to the shop's staff, in the language the shop chose for its staff
// (ShopSettings.staffNoticeLanguage). Shopper notices follow the shopper's language instead.
// They carry the reference and the request's kind, never the shopper's personal data.
import type { NoticeToQueue } from "../mail/outbox";
import { noticeLabel } from "../mail/templates";
import { formatCalendarDate } from "../calendarDate";
import { settingsTimeZone, staffNoticeAddress, staffNoticeLocale, type ShopSettingsRow } from "./deskSettings";

interface StaffNoticeRequest {
  id: string;
  shop: string;
  reference: string;
  type: string;
  dueAt: Date;
}

type StaffNoticeKind = "staff_new_request" | "staff_due_soon";

function staffNotice(
  settings: ShopSettingsRow,
  request: StaffNoticeRequest,
  kind: StaffNoticeKind,
  vars: (locale: ReturnType<typeof staffNoticeLocale>) => Record<string, string>,
): NoticeToQueue {
  const locale = staffNoticeLocale(settings);
  return {
    shop: request.shop,
    requestId: request.id,
    kind,
    locale,
    to: staffNoticeAddress(settings),
    templates: settings.noticeTemplates,
    vars: {
      reference: request.reference,
      requestType: noticeLabel(locale, "requestType", request.type),
      dueAt: formatCalendarDate(request.dueAt, locale, settingsTimeZone(settings)),
      ...vars(locale),
    },
  };
}

export function staffNewRequestNotice(
  settings: ShopSettingsRow,
  request: StaffNoticeRequest & { source: string; receivedAt: Date },
): NoticeToQueue {
  return staffNotice(settings, request, "staff_new_request", (locale) => ({
    source: noticeLabel(locale, "source", request.source),
    receivedAt: formatCalendarDate(request.receivedAt, locale, settingsTimeZone(settings)),
  }));
}

export function staffDueSoonNotice(settings: ShopSettingsRow, request: StaffNoticeRequest & { status: string }): NoticeToQueue {
  return staffNotice(settings, request, "staff_due_soon", (locale) => ({
    status: noticeLabel(locale, "status", request.status),
  }));
}
