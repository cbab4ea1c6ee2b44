// The policy as shoppers see it: the same structure and order as the theme's policy block
// (extensions/privacy-desk/blocks/privacy-policy.liquid), in the admin's styles.
import { BlockStack, Text } from "@shopify/polaris";
import type { PolicyDocument } from "../../privacy/policy/policyDocument";

export function PolicyPreview({ doc, language, versionLabel }: { doc: PolicyDocument; language: string; versionLabel: string }) {
  return (
    <article lang={language} style={{ maxWidth: 720, lineHeight: 1.8 }}>
      <BlockStack gap="400">
        <Text as="h2" variant="headingLg">
          {doc.title}
        </Text>
        {doc.intro ? <p style={{ whiteSpace: "pre-line" }}>{doc.intro}</p> : null}
        <nav aria-label={doc.title}>
          <ol style={{ paddingInlineStart: 24, margin: 0 }}>
            {doc.sections.map((section) => (
              <li key={section.id}>
                <a href={`#preview-${language}-${section.id}`}>{section.heading}</a>
              </li>
            ))}
          </ol>
        </nav>
        {doc.sections.map((section) => (
          <section key={section.id} id={`preview-${language}-${section.id}`}>
            <BlockStack gap="200">
              <Text as="h3" variant="headingMd">
                {section.heading}
              </Text>
              {section.paragraphs.map((paragraph, index) => (
                <p key={index} style={{ whiteSpace: "pre-line", margin: 0 }}>
                  {paragraph}
                </p>
              ))}
              {section.items.length ? (
                <ol style={{ paddingInlineStart: 24, margin: 0 }}>
                  {section.items.map((item) => (
                    <li key={item.id}>{item.text}</li>
                  ))}
                </ol>
              ) : null}
            </BlockStack>
          </section>
        ))}
        {doc.business.name ? (
          <address style={{ fontStyle: "normal", whiteSpace: "pre-line" }}>
            {[doc.business.name, doc.business.address, doc.business.representative, doc.business.email, doc.business.phone].filter(Boolean).join("\n")}
          </address>
        ) : null}
        <Text as="p" tone="subdued" variant="bodySm">
          {versionLabel}
        </Text>
      </BlockStack>
    </article>
  );
}
