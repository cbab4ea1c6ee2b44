import "@shopify/ui-extensions/preact";
import { render } from "preact";

export const PRIVACY_PAGE = "extension://privacy-desk-account";

export default async () => {
  render(<PrivacyLink />, document.body);
};

function PrivacyLink() {
  const t = shopify.i18n.translate;
  return (
    <s-section heading={t("heading")}>
      <s-stack gap="base">
        <s-paragraph>{t("body")}</s-paragraph>
        <s-button onClick={() => navigation.navigate(PRIVACY_PAGE)}>{t("open")}</s-button>
      </s-stack>
    </s-section>
  );
}
