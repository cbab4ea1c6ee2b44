// The notices the desk sends, in Japanese and English. Each shop may override any template in
// Settings (ShopSettings.noticeTemplates: { [kind]: { ja?: {subject, body}, en?: {subject, body} } });
// placeholders are {name}. Substitution is one pass, so a shopper's text that happens to contain
// "{reference}" is printed as typed, never expanded.


export const NOTICE_KINDS = [
  "acknowledgement",
  "decision",
  "refusal",
  "extension",
  "identity_link",
  "download_code",
  "staff_new_request",
  "staff_due_soon",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NoticeLocale = "ja" | "en";

export interface NoticeTemplate {
  subject: string;
  body: string;
}
export type NoticeTemplates = Partial<Record<NoticeKind, Partial<Record<NoticeLocale, Partial<NoticeTemplate>>>>>;
export type NoticeVars = Record<string, string | number>;

/** The placeholders each template may use, for the Settings editor's help text. */
export const NOTICE_VARIABLES: Record<NoticeKind, readonly string[]> = {
  acknowledgement: ["reference", "requestType", "receivedAt", "dueAt", "statusLink", "businessName", "contactEmail"],
  decision: ["reference", "requestType", "outcome", "explanation", "downloadLink", "businessName", "contactEmail"],
  refusal: ["reference", "requestType", "ground", "explanation", "businessName", "contactEmail"],
  extension: ["reference", "requestType", "dueAt", "reason", "businessName", "contactEmail"],
  identity_link: ["reference", "link", "expiresAt", "businessName"],
  download_code: ["reference", "code", "minutes", "businessName"],
  staff_new_request: ["reference", "requestType", "source", "receivedAt", "dueAt"],
  staff_due_soon: ["reference", "requestType", "status", "dueAt"],
};

const SIGNATURE_JA = "\n\n{businessName}\nお問い合わせ: {contactEmail}";
const SIGNATURE_EN = "\n\n{businessName}\nContact: {contactEmail}";

export const DEFAULT_NOTICE_TEMPLATES: Record<NoticeKind, Record<NoticeLocale, NoticeTemplate>> = {
  acknowledgement: {
    ja: {
      subject: "【{reference}】個人情報に関するご請求を受け付けました",
      body:
        "このたびは、個人情報に関するご請求をいただきありがとうございます。\n\n" +
        "受付番号: {reference}\nご請求の種類: {requestType}\n受付日: {receivedAt}\n回答予定日: {dueAt}まで\n\n" +
        "対応状況は次のリンクからいつでもご確認いただけます（このリンクはご本人様専用です。他の方に転送しないでください）。\n{statusLink}\n\n" +
        "お問い合わせの際は受付番号をお知らせください。ご本人様確認のため、ご連絡を差し上げる場合がございます。\n" +
        "開示等のご請求に関する手数料はいただきません。" +
        SIGNATURE_JA,
    },
    en: {
      subject: "[{reference}] We have received your privacy request",
      body:
        "Thank you for your request about your personal information.\n\n" +
        "Reference: {reference}\nRequest: {requestType}\nReceived: {receivedAt}\nWe will answer by: {dueAt}\n\n" +
        "You can follow your request at any time with this link (it is for you alone; please do not forward it):\n{statusLink}\n\n" +
        "Please quote the reference when you contact us. We may contact you to confirm your identity.\n" +
        "We charge no fee for privacy requests." +
        SIGNATURE_EN,
    },
  },
  decision: {
    ja: {
      subject: "【{reference}】ご請求への対応について",
      body: "受付番号 {reference}（{requestType}）のご請求について、以下のとおり対応いたしました。\n\n{outcome}\n\n{explanation}" + SIGNATURE_JA,
    },
    en: {
      subject: "[{reference}] Our answer to your request",
      body: "We have handled your request {reference} ({requestType}) as follows.\n\n{outcome}\n\n{explanation}" + SIGNATURE_EN,
    },
  },
  refusal: {
    ja: {
      subject: "【{reference}】ご請求への対応について",
      body:
        "受付番号 {reference}（{requestType}）のご請求について、誠に恐れ入りますが、以下の理由によりご対応いたしかねます。\n\n" +
        "理由: {ground}\n\n{explanation}\n\nご不明な点がございましたら、受付番号を添えてお問い合わせください。" +
        SIGNATURE_JA,
    },
    en: {
      subject: "[{reference}] Our answer to your request",
      body:
        "We are sorry, but we cannot fulfil your request {reference} ({requestType}) for the following reason.\n\n" +
        "Reason: {ground}\n\n{explanation}\n\nIf you have any questions, please contact us quoting the reference." +
        SIGNATURE_EN,
    },
  },
  extension: {
    ja: {
      subject: "【{reference}】回答期限の延長について",
      body: "受付番号 {reference}（{requestType}）のご請求について、回答期限を{dueAt}まで延長させていただきます。\n\n延長の理由: {reason}" + SIGNATURE_JA,
    },
    en: {
      subject: "[{reference}] We need more time to answer your request",
      body: "We need more time to answer your request {reference} ({requestType}). We will answer by {dueAt}.\n\nReason: {reason}" + SIGNATURE_EN,
    },
  },
  identity_link: {
    ja: {
      subject: "【{reference}】ご本人様確認のお願い",
      body:
        "受付番号 {reference} のご請求について、ご本人様確認のため、以下のリンクを開いてください。\n\n{link}\n\n" +
        "このリンクは{expiresAt}まで、一度だけ有効です。お心当たりのない場合は、このメールを破棄してください。\n\n{businessName}",
    },
    en: {
      subject: "[{reference}] Please confirm it is you",
      body:
        "To confirm your identity for request {reference}, please open this link:\n\n{link}\n\n" +
        "The link works once and until {expiresAt}. If you did not make this request, please ignore this email.\n\n{businessName}",
    },
  },
  download_code: {
    ja: {
      subject: "【{reference}】開示データのダウンロード用確認コード",
      body:
        "受付番号 {reference} の開示データをダウンロードするための確認コードです。\n\n確認コード: {code}\n\n" +
        "ダウンロードのページにこのコードを入力してください。コードは{minutes}分間有効です。お心当たりのない場合は、このメールを破棄してください。\n\n{businessName}",
    },
    en: {
      subject: "[{reference}] Your code to download your data",
      body:
        "Here is the code to download the disclosure for request {reference}.\n\nCode: {code}\n\n" +
        "Enter it on the download page. It works for {minutes} minutes. If you did not ask for it, please ignore this email.\n\n{businessName}",
    },
  },
  staff_new_request: {
    ja: {
      subject: "【Privacy Desk】新しいご請求 {reference}",
      body: "新しい個人情報のご請求を受け付けました。\n\n受付番号: {reference}\n種類: {requestType}\n受付経路: {source}\n受付日: {receivedAt}\n回答期限: {dueAt}\n\nPrivacy Desk の「ご請求」から対応してください。",
    },
    en: {
      subject: "[Privacy Desk] New request {reference}",
      body: "A new privacy request has arrived.\n\nReference: {reference}\nType: {requestType}\nSource: {source}\nReceived: {receivedAt}\nDue: {dueAt}\n\nOpen Requests in Privacy Desk to handle it.",
    },
  },
  staff_due_soon: {
    ja: {
      subject: "【Privacy Desk】期限が近いご請求 {reference}",
      body: "回答期限が近づいています。\n\n受付番号: {reference}\n種類: {requestType}\n状態: {status}\n回答期限: {dueAt}",
    },
    en: {
      subject: "[Privacy Desk] Request {reference} is due soon",
      body: "A request is nearly due.\n\nReference: {reference}\nType: {requestType}\nStatus: {status}\nDue: {dueAt}",
    },
  },
};

/** Shopper-facing names of request types, refusal grounds and statuses, used inside notices. */
export const NOTICE_LABELS = {
  ja: {
    requestType: {
      disclosure: "保有個人データの開示",
      provision_records: "第三者提供記録の開示",
      correction: "訂正・追加・削除",
      stop_use: "利用停止・消去・第三者提供の停止",
      purpose_notice: "利用目的の通知",
      inquiry: "お問い合わせ",
    },
    refusalGround: {
      harm_to_person_or_third_party: "ご本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがあるため",
      serious_business_disruption: "当社の業務の適正な実施に著しい支障を及ぼすおそれがあるため",
      violation_of_other_law: "他の法令に違反することとなるため",
      identity_not_confirmed: "ご本人であることを確認できなかったため",
      against_public_order: "公序良俗違反が明らかであり、社会的妥当性に著しく反するため",
      data_accurate: "当社が保有する個人データの内容が事実と異なることを確認できなかったため（訂正等は行っておりません）",
      outside_purpose: "ご請求の訂正等が、利用目的の達成に必要な範囲を超えるため（訂正等は行っておりません）",
      no_statutory_ground: "個人情報保護法第35条に定める利用停止等の要件に該当しないため（利用停止等は行っておりません）",
      alternative_measure: "利用停止等に多額の費用を要するなど困難であるため、ご本人の権利利益を保護するために必要な代わりの措置を講じました",
    },
    source: {
      storefront: "ストアのフォーム",
      shopify: "Shopify",
      staff_phone: "電話",
      staff_post: "郵送",
      staff_in_person: "窓口",
      staff_email: "メール",
      customer_account: "お客様アカウント",
    },
    status: {
      received: "受付",
      identity_check: "本人確認中",
      in_progress: "対応中",
      waiting_on_shopper: "お客様の回答待ち",
      completed: "完了",
      refused: "不開示・不対応",
      withdrawn: "取り下げ",
    },
  },
  en: {
    requestType: {
      disclosure: "Disclosure of your personal data",
      provision_records: "Disclosure of third-party provision records",
      correction: "Correction, addition or deletion",
      stop_use: "Stop use, erasure or stop of third-party provision",
      purpose_notice: "Notice of the purposes of use",
      inquiry: "Inquiry",
    },
    refusalGround: {
      harm_to_person_or_third_party: "It could harm the life, body, property or other rights of you or a third party",
      serious_business_disruption: "It would seriously disrupt the proper conduct of our business",
      violation_of_other_law: "It would violate another law",
      identity_not_confirmed: "We could not confirm that you are the person concerned",
      against_public_order: "It is clearly against public order and morals",
      data_accurate: "We could not confirm that the personal data we hold is inaccurate, so we have not changed it",
      outside_purpose: "The change asked for goes beyond what the purposes of use require, so we have not made it",
      no_statutory_ground: "The request does not meet the conditions of Article 35 of the Act on the Protection of Personal Information, so we have not stopped using the data",
      alternative_measure: "Stopping the use would be unreasonably costly or difficult, so we have taken another measure that protects your rights instead",
    },
    source: {
      storefront: "Store form",
      shopify: "Shopify",
      staff_phone: "Phone",
      staff_post: "Post",
      staff_in_person: "In person",
      staff_email: "Email",
      customer_account: "Customer account",
    },
    status: {
      received: "Received",
      identity_check: "Identity check",
      in_progress: "In progress",
      waiting_on_shopper: "Waiting on shopper",
      completed: "Completed",
      refused: "Refused",
      withdrawn: "Withdrawn",
    },
  },
} as const;

type LabelGroup = keyof (typeof NOTICE_LABELS)["ja"];

export function noticeLabel(locale: NoticeLocale, group: LabelGroup, value: string): string {
  const labels = NOTICE_LABELS[locale][group] as Record<string, string>;
  return labels[value] ?? value;
}

export const isNoticeKind = (value: unknown): value is NoticeKind =>
  typeof value === "string" && (NOTICE_KINDS as readonly string[]).includes(value);

/** Reads ShopSettings.noticeTemplates, keeping only well-formed string overrides. */
export function parseNoticeTemplates(json: string | null | undefined): NoticeTemplates {
  let raw: unknown;
  try {
    raw = JSON.parse(json || "{}");
  } catch {
    return {};
  }
  const result: NoticeTemplates = {};
  if (!raw || typeof raw !== "object") return result;
  for (const [kind, byLocale] of Object.entries(raw as Record<string, unknown>)) {
    if (!isNoticeKind(kind) || !byLocale || typeof byLocale !== "object") continue;
    for (const locale of ["ja", "en"] as const) {
      const template = (byLocale as Record<string, unknown>)[locale];
      if (!template || typeof template !== "object") continue;
      const { subject, body } = template as Record<string, unknown>;
      const clean: Partial<NoticeTemplate> = {};
      if (typeof subject === "string" && subject.trim()) clean.subject = subject;
      if (typeof body === "string" && body.trim()) clean.body = body;
      if (clean.subject || clean.body) result[kind] = { ...result[kind], [locale]: clean };
    }
  }
  return result;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

// "お問い合わせ: {contactEmail}" with no contact set would print a label with nothing after it: a line
// that holds only a label and placeholders, all of them empty, is left out of the notice. So is a
// line of placeholders alone that are all empty (an explanation staff left blank), together with the
// blank line after it, so the paragraphs around it stay one blank line apart.
const LABELLED_PLACEHOLDER_LINE = /^[^{}\n]{0,40}[:：]\s*(?:\{\w+\}\s*)+$/;
const PLACEHOLDER_ONLY_LINE = /^\s*(?:\{\w+\}\s*)+$/;

function isEmptyPlaceholderLine(line: string, vars: NoticeVars): boolean {
  if (!LABELLED_PLACEHOLDER_LINE.test(line) && !PLACEHOLDER_ONLY_LINE.test(line)) return false;
  const names = [...line.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  return names.every((name) => name in vars && String(vars[name]).trim() === "");
}

function withoutEmptyPlaceholderLines(template: string, vars: NoticeVars): string {
  const kept: string[] = [];
  let afterBlank = false;
  for (const line of template.split("\n")) {
    if (isEmptyPlaceholderLine(line, vars)) {
      afterBlank = afterBlank || (kept.length > 0 && kept[kept.length - 1].trim() === "");
      continue;
    }
    if (afterBlank && line.trim() === "") continue;
    afterBlank = false;
    kept.push(line);
  }
  // The dropped line ended the text: the blank line that led to it goes too.
  if (afterBlank) kept.pop();
  return kept.join("\n");
}

function fill(template: string, vars: NoticeVars, transform: (value: string) => string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? transform(String(vars[name])) : whole));
}

export interface RenderedNotice {
  subject: string;
  text: string;
  /** The same notice as HTML, every substituted value escaped. */
  html: string;
}

/** Renders one notice; overrides (the shop's edited templates) win over the defaults field by field. */
export function renderNotice(
  kind: NoticeKind,
  locale: NoticeLocale,
  vars: NoticeVars,
  overrides: NoticeTemplates | string | null = null,
): RenderedNotice {
  const custom = typeof overrides === "string" ? parseNoticeTemplates(overrides) : (overrides ?? {});
  const lang: NoticeLocale = locale === "en" ? "en" : "ja";
  const base = DEFAULT_NOTICE_TEMPLATES[kind][lang];
  const override = custom[kind]?.[lang] ?? {};
  const subjectTemplate = override.subject ?? base.subject;
  const bodyTemplate = withoutEmptyPlaceholderLines(override.body ?? base.body, vars);
  // A subject is one header line: a value with a line break must not start a new header.
  const subject = fill(subjectTemplate, vars, (value) => value.replace(/[\r\n]+/g, " ")).trim();
  const text = fill(bodyTemplate, vars, (value) => value);
  const html = fill(escapeHtml(bodyTemplate), vars, escapeHtml).replace(/\r?\n/g, "<br>\n");
  return { subject, text, html };
}
