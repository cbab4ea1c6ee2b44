// The preview tab: the draft as shoppers will read it, in either language, under the version it would get.
import { BlockStack, Button, ButtonGroup, Card, InlineStack, Text } from "@shopify/polaris";
import { useT } from "../../i18n/react";
import { POLICY_LANGUAGES, type PolicyContent, type PolicyLanguage } from "../../privacy/policy/policyDocument";
import { PolicyPreview } from "../consent/PolicyPreview";

interface Props {
  content: PolicyContent;
  language: PolicyLanguage;
  onLanguage: (language: PolicyLanguage) => void;
  version: number;
}

export function PolicyPreviewCard({ content, language, onLanguage, version }: Props) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="p" tone="subdued">
            {t("policy.preview.note")}
          </Text>
          <ButtonGroup variant="segmented">
            {POLICY_LANGUAGES.map((candidate) => (
              <Button key={candidate} pressed={language === candidate} onClick={() => onLanguage(candidate)}>
                {t(`policy.editor.tab.${candidate}`)}
              </Button>
            ))}
          </ButtonGroup>
        </InlineStack>
        <PolicyPreview doc={content[language]} language={language} version={version} />
      </BlockStack>
    </Card>
  );
}
