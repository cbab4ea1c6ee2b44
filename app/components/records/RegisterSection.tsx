// The frame every register tab shares: an intro, an optional banner, and a card that holds either
// the register's empty state or its actions above its table.
import { BlockStack, Box, Card, InlineStack, Layout, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

interface Props {
  intro: string;
  banner?: ReactNode;
  /** Shown instead of the actions and table while the register is empty. */
  empty: ReactNode | null;
  actions: ReactNode;
  actionsGap?: "200";
  children: ReactNode;
}

export function RegisterSection({ intro, banner, empty, actions, actionsGap, children }: Props) {
  return (
    <Layout.Section>
      <BlockStack gap="400">
        <Text as="p" tone="subdued">
          {intro}
        </Text>
        {banner}
        <Card padding="0">
          {empty ?? (
            <>
              <Box padding="300">
                <InlineStack align="end" gap={actionsGap}>
                  {actions}
                </InlineStack>
              </Box>
              {children}
            </>
          )}
        </Card>
      </BlockStack>
    </Layout.Section>
  );
}
