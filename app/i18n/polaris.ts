// Polaris's own texts for the admin. Its Japanese catalogue puts the raw direction word ("left",
// "ascending") into two screen-reader labels, so those are replaced by sentences without it.
import polarisJa from "@shopify/polaris/locales/ja.json";
import polarisEn from "@shopify/polaris/locales/en.json";
import type { Locale } from "./locale";

const japanese = {
  ...polarisJa,
  Polaris: {
    ...polarisJa.Polaris,
    DataTable: { ...polarisJa.Polaris.DataTable, navAccessibilityLabel: "表を横に1列スクロールする", sortAccessibilityLabel: "で並び替える" },
    IndexTable: { ...polarisJa.Polaris.IndexTable, sortAccessibilityLabel: "で並び替える" },
  },
};

export const polarisTranslations = (locale: Locale) => (locale === "ja" ? japanese : polarisEn);
