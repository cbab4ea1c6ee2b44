// One language of the policy, as cards in published order: general, each section (numbered as the
// storefront numbers it, sub-sections marked as inside their section), business details. Each card
// is an anchor the section navigation jumps to.
import { Badge, BlockStack, Box, Button, Card, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useT } from "../../i18n/react";
import {
  generatedParagraphs,
  POLICY_LANGUAGES,
  PURPOSES_SECTION_ID,
  sectionLabel,
  sectionNumbers,
  writtenParagraphs,
  type PolicyContent,
  type PolicyDocument,
  type PolicyLanguage,
} from "../../privacy/policy/policyDocument";

/** The anchor of one card of the editor: "general", a section id or "business". */
export const editorAnchor = (language: PolicyLanguage, key: string) => `policy-edit-${language}-${key}`;

/** Sections staff may add items to although the seed gives them none. */
const LIST_SECTIONS = ["purposes", "purposes_exceptions", "third_party", "refusal_grounds"];

/** Next free id in a section, following the prefix its items already use ("purpose_15"). */
function nextItemId(doc: PolicyDocument, sectionIndex: number): string {
  const section = doc.sections[sectionIndex];
  const prefix = section.items[0]?.id.replace(/_\d+$/, "") ?? section.id;
  const taken = new Set(doc.sections.flatMap((candidate) => candidate.items.map((item) => item.id)));
  for (let n = section.items.length + 1; ; n++) {
    const id = `${prefix}_${String(n).padStart(2, "0")}`;
    if (!taken.has(id)) return id;
  }
}

/** A card the navigation can jump to; `highlighted` rings it for a moment after a jump. */
function Anchored({ id, highlighted, children }: { id: string; highlighted: boolean; children: ReactNode }) {
  return (
    <div id={id} tabIndex={-1} className={highlighted ? "pd-editor-anchor pd-editor-anchor--highlighted" : "pd-editor-anchor"}>
      {children}
    </div>
  );
}

