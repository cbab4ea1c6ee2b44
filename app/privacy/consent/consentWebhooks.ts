// Registers the consent topics with the webhook inbox. Imported by the topics' routes, so the
// handlers are known wherever the server build runs the inbox worker.
import { registerTopicHandler } from "../webhooks/topicHandlers";
import { EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC, handleShopifyConsentEvent } from "./shopifyConsentEvents";

for (const topic of [EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC]) {
  registerTopicHandler(topic, async (tx, event) => void (await handleShopifyConsentEvent(tx, event)));
}
