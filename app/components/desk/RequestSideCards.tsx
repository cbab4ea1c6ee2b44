// The request page's side column: what was asked, who the person is (identity check and the linked
// Shopify customer), and the agent acting for them.
import { BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { useLocale, useT, useTimeZone } from "../../i18n/react";
import type { RequestOffer } from "../../privacy/requests/requestOffer";
import { CustomerMatchPanel } from "./ShopifyActionPanels";
import { formatDateTime } from "./format";
import { actorLabel, deliveryKey, identityKey, identityMethodKey, labelOr, sourceKey } from "./labels";

interface SideRequest {
  type: string;
  customerName: string;
  email: string;
  phone: string;
  orderName: string;
  source: string;
  receivedAt: Date | string;
  language: string;
  deliveryMethod: string;
  message: string;
  inEu: boolean;
  redacted: boolean;
  identityStatus: string;
  identityVerifiedAt: Date | string | null;
  identityVerifiedBy: string | null;
  identityMethod: string | null;
  shopifyCustomerId: string | null;
  agentName: string;
  agentRelationship: string;
  agentAuthorityNote: string;
}

function Detail({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <BlockStack gap="050">
      <Text as="dt" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="dd" breakWord>
        {value}
      </Text>
    </BlockStack>
  );
}

export function RequestDetailsCard({ request }: { request: SideRequest }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.requestCard")}
        </Text>
        <dl style={{ margin: 0, display: "grid", gap: 12 }}>
          <Detail label={t("desk.list.col.name")} value={request.customerName} />
          <Detail label={t("desk.detail.email")} value={request.email} />
          <Detail label={t("desk.detail.phone")} value={request.phone} />
          <Detail label={t("desk.detail.orderName")} value={request.orderName} />
          <Detail label={t("desk.list.col.source")} value={t(sourceKey(request.source))} />
          <Detail label={t("desk.list.col.received")} value={formatDateTime(request.receivedAt, locale, timeZone)} />
          <Detail label={t("desk.detail.language")} value={t(request.language === "en" ? "language.en" : "language.ja")} />
          {request.type === "disclosure" || request.type === "provision_records" ? <Detail label={t("desk.detail.delivery")} value={t(deliveryKey(request.deliveryMethod))} /> : null}
          <Detail label={t("desk.detail.message")} value={request.message} />
        </dl>
        {request.inEu ? <Text as="p">{t("desk.detail.inEu")}</Text> : null}
      </BlockStack>
    </Card>
  );
}

export function IdentityCard({ request, offer, staffNames }: { request: SideRequest; offer: RequestOffer; staffNames: Record<string, string> }) {
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.identityCard")}
        </Text>
        {request.redacted ? (
          <Text as="p" tone="subdued">
            {t("desk.detail.redactedTitle")}
          </Text>
        ) : (
          <InlineStack>
            <Text as="span" tone={request.identityStatus === "verified" ? "success" : "caution"} fontWeight="semibold">
              {t(identityKey(request.identityStatus))}
            </Text>
          </InlineStack>
        )}
        {request.identityVerifiedAt && !request.redacted ? (
          <Text as="p" tone="subdued">
            {t(request.identityVerifiedBy ? "desk.detail.identityVerified" : "desk.detail.identityVerifiedNoBy", {
              method: request.identityMethod ? labelOr(t, identityMethodKey(request.identityMethod), request.identityMethod) : "",
              date: formatDateTime(request.identityVerifiedAt, locale, timeZone),
              by: actorLabel(t, request.identityVerifiedBy ?? "", staffNames),
            })}
          </Text>
        ) : null}
        {request.redacted ? null : request.shopifyCustomerId ? (
          <BlockStack gap="100">
            <Text as="p">{request.customerName ? t("desk.detail.linkedCustomerName", { name: request.customerName }) : t("desk.detail.linkedCustomerUnnamed")}</Text>
            {/* App Bridge opens shopify://admin/ links in Shopify admin itself, outside the app's frame. */}
            <Link url={`shopify://admin/customers/${request.shopifyCustomerId}`} target="_top">
              {t("desk.detail.openInShopify")}
            </Link>
          </BlockStack>
        ) : (
          <CustomerMatchPanel offer={offer.identity} />
        )}
      </BlockStack>
    </Card>
  );
}

export function AgentCard({ request }: { request: SideRequest }) {
  const t = useT();
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t("desk.detail.agentCard")}
        </Text>
        <dl style={{ margin: 0, display: "grid", gap: 12 }}>
          <Detail label={t("desk.detail.agentName")} value={request.agentName} />
          <Detail label={t("desk.detail.agentRelationship")} value={request.agentRelationship} />
          <Detail label={t("desk.detail.agentAuthority")} value={request.agentAuthorityNote} />
        </dl>
      </BlockStack>
    </Card>
  );
}
