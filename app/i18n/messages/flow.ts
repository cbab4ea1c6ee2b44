// Shopify Flow: the Settings switch for the desk's Flow triggers.
export const flow = {
  ja: {
    "flow.settings.title": "Shopify Flow",
    "flow.settings.help":
      "請求の受付・期限間近・終了のたびに、Shopify Flow のトリガーとして知らせます。送るのは種類・状態・期限・受付番号・顧客（紐付いている場合）だけで、お客様が書いた内容は送りません。",
    "flow.settings.enabled": "請求の出来事を Shopify Flow に送る",
    "flow.settings.enabledHelp": "オフにすると、まだ送っていない出来事も送りません。",
  },
  en: {
    "flow.settings.title": "Shopify Flow",
    "flow.settings.help":
      "Sends a request's receipt, approaching deadline and closing to Shopify Flow as triggers (Privacy request received / due soon / closed). Only the type, status, due date, reference and the customer (when linked) are sent, never what the shopper wrote.",
    "flow.settings.enabled": "Send request events to Shopify Flow",
    "flow.settings.enabledHelp": "When off, events not yet sent are not sent either.",
  },
} as const;
