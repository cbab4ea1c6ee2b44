// Where shoppers read the policy: the storefront page it is published on (the title bar's
// "View on store" opens it), or,
// while the app does not know that page, the way to place the policy block and tell the app where.
import { useFetcher } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Button, Card, InlineStack, Link, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n";
import type { LiveLinks } from "./liveLinks.server";

type PageUrlResult = { ok: true; intent: string } | { ok: false; error: MessageKey };

export function LivePolicyCard({ live }: { live: LiveLinks }) {
  const t = useT();
  const shopify = useAppBridge();
  const fetcher = useFetcher<PageUrlResult>();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(live.pageUrl);
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;

  useEffect(() => {
    if (result?.ok) {
      setEditing(false);
      shopify.toast.show(t("policy.live.saved"));
    }
    // Only a new answer toasts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result]);
  useEffect(() => setValue(live.pageUrl), [live.pageUrl]);

  const form = (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="page_url" />
      <TextField
        label={t("policy.live.field")}
        name="pageUrl"
        autoComplete="off"
        value={value}
        onChange={setValue}
        placeholder="/pages/privacy-policy"
        helpText={t("policy.live.fieldHelp")}
        error={result && !result.ok ? t(result.error) : undefined}
        connectedRight={
          <Button submit loading={busy}>
            {t("policy.live.save")}
          </Button>
        }
      />
    </fetcher.Form>
  );

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("policy.live.title")}
        </Text>
        {live.placed && !editing ? (
          <BlockStack gap="200">
            <Text as="p" breakWord>
              {t("policy.live.page")}{" "}
              {live.url ? (
                <Link url={live.url} target="_blank">
                  {live.url}
                </Link>
              ) : (
                live.pageUrl
              )}
            </Text>
            {live.published ? null : (
              <Text as="p" tone="subdued">
                {t("policy.live.notPublished")}
              </Text>
            )}
            <InlineStack gap="200">
              <Button url={live.themeEditorUrl} target="_top">
                {t("policy.live.themeEditor")}
              </Button>
              <Button variant="plain" onClick={() => setEditing(true)}>
                {t("policy.live.change")}
              </Button>
            </InlineStack>
          </BlockStack>
        ) : (
          <BlockStack gap="300">
            {live.placed ? null : <Text as="p">{t("policy.live.unknown")}</Text>}
            {live.placed ? null : (
              <InlineStack>
                <Button url={live.themeEditorUrl} target="_top">
                  {t("policy.live.addBlock")}
                </Button>
              </InlineStack>
            )}
            {form}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
