// The one shape of every webhook route: verify, commit to the inbox, acknowledge, wake the worker.
// Deliberately no authenticate.webhook and no session: see app/privacy/webhooks/verify.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "./db.server";
import { appConfig } from "./shopify.server";
import { errorKind, log } from "./log.server";
import { WebhookInbox, acknowledging, signalInboxActivity } from "./privacy/webhooks/inbox";
import { verifyWebhook, type IncomingDelivery, type VerifiedDelivery } from "./privacy/webhooks/verify";
import { LIFECYCLE_TOPICS, lifecycleDecision, tokenAsker } from "./privacy/webhooks/installCheck";
import { offlineTokenStatus } from "./shopifyAdmin.server";

const inbox = new WebhookInbox(db);

// Terse on purpose: a caller learns the status, never which check failed.
// After a 413 the unread rest of the body is still on the socket: close it rather than reuse it.
export const answerHeaders = (status: number): Record<string, string> | undefined =>
  status === 405 ? { Allow: "POST" } : status === 413 ? { Connection: "close" } : undefined;

const answer = (status: number) => new Response(null, { status, headers: answerHeaders(status) });

/** Verify, commit, acknowledge: the whole of what happens before Shopify gets its answer. */
function acknowledge(incoming: Request | IncomingDelivery, topic: string): Promise<number> {
  return acknowledging(() => verifyAndCommit(incoming, topic));
}

async function verifyAndCommit(incoming: Request | IncomingDelivery, topic: string): Promise<number> {
  const verified = await verifyWebhook(incoming, topic, appConfig.apiSecret);
  if (!verified.ok) return verified.status;
  try {
    const refused = await believedLifecycle(verified.delivery);
    if (refused !== null) return refused;
    await inbox.accept(verified.delivery);
  } catch (error) {
    // Not committed, so not acknowledged: Shopify retries the delivery.
    log.error("webhook.inbox_failed", { topic, errorKind: errorKind(error) });
    return 503;
  }
  signalInboxActivity();
  return 200;
}

/**
 * app/uninstalled and shop/redact are believed only as far as Shopify confirms that the app is
 * uninstalled (privacy/webhooks/installCheck.ts). Null: store the delivery; else the answer.
 */
// WEBHOOK_INSTALL_CHECK_WINDOW_MS: how long a "valid" answer stands (tests shorten it).
const checkWindowMs = Number(process.env.WEBHOOK_INSTALL_CHECK_WINDOW_MS) > 0 ? Number(process.env.WEBHOOK_INSTALL_CHECK_WINDOW_MS) : 30_000;
const askShopify = tokenAsker((shop) => offlineTokenStatus(shop), checkWindowMs);

async function believedLifecycle(delivery: VerifiedDelivery): Promise<number | null> {
  if (!LIFECYCLE_TOPICS.has(delivery.topic)) return null;
  const decision = lifecycleDecision(delivery.topic, await askShopify(delivery.shop));
  if (!decision.accept) {
    log.warn("webhook.lifecycle_not_confirmed", { topic: delivery.topic, reason: decision.reason });
    return decision.status;
  }
  if (decision.dropRevokedSessions) await db.session.deleteMany({ where: { shop: delivery.shop } });
  return null;
}

// Filled as the route modules load (the server build imports every route at start-up), so the
// routes under app/routes/webhooks.* stay the one declaration of which topics the app answers.
const topicsByPath = new Map<string, string>();

export function webhookAction(topic: string) {
  topicsByPath.set(`/webhooks/${topic}`, topic);
  return async ({ request }: ActionFunctionArgs) => answer(await acknowledge(request, topic));
}

export const webhookLoader = async () => answer(405);

/**
 * The production server (server.mjs) hands webhook deliveries here before Remix, read straight
 * from Node's request: the same checks and the same commit as the routes' action, without Remix's
 * routing and response pipeline or a Fetch Request and its web stream, which together cost more
 * than the acknowledgement itself (docs/webhooks.md). Null: not a webhook path.
 */
export async function handleWebhookDelivery(pathname: string, incoming: IncomingDelivery): Promise<number | null> {
  const topic = topicsByPath.get(pathname);
  if (!topic) return null;
  if (incoming.method !== "POST") return 405;
  return acknowledge(incoming, topic);
}
