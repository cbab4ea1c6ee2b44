// The draft's changes against the published version, one row per changed field or item.
import { Badge, BlockStack, Box, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import type { PolicyChange } from "../../privacy/policy/policyDiff";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n";

// The document's own fields are named by code in the diff; sections and items by their heading.
const FIELD_LABELS: Record<string, MessageKey> = {
  title: "policy.editor.titleField",
  intro: "policy.editor.intro",
  name: "policy.editor.businessName",
  address: "policy.editor.businessAddress",
  representative: "policy.editor.representative",
  email: "policy.editor.email",
  phone: "policy.editor.phone",
};

export function PolicyDiffView({ changes, firstVersion }: { changes: PolicyChange[]; firstVersion: boolean }) {
  const t = useT();
  if (firstVersion) return <Text as="p">{t("policy.diff.firstVersion")}</Text>;
  if (!changes.length) return <Text as="p">{t("policy.diff.none")}</Text>;
  const tone = { added: "success", removed: "critical", changed: "attention" } as const;
  return (
    <BlockStack gap="300">
      {changes.map((change) => (
        <Box key={change.path} padding="300" borderWidth="025" borderColor="border" borderRadius="200">
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={tone[change.change]}>{t(`policy.diff.${change.change}`)}</Badge>
              <Text as="span" fontWeight="semibold">
                {FIELD_LABELS[change.label] ? t(FIELD_LABELS[change.label]) : change.label}
              </Text>
            </InlineStack>
            <InlineGrid columns={2} gap="300">
              <BlockStack gap="100">
                <Text as="span" variant="bodySm" tone="subdued">
                  {t("policy.diff.before")}
                </Text>
                <del style={{ whiteSpace: "pre-line", color: "var(--p-color-text-critical)" }}>{change.before ?? "—"}</del>
              </BlockStack>
              <BlockStack gap="100">
                <Text as="span" variant="bodySm" tone="subdued">
                  {t("policy.diff.after")}
                </Text>
                <ins style={{ whiteSpace: "pre-line", color: "var(--p-color-text-success)", textDecoration: "none" }}>{change.after ?? "—"}</ins>
              </BlockStack>
            </InlineGrid>
          </BlockStack>
        </Box>
      ))}
    </BlockStack>
  );
}
