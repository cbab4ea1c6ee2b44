// A published policy value in the metafield's JSON shape, small but with every section id.
const SECTION_IDS = [
  "acquisition", "purposes", "third_party", "requests", "gift_recipients", "outsourcing",
  "security", "cookies", "access_logs", "law", "changes", "contact",
] as const;

function document(language: "ja" | "en") {
  const ja = language === "ja";
  return {
    title: ja ? "プライバシーポリシー" : "Privacy policy",
    intro: ja ? "qui pearl project(以下「当社」)は<個人情報>を大切にします。" : "qui pearl project values your <personal data>.",
    sections: SECTION_IDS.map((id) => ({
      id,
      // The block numbers top-level sections itself.
      heading: ja ? `見出し ${id}` : `Heading ${id}`,
      paragraphs: [ja ? `本文 ${id}` : `Body ${id}`],
      items:
        id === "purposes"
          ? [
              { id: "purpose_01", text: ja ? "各種商品に関するご案内のため" : "To tell you about our products" },
              { id: "purpose_02", text: "<script>alert(1)</script>" },
            ]
          : [],
    })),
    business: {
      name: "qui pearl project",
      address: ja ? "兵庫県神戸市" : "Kobe, Hyogo",
      representative: ja ? "代表 太郎" : "Taro Daihyo",
      email: "support@quipearljewelry.com",
      phone: "078-303-1150",
    },
  };
}

export const fixturePolicy = {
  version: 3,
  publishedAt: "2026-11-01T09:00:00.000Z",
  // As the app writes it (storefrontPolicyValue): the day in Tokyo, per language.
  publishedDate: { ja: "2026年11月1日", en: "November 1, 2026" },
  languages: { ja: document("ja"), en: document("en") },
};

export const japaneseOnlyPolicy = { ...fixturePolicy, languages: { ja: document("ja") } };
