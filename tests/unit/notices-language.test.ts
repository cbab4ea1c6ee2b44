// Every notice the desk can send (issue 13, point 7), not just those one workflow happens to queue:
// each kind in Japanese and in English, for every request type, source, status, refusal ground and
// delivery method, with the values the app itself fills in. None may leave a placeholder, show the
// other language, a stored code or an ISO date; every label the notices use exists in both languages.
import { describe, expect, it } from "vitest";
import { NOTICE_KINDS, NOTICE_LABELS, NOTICE_VARIABLES, noticeLabel, renderNotice, type NoticeLocale, type NoticeVars } from "../../app/privacy/mail/templates";
import { formatCalendarDate } from "../../app/privacy/calendarDate";
import { DELIVERY_METHODS, REFUSAL_GROUNDS, REQUEST_SOURCES, REQUEST_STATUSES, REQUEST_TYPES } from "../../app/privacy/requests/requestTypes";
import { outcomeText } from "../../app/privacy/requests/lifecycle";
import { languageProblems } from "../support/languageCheck";

const SHOP_DATA = ["https://qui-pearl.example.jp/apps/privacy/download?token=77c0e1", "ご登録の内容をお知らせします。", "Here is what we hold.", "確認に時間を要するため", "We need more time to check", "https://qui-pearl.example.jp/apps/privacy/requests/status?token=5be2d7", "482913", "PD-2026-00042", "キュイパール", "Qui Pearl", "support@qui-pearl.example.jp", "https://qui-pearl.example.jp/apps/privacy/verify?token=3f9a1c"];
const at = new Date("2026-12-02T05:00:00Z");

function variants(locale: NoticeLocale): NoticeVars[] {
  const out: NoticeVars[] = [];
  for (const type of REQUEST_TYPES) {
    for (const deliveryMethod of DELIVERY_METHODS) {
      out.push({
        reference: "PD-2026-00042",
        requestType: noticeLabel(locale, "requestType", type),
        receivedAt: formatCalendarDate(at, locale, "Asia/Tokyo"),
        dueAt: formatCalendarDate(at, locale, "Asia/Tokyo"),
        expiresAt: formatCalendarDate(at, locale, "Asia/Tokyo"),
        businessName: locale === "ja" ? "キュイパール" : "Qui Pearl",
        contactEmail: "support@qui-pearl.example.jp",
        link: "https://qui-pearl.example.jp/apps/privacy/verify?token=3f9a1c",
        outcome: outcomeText({ language: locale, type, deliveryMethod } as never),
        explanation: locale === "ja" ? "ご登録の内容をお知らせします。" : "Here is what we hold.",
        reason: locale === "ja" ? "確認に時間を要するため" : "We need more time to check",
        statusLink: "https://qui-pearl.example.jp/apps/privacy/requests/status?token=5be2d7",
        code: "482913",
        minutes: 15,
        downloadLink: "https://qui-pearl.example.jp/apps/privacy/download?token=77c0e1",
        ground: noticeLabel(locale, "refusalGround", REFUSAL_GROUNDS[out.length % REFUSAL_GROUNDS.length]),
        source: noticeLabel(locale, "source", REQUEST_SOURCES[out.length % REQUEST_SOURCES.length]),
        status: noticeLabel(locale, "status", REQUEST_STATUSES[out.length % REQUEST_STATUSES.length]),
      });
    }
  }
  return out;
}

describe("every notice in both languages", () => {
  it.each(["ja", "en"] as const)("labels every type, source, status and refusal ground in %s", (locale) => {
    const missing = [
      ...REQUEST_TYPES.filter((value) => !(value in NOTICE_LABELS[locale].requestType)),
      ...REQUEST_SOURCES.filter((value) => !(value in NOTICE_LABELS[locale].source)),
      ...REQUEST_STATUSES.filter((value) => !(value in NOTICE_LABELS[locale].status)),
      ...REFUSAL_GROUNDS.filter((value) => !(value in NOTICE_LABELS[locale].refusalGround)),
    ];
    expect(missing).toEqual([]);
  });

  it.each(["ja", "en"] as const)("renders every kind in %s with nothing left over and nothing foreign", (locale) => {
    const findings: string[] = [];
    for (const kind of NOTICE_KINDS) {
      for (const vars of variants(locale)) {
        const notice = renderNotice(kind, locale, vars);
        const text = `${notice.subject}\n${notice.text}`;
        const unknown = NOTICE_VARIABLES[kind].filter((name) => !(name in vars));
        if (unknown.length) findings.push(`${kind}: no sample for ${unknown.join(", ")}`);
        if (/\{\w+\}/.test(text)) findings.push(`${kind}: placeholder left in "${text.match(/\{\w+\}/)![0]}"`);
        for (const problem of languageProblems(locale, text, { data: SHOP_DATA })) findings.push(`${kind}: ${problem}`);
      }
    }
    expect([...new Set(findings)]).toEqual([]);
  });

  // Notices give days on the shop's calendar, never a time of day: a line labelled 日時 (date and
  // time) that shows only a day reads as if the time had been lost.
  it("labels a day as a day in Japanese (受付日, not 受付日時)", () => {
    const labelled: string[] = [];
    for (const kind of NOTICE_KINDS) {
      for (const line of renderNotice(kind, "ja", variants("ja")[0]).text.split("\n")) {
        if (/日時[:：]\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/.test(line)) labelled.push(`${kind}: ${line}`);
      }
    }
    expect(labelled).toEqual([]);
  });
});
