// Stand-in for Shopify's webhook delivery: HMAC-SHA256 (base64) over the raw body with the app's
// client secret, and every X-Shopify-* header Shopify sends.
import { createHmac, randomUUID } from "node:crypto";

export function signWebhookBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export interface WebhookDelivery {
  topic: string;
  shop: string;
  payload: unknown;
  secret: string;
  apiVersion?: string;
  webhookId?: string;
  eventId?: string;
  triggeredAt?: string;
}

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export function signedWebhook(delivery: WebhookDelivery): SignedWebhook {
  const body = typeof delivery.payload === "string" ? delivery.payload : JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "User-Agent": "Shopify-Captain-Hook",
    "X-Shopify-Topic": delivery.topic,
    "X-Shopify-Hmac-Sha256": signWebhookBody(body, delivery.secret),
    "X-Shopify-Shop-Domain": delivery.shop,
    "X-Shopify-API-Version": delivery.apiVersion ?? "2026-10",
    "X-Shopify-Webhook-Id": delivery.webhookId ?? randomUUID(),
    "X-Shopify-Event-Id": delivery.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": delivery.triggeredAt ?? new Date().toISOString(),
  };
  return { body, headers };
}

/** The URI path a topic is delivered to, as shopify.app.toml declares it. */
export function webhookPath(topic: string): string {
  return `/webhooks/${topic}`;
}

let nextId = 900_000_000;
const numericId = () => nextId++;

/** Compliance payloads exactly as Shopify documents them (numeric ids). */
export const compliancePayloads = {
  dataRequest(shop: string, customer: { id: number; email?: string; phone?: string }, ordersRequested: number[] = []) {
    return {
      shop_id: 954889,
      shop_domain: shop,
      orders_requested: ordersRequested,
      customer: { id: customer.id, email: customer.email ?? null, phone: customer.phone ?? null },
      data_request: { id: numericId() },
    };
  },
  customerRedact(shop: string, customer: { id: number; email?: string; phone?: string }, ordersToRedact: number[] = []) {
    return {
      shop_id: 954889,
      shop_domain: shop,
      customer: { id: customer.id, email: customer.email ?? null, phone: customer.phone ?? null },
      orders_to_redact: ordersToRedact,
    };
  },
  shopRedact(shop: string) {
    return { shop_id: 954889, shop_domain: shop };
  },
};
