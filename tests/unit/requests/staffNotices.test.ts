import { describe, expect, it } from "vitest";
import { renderNotice } from "../../../app/privacy/mail/templates";
import type { NoticeToQueue } from "../../../app/privacy/mail/outbox";
import { defaultShopSettings } from "../../../app/privacy/requests/deskSettings";
import { staffDueSoonNotice, staffNewRequestNotice } from "../../../app/privacy/requests/staffNotices";

const SHOP = "staff-lang.myshopify.com";
const request = {
  id: "req_1",
  shop: SHOP,
  reference: "PD-2026-00042",
  type: "disclosure",
  source: "staff_phone",
  status: "in_progress",
  receivedAt: new Date("2026-03-01T03:00:00Z"),
  dueAt: new Date("2026-03-15T03:00:00Z"),
};
const settings = (staffNoticeLanguage?: string) => ({
  ...defaultShopSettings(SHOP),
  staffNotifyEmail: "staff@example.jp",
  ...(staffNoticeLanguage ? { staffNoticeLanguage } : {}),
});
const rendered = (notice: NoticeToQueue) => renderNotice(notice.kind, notice.locale, notice.vars, notice.templates ?? null);

describe("staff notices follow the shop's staff notice language", () => {
  it("writes the new-request notice in English, with English labels and dates, for an English-setting shop", () => {
    const notice = staffNewRequestNotice(settings("en"), request);
    expect(notice.locale).toBe("en");
    expect(notice.to).toBe("staff@example.jp");
    const mail = rendered(notice);
    expect(mail.subject).toBe("[Privacy Desk] New request PD-2026-00042");
    expect(mail.text).toContain("A new privacy request has arrived.");
    expect(mail.text).toContain("Type: Disclosure of your personal data");
    expect(mail.text).toContain("Source: Phone");
    expect(mail.text).toContain("Received: March 1, 2026");
    expect(mail.text).toContain("Due: March 15, 2026");
    expect(mail.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("writes the due-soon notice in English, with English labels and dates, for an English-setting shop", () => {
    const notice = staffDueSoonNotice(settings("en"), request);
    expect(notice.locale).toBe("en");
    const mail = rendered(notice);
    expect(mail.subject).toBe("[Privacy Desk] Request PD-2026-00042 is due soon");
    expect(mail.text).toContain("Type: Disclosure of your personal data");
    expect(mail.text).toContain("Status: In progress");
    expect(mail.text).toContain("Due: March 15, 2026");
    expect(mail.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it("writes both notices in Japanese for a shop on the default setting", () => {
    const fresh = settings();
    expect(fresh.staffNoticeLanguage).toBe("ja");
    const created = rendered(staffNewRequestNotice(fresh, request));
    expect(created.subject).toBe("【Privacy Desk】新しいご請求 PD-2026-00042");
    expect(created.text).toContain("種類: 保有個人データの開示");
    expect(created.text).toContain("受付経路: 電話");
    expect(created.text).toContain("受付日: 2026年3月1日");
    expect(created.text).toContain("回答期限: 2026年3月15日");
    const dueSoon = rendered(staffDueSoonNotice(fresh, request));
    expect(dueSoon.subject).toBe("【Privacy Desk】期限が近いご請求 PD-2026-00042");
    expect(dueSoon.text).toContain("状態: 対応中");
    expect(dueSoon.text).toContain("回答期限: 2026年3月15日");
  });

  it("treats a value other than en as Japanese and uses the shop's own template in the staff language", () => {
    expect(staffDueSoonNotice(settings("fr"), request).locale).toBe("ja");
    const custom = { ...settings("en"), noticeTemplates: JSON.stringify({ staff_due_soon: { en: { subject: "Due: {reference} ({status})" } } }) };
    expect(rendered(staffDueSoonNotice(custom, request)).subject).toBe("Due: PD-2026-00042 (In progress)");
  });
});
