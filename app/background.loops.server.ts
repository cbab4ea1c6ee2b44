// Importing a feature's worker module registers its loop with background.server.ts.
import "./webhookWorker.server";
import "./privacy/records/purgeLoop.server";
import "./privacy/storefront/signedQueryPurgeLoop.server";
import "./privacy/mail/mailLoop.server";
import "./privacy/disclosure/jobLoop.server";
import "./privacy/flow/flowLoop.server";
import "./walCheckpointLoop.server";
// Registers the consent webhook topics with the inbox worker.
import "./privacy/consent/consentWebhooks";
export {};