export function PolicyDocumentEditor(props: {
  content: PolicyContent;
  language: PolicyLanguage;
  edit: (mutate: (draft: PolicyContent) => void) => void;
  errorFor: (language: PolicyLanguage, path: string) => string | undefined;
  highlighted: string | null;
}) {
  const { content, language, edit, errorFor, highlighted } = props;
  const t = useT();
  const doc = content[language];
  const numbers = sectionNumbers(doc);
  const anchor = (key: string) => editorAnchor(language, key);
  return (
    <BlockStack gap="400">
      <Anchored id={anchor("general")} highlighted={highlighted === anchor("general")}>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("policy.editor.general")}
            </Text>
            <TextField
              label={t("policy.editor.titleField")}
              autoComplete="off"
              value={doc.title}
              error={errorFor(language, "title")}
              onChange={(value) => edit((draft) => void (draft[language].title = value))}
            />
            <TextField
              label={t("policy.editor.intro")}
              autoComplete="off"
              multiline={4}
              value={doc.intro}
              error={errorFor(language, "intro")}
              onChange={(value) => edit((draft) => void (draft[language].intro = value))}
            />
          </FormLayout>
        </Card>
      </Anchored>
      {doc.sections.map((section, sectionIndex) => {
        const number = numbers.get(section.id) ?? "";
        const parentNumber = number.replace(/\(\d+\)$/, "");
        return (
          <Anchored key={section.id} id={anchor(section.id)} highlighted={highlighted === anchor(section.id)}>
            <Card>
              <FormLayout>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {section.heading ? sectionLabel(section.heading, number, Boolean(section.subsection)) : `${number} ${t("policy.editor.untitled")}`}
                  </Text>
                  {section.subsection ? (
                    <Text as="p" tone="subdued" variant="bodySm">
                      {t("policy.editor.subsectionHelp", { parent: parentNumber, number })}
                    </Text>
                  ) : null}
                </BlockStack>
                {section.id === PURPOSES_SECTION_ID ? (
                  <Text as="p" tone="subdued">
                    {t("policy.editor.purposesHelp")}
                  </Text>
                ) : null}
                <TextField
                  label={t("policy.editor.heading")}
                  autoComplete="off"
                  value={section.heading}
                  error={errorFor(language, `sections[${sectionIndex}].heading`)}
                  onChange={(value) => edit((draft) => void (draft[language].sections[sectionIndex].heading = value))}
                />
                <TextField
                  label={t("policy.editor.paragraphs")}
                  helpText={t("policy.editor.paragraphsHelp")}
                  autoComplete="off"
                  multiline={3}
                  value={writtenParagraphs(section).join("\n\n")}
                  onChange={(value) =>
                    edit((draft) => {
                      const target = draft[language].sections[sectionIndex];
                      // The generated paragraphs stay at the end; only staff's own text is typed here.
                      target.paragraphs = [...value.split(/\n[ \t]*\n/), ...generatedParagraphs(target)];
                    })
                  }
                />
                {section.generated ? (
                  <Box background="bg-surface-secondary" padding="300" borderRadius="200">
                    <BlockStack gap="200">
                      <InlineStack gap="200" blockAlign="center">
                        <Badge tone="info">{t("policy.editor.generated")}</Badge>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {t("policy.editor.generatedHelp")}
                        </Text>
                      </InlineStack>
                      {generatedParagraphs(section).map((paragraph, index) => (
                        <p key={index} style={{ whiteSpace: "pre-line", margin: 0 }}>
                          {paragraph}
                        </p>
                      ))}
                      <InlineStack>
                        <Button variant="plain" url="/app/records?tab=processors">
                          {t("policy.editor.generatedEdit")}
                        </Button>
                      </InlineStack>
                    </BlockStack>
                  </Box>
                ) : null}
                {section.items.map((item, itemIndex) => (
                  <TextField
                    key={item.id}
                    label={t("policy.editor.itemLabel", { number: itemIndex + 1 })}
                    autoComplete="off"
                    multiline
                    value={item.text}
                    error={errorFor(language, `sections[${sectionIndex}].items[${itemIndex}].text`)}
                    onChange={(value) => edit((draft) => void (draft[language].sections[sectionIndex].items[itemIndex].text = value))}
                    connectedRight={
                      <Button
                        accessibilityLabel={`${t("policy.editor.removeItem")} ${t("policy.editor.itemLabel", { number: itemIndex + 1 })}`}
                        onClick={() =>
                          edit((draft) => {
                            // Items exist in every language together, so ids stay aligned.
                            for (const other of POLICY_LANGUAGES) {
                              const items = draft[other].sections[sectionIndex].items;
                              draft[other].sections[sectionIndex].items = items.filter((candidate) => candidate.id !== item.id);
                            }
                          })
                        }
                      >
                        {t("policy.editor.removeItem")}
                      </Button>
                    }
                  />
                ))}
                {section.items.length || LIST_SECTIONS.includes(section.id) ? (
                  <InlineStack>
                    <Button
                      onClick={() =>
                        edit((draft) => {
                          const id = nextItemId(draft[language], sectionIndex);
                          for (const other of POLICY_LANGUAGES) draft[other].sections[sectionIndex].items.push({ id, text: "" });
                        })
                      }
                    >
                      {t("policy.editor.addItem")}
                    </Button>
                  </InlineStack>
                ) : null}
              </FormLayout>
            </Card>
          </Anchored>
        );
      })}
      <Anchored id={anchor("business")} highlighted={highlighted === anchor("business")}>
        <Card>
          <FormLayout>
            <Text as="h2" variant="headingMd">
              {t("policy.editor.business")}
            </Text>
            {(
              [
                ["name", "policy.editor.businessName"],
                ["address", "policy.editor.businessAddress"],
                ["representative", "policy.editor.representative"],
                ["email", "policy.editor.email"],
                ["phone", "policy.editor.phone"],
              ] as const
            ).map(([field, label]) => (
              <TextField
                key={field}
                label={t(label)}
                autoComplete="off"
                type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
                value={doc.business[field]}
                error={errorFor(language, `business.${field}`)}
                onChange={(value) => edit((draft) => void (draft[language].business[field] = value))}
              />
            ))}
          </FormLayout>
        </Card>
      </Anchored>
    </BlockStack>
  );
}
