// The policy as shoppers see it: the same elements, order, numbering and words as the theme's policy
// block (extensions/privacy-desk/blocks/privacy-policy.liquid and its pd-policy-section snippet),
// so what staff check here is what gets published: top-level sections "1." to "12.", sub-sections
// such as "(2)" inside their section, the contents listing the top-level ones. The labels come from
// the extension's own locale files rather than a copy of them.
import type { PolicyDocument, PolicySection } from "../../privacy/policy/policyDocument";
import { policyOutline } from "../../privacy/policy/policyDocument";
import storefrontJa from "../../../extensions/privacy-desk/locales/ja.default.json";
import storefrontEn from "../../../extensions/privacy-desk/locales/en.json";

type StorefrontWords = typeof storefrontJa.policy;
const STOREFRONT_WORDS: Record<string, StorefrontWords> = { ja: storefrontJa.policy, en: storefrontEn.policy };

/** Preview anchors, unique per language so both previews could share a page. */
export const previewAnchor = (language: string, sectionId: string) => `preview-${language}-${sectionId}`;

function SectionBody({ section, language, number }: { section: PolicySection; language: string; number?: string }) {
  return (
    <>
      {number ? <h3>{`${number}. ${section.heading}`}</h3> : <h4>{section.heading}</h4>}
      {section.paragraphs.map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
      {section.items.length ? (
        <ol>
          {section.items.map((item) => (
            <li key={item.id} id={previewAnchor(language, item.id)}>
              {item.text}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}

/** `version`: the number it will be published as (the block prints "第3版" / "Version 3" under the text). */
// Static CSS of our own (no user text): set as HTML so React does not escape its quotes, which
// would make the server's and the browser's copies differ at hydration.
const PREVIEW_STYLES = `
        .pd-policy-preview { max-width: 720px; line-height: 1.8; font-size: var(--p-font-size-350); }
        .pd-policy-preview h2 { font-size: var(--p-font-size-600); font-weight: var(--p-font-weight-bold); line-height: 1.4; margin: 0 0 1em; }
        .pd-policy-preview h3 { font-size: var(--p-font-size-450); font-weight: var(--p-font-weight-semibold); line-height: 1.5; margin: 1.6em 0 0.6em; }
        .pd-policy-preview h4 { font-size: var(--p-font-size-350); font-weight: var(--p-font-weight-semibold); margin: 1.2em 0 0.4em; }
        .pd-policy-preview p, .pd-policy-preview li, .pd-policy-preview address { white-space: pre-line; }
        .pd-policy-preview p { margin: 0 0 0.8em; }
        .pd-policy-preview ol { padding-inline-start: 1.6em; margin: 0 0 0.8em; }
        .pd-policy-preview nav { margin: 0 0 1em; }
        .pd-policy-preview address { font-style: normal; margin-top: 1.6em; }
        .pd-policy-preview .pd-policy-preview__version { color: var(--p-color-text-secondary); font-size: var(--p-font-size-300); margin-top: 1.2em; }
      `;

export function PolicyPreview({ doc, language, version }: { doc: PolicyDocument; language: string; version: number }) {
  const words = STOREFRONT_WORDS[language] ?? STOREFRONT_WORDS.ja;
  const outline = policyOutline(doc);
  const business = doc.business;
  return (
    <article lang={language} className="pd-policy-preview">
      {/* Close to the block's own stylesheet (pd-privacy-policy-style): text as a theme sets it, line breaks kept. */}
      <style dangerouslySetInnerHTML={{ __html: PREVIEW_STYLES }} />
      <h2>{doc.title}</h2>
      {doc.intro ? <p>{doc.intro}</p> : null}
      {doc.sections.length > 1 ? (
        <nav aria-label={words.contents}>
          <ol>
            {outline.map(({ section }) => (
              <li key={section.id}>
                <a href={`#${previewAnchor(language, section.id)}`}>{section.heading}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      {outline.map(({ section, number, subsections }) => (
        <section key={section.id} id={previewAnchor(language, section.id)}>
          <SectionBody section={section} language={language} number={number} />
          {subsections.map((sub) => (
            <section key={sub.section.id} id={previewAnchor(language, sub.section.id)}>
              <SectionBody section={sub.section} language={language} />
            </section>
          ))}
        </section>
      ))}
      {business.name ? (
        <address>
          {[
            business.name,
            business.address,
            business.representative ? `${words.representative}: ${business.representative}` : "",
            business.email ? `${words.email}: ${business.email}` : "",
            business.phone ? `${words.phone}: ${business.phone}` : "",
          ]
            .filter(Boolean)
            .join("\n")}
        </address>
      ) : null}
      <p className="pd-policy-preview__version">{words.version.replace("{{ version }}", String(version))}</p>
    </article>
  );
}
