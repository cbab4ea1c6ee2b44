// The changes tab: per language, what the draft changes against the published version.
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useMemo } from "react";
import { useT } from "../../i18n/react";
import { diffPolicy } from "../../privacy/policy/policyDiff";
import { POLICY_LANGUAGES, type PolicyContent } from "../../privacy/policy/policyDocument";
import { PolicyDiffView } from "../consent/PolicyDiffView";

export function PolicyDiffCards({ published, content }: { published: PolicyContent | null; content: PolicyContent }) {
  const t = useT();
  const diffs = useMemo(() => POLICY_LANGUAGES.map((language) => ({ language, changes: diffPolicy(published?.[language] ?? null, content[language]) })), [published, content]);
  return (
    <BlockStack gap="400">
      {diffs.map(({ language, changes }) => (
        <Card key={language}>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t(`policy.editor.tab.${language}`)}
            </Text>
            <PolicyDiffView changes={changes} firstVersion={!published} />
          </BlockStack>
        </Card>
      ))}
    </BlockStack>
  );
}
