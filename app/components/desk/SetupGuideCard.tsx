// The dashboard's setup guide, shown until every step is done: each step says what to do and why,
// links straight to the place to do it (theme editor deep links open Shopify admin itself), and
// the steps only the merchant can see are marked done here.
import { Badge, BlockStack, Box, Button, Card, Divider, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useLocale, useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n";
import type { SetupGuide, SetupStepId } from "../../privacy/desk/setupGuide";

interface Links {
  banner: string;
  policy: string;
  form: string;
}

const PAGES: Partial<Record<SetupStepId, string>> = {
  policy: "/app/policy/edit",
  register: "/app/records?tab=processors",
  mail: "/app/settings",
  deadlines: "/app/settings",
};

export function SetupGuideCard({ guide, links }: { guide: SetupGuide; links: Links }) {
  const t = useT();
  const locale = useLocale();
  const shopify = useAppBridge();
  const fetcher = useFetcher<{ ok: boolean; message?: string; error?: string }>();
  const done = guide.steps.filter((step) => step.done).length;

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const { ok, message, error } = fetcher.data;
    if (message || error) shopify.toast.show((ok ? message : error) ?? "", { isError: !ok });
  }, [fetcher.state, fetcher.data, shopify]);

  const key = (id: SetupStepId, part: "title" | "body" | "action") => `desk.setup.${id}.${part}` as MessageKey;
  // The answer's toast is worded in the admin's language, which the page knows.
  const mark = (id: SetupStepId) => fetcher.submit({ intent: "setup_mark", step: id, locale }, { method: "post" });

  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {t("desk.setup.title")}
            </Text>
            <Text as="span" tone="subdued" variant="bodySm">
              {t("desk.setup.progress", { done, total: guide.steps.length })}
            </Text>
          </InlineStack>
          <ProgressBar progress={(done / guide.steps.length) * 100} size="small" tone="success" />
        </BlockStack>
        <ol style={{ listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 12 }}>
          {guide.steps.map((step, index) => (
            <li key={step.id} data-setup-step={step.id}>
              {index > 0 ? <Divider /> : null}
              <Box paddingBlockStart={index > 0 ? "300" : "0"}>
                <BlockStack gap="200">
                  <InlineStack gap="200" blockAlign="center">
                    <Text as="h3" variant="headingSm" tone={step.done ? "subdued" : undefined}>
                      {index + 1}. {t(key(step.id, "title"))}
                    </Text>
                    {step.done ? <Badge tone="success">{t("desk.setup.done")}</Badge> : null}
                  </InlineStack>
                  {step.done ? null : (
                    <>
                      <Text as="p" tone="subdued">
                        {t(key(step.id, "body"))}
                      </Text>
                      <InlineStack gap="200" wrap>
                        {step.id === "theme" ? (
                          <>
                            <Button url={links.policy} target="_top">
                              {t("desk.setup.theme.policy")}
                            </Button>
                            <Button url={links.form} target="_top">
                              {t("desk.setup.theme.form")}
                            </Button>
                            <Button url={links.banner} target="_top">
                              {t("desk.setup.theme.banner")}
                            </Button>
                          </>
                        ) : (
                          <Button variant={index === guide.steps.findIndex((candidate) => !candidate.done) ? "primary" : undefined} url={PAGES[step.id]}>
                            {t(key(step.id, "action"))}
                          </Button>
                        )}
                        {step.marked ? (
                          <Button variant="plain" onClick={() => mark(step.id)} disabled={fetcher.state !== "idle"}>
                            {t("desk.setup.markDone")}
                          </Button>
                        ) : null}
                      </InlineStack>
                    </>
                  )}
                  {step.id === "mail" && step.done ? (
                    <InlineStack>
                      <Button onClick={() => fetcher.submit({ intent: "test_mail", locale }, { method: "post" })} loading={fetcher.state !== "idle" && fetcher.formData?.get("intent") === "test_mail"}>
                        {t("desk.setup.mail.test")}
                      </Button>
                    </InlineStack>
                  ) : null}
                </BlockStack>
              </Box>
            </li>
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
