// The sandbox's own words (its pages are not the app's, so they are not in app/i18n).
export type SandboxLanguage = "ja" | "en";

const ja = {
  brand: "Privacy Desk サンドボックス",
  tabAdmin: "管理画面",
  tabStorefront: "ストアフロント",
  tabWebhooks: "Webhook",
  appsHeading: "アプリ",
  navLoading: "メニューを読み込み中…",
  adminNote:
    "Shopify 管理画面の代わりです。アプリは本番ビルドのまま動き、セッショントークンはこのサンドボックスが発行し、Admin API はローカルのスタンドインが答えます。",
  reset: "デモショップを初期状態に戻す",
  resetDone: "デモショップを再作成しました。",
  storefrontNote:
    "ストアフロントの代わりです。テーマ拡張のブロックを表示し、/apps/privacy/* へのリクエストは Shopify の App Proxy と同じ署名を付けてアプリに転送します。Shopify の Customer Privacy API もスタンドインが答え、同意バナーは選んだ地域に応じて表示されます。",
  loggedInAs: "ログイン中の顧客",
  guest: "ゲスト(ログインなし)",
  visitorRegion: "訪問者の地域",
  regionEu: "EU(ドイツ)— 同意バナーが必要",
  regionJapan: "日本 — 同意バナーは不要",
  resetConsent: "保存された同意をリセット",
  storeName: "qui pearl project",
  storeTagline: "神戸のパールジュエリー",
  policyUnpublished: "アプリでまだポリシーが公開されていないため、初期ポリシーを表示しています。",
  blocksNone: "計測用: アプリのブロックと埋め込みを外した同じページです（blocks=none）。",
  blocksMarkup: "計測用: アプリのブロックの HTML と CSS のみで、スクリプトを外したページです（blocks=markup）。",
  policyPublished: "アプリで公開されたポリシー(第{version}版)を表示しています。",
  webhooksTitle: "Webhook の送信（コンプライアンス・同意）",
  webhooksNote:
    "Shopify と同じヘッダーと HMAC 署名を付けて、アプリの Webhook エンドポイントに送ります。アプリの HTTP レスポンスをそのまま表示します。",
  topic: "トピック",
  customer: "顧客",
  payload: "ペイロード(JSON、編集できます)",
  send: "署名して送信",
  sending: "送信中…",
  answer: "アプリの応答",
  noAnswer: "まだ送信していません。",
  destructive: "shop/redact と app/uninstalled はデモショップのデータを消去します。元に戻すには「デモショップを初期状態に戻す」を使ってください。",
  openAdmin: "管理画面で確認",
} as const;

export type SandboxTextKey = keyof typeof ja;

const en: Record<SandboxTextKey, string> = {
  brand: "Privacy Desk sandbox",
  tabAdmin: "Admin",
  tabStorefront: "Storefront",
  tabWebhooks: "Webhooks",
  appsHeading: "Apps",
  navLoading: "Loading the menu…",
  adminNote:
    "Stands in for Shopify admin. The app runs as its production build; this sandbox mints the session tokens and a local stand-in answers the Admin API.",
  reset: "Reset the demo shop",
  resetDone: "The demo shop has been re-created.",
  storefrontNote:
    "Stands in for the online store. It renders the theme extension's blocks, and forwards requests to /apps/privacy/* to the app signed exactly as Shopify's App Proxy signs them. A stand-in answers for Shopify's Customer Privacy API, so the consent banner shows or not by the region you choose.",
  loggedInAs: "Logged-in customer",
  guest: "Guest (not logged in)",
  visitorRegion: "Visitor's region",
  regionEu: "EU (Germany) — consent banner required",
  regionJapan: "Japan — no consent banner required",
  resetConsent: "Reset the stored consent",
  storeName: "qui pearl project",
  storeTagline: "Pearl jewellery from Kobe",
  policyUnpublished: "No policy has been published from the app yet, so the seed policy is shown.",
  blocksNone: "For measurement: the same page without the app's blocks and embed (blocks=none).",
  blocksMarkup: "For measurement: the app's blocks as HTML and CSS only, without their scripts (blocks=markup).",
  policyPublished: "Showing the policy published from the app (version {version}).",
  webhooksTitle: "Send a webhook (compliance and consent)",
  webhooksNote:
    "Sends the webhook to the app's endpoint with the headers and HMAC signature Shopify uses, and shows the app's HTTP answer as it is.",
  topic: "Topic",
  customer: "Customer",
  payload: "Payload (JSON, editable)",
  send: "Sign and send",
  sending: "Sending…",
  answer: "The app's answer",
  noAnswer: "Nothing sent yet.",
  destructive: "shop/redact and app/uninstalled erase the demo shop's data. Use “Reset the demo shop” to bring it back.",
  openAdmin: "See it in the admin",
};

export function sandboxText(language: SandboxLanguage, key: SandboxTextKey, vars: Record<string, string | number> = {}): string {
  const template: string = (language === "ja" ? ja : en)[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

export function sandboxLanguage(value: string | null | undefined): SandboxLanguage {
  return value === "en" ? "en" : "ja";
}
