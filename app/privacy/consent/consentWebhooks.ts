// Registers the consent topics with the webhook inbox. Imported by the topics' routes, so the
// handlers are known wherever the server build runs the inbox worker.
import { registerTopicHandler } from "../webhooks/topicHandlers";
import { EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC, checkShopifyConsentEvent, handleShopifyConsentEvent, handleShopifyConsentEvents } from "./shopifyConsentEvents";

for (const topic of [EMAIL_CONSENT_TOPIC, SMS_CONSENT_TOPIC]) {
  // A claimed batch's updates of one shop go in one statement (and one look-up of erasures); a
  // consent row touches nothing a data request reads or writes, so they are taken in-phase.
  registerTopicHandler(topic, async (tx, event) => void (await handleShopifyConsentEvent(tx, event)), {
    batch: async (tx, events) => void (await handleShopifyConsentEvents(tx, events[0].shop, events)),
    batchOrder: "in-phase",
    check: checkShopifyConsentEvent,
  });
}
