// Texts of the pages' empty states, shown until each feature fills its page.
export const shell = {
  ja: {
    "dashboard.title": "ダッシュボード",
    "dashboard.empty.heading": "プライバシー対応の状況がここに表示されます",
    "dashboard.empty.body":
      "開示・訂正・利用停止・削除などのご請求や Shopify からのコンプライアンス Webhook を受け付けると、期限と対応状況をここで確認できます。",
    "dashboard.empty.action": "リクエストを見る",
    "requests.title": "リクエスト",
    "requests.empty.heading": "まだリクエストはありません",
    "requests.empty.body":
      "お客様からの開示等のご請求、Shopify からのデータ請求、電話や郵送で受け付けたご請求がここに並びます。",
    "consent.title": "同意記録",
    "consent.empty.heading": "同意の記録はまだありません",
    "consent.empty.body":
      "ポリシーへの同意、メール・SMS マーケティング、Cookie の同意と撤回が時刻と根拠とともに記録されます。",
    "policy.title": "プライバシーポリシー",
    "policy.empty.heading": "ポリシーはまだ公開されていません",
    "policy.empty.body": "利用目的や第三者提供などを編集し、バージョンを付けてストアに公開できます。",
    "settings.title": "設定",
    "settings.empty.heading": "事業者情報と期限を設定しましょう",
    "settings.empty.body": "事業者名・所在地・代表者、回答期限、メール送信（SMTP）、通知文面を設定できます。",
  },
  en: {
    "dashboard.title": "Dashboard",
    "dashboard.empty.heading": "Your privacy work will show here",
    "dashboard.empty.body":
      "Once requests for disclosure, correction, stop-use or deletion and Shopify's compliance webhooks arrive, their deadlines and progress appear here.",
    "dashboard.empty.action": "View requests",
    "requests.title": "Requests",
    "requests.empty.heading": "No requests yet",
    "requests.empty.body":
      "Requests from shoppers, data requests from Shopify, and requests taken by phone or post are listed here.",
    "consent.title": "Consent",
    "consent.empty.heading": "No consent records yet",
    "consent.empty.body":
      "Policy acceptance, email and SMS marketing, and cookie consent and withdrawals are recorded with their time and evidence.",
    "policy.title": "Privacy policy",
    "policy.empty.heading": "No policy published yet",
    "policy.empty.body": "Edit purposes of use, third-party provision and more, then publish a versioned policy to your store.",
    "settings.title": "Settings",
    "settings.empty.heading": "Set up your business details and deadlines",
    "settings.empty.body": "Business name, address and representative, response deadlines, email (SMTP) and notice templates.",
  },
} as const;
