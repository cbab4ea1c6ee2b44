// The one shape of every webhook route: verify, commit to the inbox, acknowledge, wake the worker.
// Deliberately no authenticate.webhook and no session: see app/privacy/webhooks/verify.ts.
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "./db.server";
import { appConfig } from "./shopify.server";
import { errorKind, log } from "./log.server";
import { WebhookInbox, acknowledging, signalInboxActivity } from "./privacy/webhooks/inbox";
import { verifyWebhook } from "./privacy/webhooks/verify";

const inbox = new WebhookInbox(db);

// Terse on purpose: a caller learns the status, never which check failed.
// After a 413 the unread rest of the body is still on the socket: close it rather than reuse it.
const answer = (status: number) =>
  new Response(null, {
    status,
    headers: status === 405 ? { Allow: "POST" } : status === 413 ? { Connection: "close" } : undefined,
  });

/** Verify, commit, acknowledge: the whole of what happens before Shopify gets its answer. */
function acknowledge(request: Request, topic: string): Promise<Response> {
  return acknowledging(() => verifyAndCommit(request, topic));
}

async function verifyAndCommit(request: Request, topic: string): Promise<Response> {
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
}

// Filled as the route modules load (the server build imports every route at start-up), so the
// routes under app/routes/webhooks.* stay the one declaration of which topics the app answers.
const topicsByPath = new Map<string, string>();

export function webhookAction(topic: string) {
  topicsByPath.set(`/webhooks/${topic}`, topic);
  return async ({ request }: ActionFunctionArgs) => acknowledge(request, topic);
}

export const webhookLoader = async () => answer(405);

/**
 * The production server (server.mjs) hands webhook deliveries here before Remix: the same checks
 * and the same commit as the routes' action, without Remix's routing and response pipeline, which
 * on its own costs more than the acknowledgement (docs/webhooks.md). Null: not a webhook path.
 */
export async function handleWebhookRequest(request: Request, pathname: string): Promise<Response | null> {
  const topic = topicsByPath.get(pathname);
  if (!topic) return null;
  if (request.method !== "POST") return answer(405);
  return acknowledge(request, topic);
}
