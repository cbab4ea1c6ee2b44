// What a ledger entry's evidence says, in the reader's words. The ledger stores evidence as the
// app wrote it at the time (a short English note, kept unchanged for the audit trail); these are
// the shapes the app writes, each said again in Japanese or English. Anything else is shown as stored.
import type { Locale } from "../../i18n/locale";

const LANGUAGES: Record<string, Record<Locale, string>> = {
  ja: { ja: "日本語", en: "Japanese" },
  en: { ja: "英語", en: "English" },
};

const SHOPIFY_STATES: Record<string, Record<Locale, string>> = {
  subscribed: { ja: "購読", en: "subscribed" },
  unsubscribed: { ja: "購読解除", en: "unsubscribed" },
  not_subscribed: { ja: "未購読", en: "not subscribed" },
  pending: { ja: "確認待ち", en: "pending confirmation" },
  redacted: { ja: "削除済み", en: "redacted" },
  invalid: { ja: "無効", en: "invalid" },
};

const OPT_IN_LEVELS: Record<string, Record<Locale, string>> = {
  single_opt_in: { ja: "シングルオプトイン", en: "single opt-in" },
  confirmed_opt_in: { ja: "ダブルオプトイン（確認済み）", en: "confirmed opt-in" },
  unknown: { ja: "方式不明", en: "opt-in level unknown" },
};

const language = (code: string, locale: Locale) => LANGUAGES[code]?.[locale] ?? code;

export function evidenceText(evidence: string, locale: Locale): string {
  const ja = locale === "ja";
  let match = /^request form (\S+) \((ja|en)\)(?: policy v(\d+)| (no published policy))$/.exec(evidence);
  if (match) {
    const [, reference, lang, version] = match;
    const policy = version ? (ja ? `ポリシー第${version}版に同意` : `accepted policy version ${version}`) : ja ? "公開中のポリシーなし" : "no published policy";
    return ja ? `ご請求フォーム ${reference}（${language(lang, locale)}）・${policy}` : `Request form ${reference} (${language(lang, locale)}), ${policy}`;
  }
  if (evidence === "storefront consent banner") return ja ? "ストアの同意バナー" : "Storefront consent banner";
  match = /^shopify (\w+) \((\w+)\)$/.exec(evidence);
  if (match) {
    const state = SHOPIFY_STATES[match[1]]?.[locale] ?? match[1];
    const level = OPT_IN_LEVELS[match[2]]?.[locale] ?? match[2];
    return ja ? `Shopify の通知: ${state}（${level}）` : `Shopify update: ${state} (${level})`;
  }
  match = /^stop-use request (\S+)$/.exec(evidence);
  if (match) return ja ? `利用停止のご請求 ${match[1]}` : `Stop-use request ${match[1]}`;
  match = /^policy v(\d+) (ja|en)$/.exec(evidence);
  if (match) return ja ? `ポリシー第${match[1]}版（${language(match[2], locale)}）` : `Policy version ${match[1]} (${language(match[2], locale)})`;
  return evidence;
}
