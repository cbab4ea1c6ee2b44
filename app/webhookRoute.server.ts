// The one shape of every webhook route: verify, commit to the inbox, acknowledge, wake the worker.
// Deliberately no authenticate.webhook and no session: see app/privacy/webhooks/verify.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "./db.server";
import { appConfig } from "./shopify.server";
import { errorKind, log } from "./log.server";
import { WebhookInbox, signalInboxActivity } from "./privacy/webhooks/inbox";
import { verifyWebhook } from "./privacy/webhooks/verify";

const inbox = new WebhookInbox(db);

// Terse on purpose: a caller learns the status, never which check failed.
// After a 413 the unread rest of the body is still on the socket: close it rather than reuse it.
const answer = (status: number) =>
  new Response(null, {
    status,
    headers: status === 405 ? { Allow: "POST" } : status === 413 ? { Connection: "close" } : undefined,
  });

export function webhookAction(topic: string) {
  return async ({ request }: ActionFunctionArgs) => {
    const verified = await verifyWebhook(request, topic, appConfig.apiSecret);
    if (!verified.ok) return answer(verified.status);
    try {
      await inbox.accept(verified.delivery);
    } catch (error) {
      // Not committed, so not acknowledged: Shopify retries the delivery.
      log.error("webhook.inbox_failed", { topic, errorKind: errorKind(error) });
      return answer(503);
    }
    signalInboxActivity();
    return answer(200);
  };
}

export const webhookLoader = async () => answer(405);
