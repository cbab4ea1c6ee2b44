// Titles and empty states of the consent and policy pages.
export const shell = {
  ja: {
    "consent.title": "同意記録",
    "consent.empty.heading": "同意の記録はまだありません",
    "consent.empty.body":
      "ポリシーへの同意、メール・SMS マーケティング、Cookie の同意と撤回が時刻と根拠とともに記録されます。",
    "policy.title": "プライバシーポリシー",
    "policy.empty.heading": "ポリシーはまだ公開されていません",
  },
  en: {
    "consent.title": "Consent",
    "consent.empty.heading": "No consent records yet",
    "consent.empty.body":
      "Policy acceptance, email and SMS marketing, and cookie consent and withdrawals are recorded with their time and evidence.",
    "policy.title": "Privacy policy",
    "policy.empty.heading": "No policy published yet",
  },
} as const;
