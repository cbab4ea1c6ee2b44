import { Banner, Text } from "@shopify/polaris";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n";

const KNOWN_TOPICS = ["customers/data_request", "customers/redact", "shop/redact", "app/uninstalled", "app/scopes_update"];

/** A topic's name for people; topics of other features fall back to a generic label. */
export function useTopicLabel() {
  const t = useT();
  return (topic: string) => (KNOWN_TOPICS.includes(topic) ? t(`webhooks.topic.${topic}` as MessageKey) : `${t("webhooks.topic.other")} (${topic})`);
}

// Shown on the dashboard while Shopify events have exhausted their retries; nothing otherwise.
export function FailedEventsBanner({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  return (
    <Banner tone="critical" title={t("webhooks.banner.title", { count })} action={{ content: t("webhooks.banner.action"), url: "/app/events" }}>
      <Text as="p">{t("webhooks.banner.body")}</Text>
    </Banner>
  );
}
