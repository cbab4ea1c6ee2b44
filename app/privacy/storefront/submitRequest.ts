// Turning a valid storefront form into a desk request. The request, the consent-ledger row of the
// policy version the shopper accepted and the FormSubmission commit together, before the shopper is
// told the reference; a repeat of the same submission within a minute gets the same reference.
import type { Db } from "../../db.factory";
import { emailSubjectHash, keyedHash, normaliseEmail } from "../keyedHash";
import { recordConsent } from "../consent/ledger";
import { latestPolicyVersion } from "../policy/publishedPolicy";
import { createRequestWithStatusLink } from "../requests/createRequest";
import type { RequestForm } from "./requestForm";

export const DUPLICATE_WINDOW_MS = 60_000;

export interface StorefrontSubmission {
  shop: string;
  form: RequestForm;
  /** logged_in_customer_id from the signed proxy query: Shopify vouches for who is logged in. */
  loggedInCustomerId?: string | null;
  now?: Date;
}

export interface SubmissionResult {
  reference: string;
  requestId: string;
  duplicate: boolean;
  /** The status link's token, only for the submission that created the request (never stored). */
  statusToken: string | null;
}

export function submissionFingerprint(shop: string, form: RequestForm, customerId: string | null | undefined): string {
  return keyedHash(
    "fingerprint",
    shop,
    customerId ?? "",
    form.type,
    form.name,
    normaliseEmail(form.email),
    form.phone,
    form.order,
    form.delivery,
    form.isAgent ? "agent" : "self",
    form.agentName,
    form.agentRelationship,
    form.message,
  );
}

// Two identical posts racing each other (a double click) must not both miss the duplicate check.
const inFlight = new Map<string, Promise<SubmissionResult>>();

export async function submitStorefrontRequest(db: Db, submission: StorefrontSubmission): Promise<SubmissionResult> {
  const customerId = submission.loggedInCustomerId?.trim() || null;
  const fingerprint = submissionFingerprint(submission.shop, submission.form, customerId);
  const key = `${submission.shop}\u001f${fingerprint}`;
  const running = inFlight.get(key);
  if (running) return running.then((result) => ({ ...result, duplicate: true, statusToken: null }));
  const work = submitOnce(db, submission, customerId, fingerprint).finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

async function submitOnce(db: Db, submission: StorefrontSubmission, customerId: string | null, fingerprint: string): Promise<SubmissionResult> {
  const { shop, form } = submission;
  const now = submission.now ?? new Date();
  const earlier = await db.formSubmission.findFirst({
    where: { shop, fingerprint, createdAt: { gte: new Date(now.getTime() - DUPLICATE_WINDOW_MS) }, reference: { not: null } },
    orderBy: { createdAt: "desc" },
  });
  if (earlier?.reference && earlier.requestId) return { reference: earlier.reference, requestId: earlier.requestId, duplicate: true, statusToken: null };

  return db.$transaction(async (tx) => {
    const published = await latestPolicyVersion(tx, shop);
    // The version the shopper saw; if the page was older than the latest publish, we still record
    // what they agreed to, as long as it was a version this shop really published.
    let acceptedVersion = published?.version;
    if (form.policyVersion !== null && published && form.policyVersion !== published.version) {
      const shown = await tx.policyVersion.findFirst({ where: { shop, version: form.policyVersion }, select: { version: true } });
      if (shown) acceptedVersion = shown.version;
    }
    const { request, statusToken } = await createRequestWithStatusLink(
      tx,
      {
        shop,
        type: form.type,
        source: "storefront",
        language: form.language,
        customerName: form.name,
        email: form.email,
        phone: form.phone,
        orderName: form.order,
        message: form.message,
        deliveryMethod: form.delivery,
        isAgent: form.isAgent,
        agentName: form.agentName,
        agentRelationship: form.agentRelationship,
        ...(customerId
          ? { shopifyCustomerId: customerId, identity: { method: "shopify_customer_login", verifiedAt: now, verifiedBy: "shopify" } }
          : {}),
        receivedAt: now,
      },
      "storefront",
    );
    await recordConsent(tx, {
      shop,
      ...(customerId ? { shopifyCustomerId: customerId } : { email: form.email }),
      kind: "policy",
      granted: true,
      ...(acceptedVersion ? { policyVersion: acceptedVersion } : {}),
      source: "storefront_form",
      choiceAt: now,
      evidence: `request form ${request.reference} (${form.language})${acceptedVersion ? ` policy v${acceptedVersion}` : " no published policy"}`,
    });
    await tx.formSubmission.create({
      data: {
        shop,
        fingerprint,
        requestId: request.id,
        reference: request.reference,
        subjectHash: emailSubjectHash(shop, form.email),
        createdAt: now,
      },
    });
    return { reference: request.reference, requestId: request.id, duplicate: false, statusToken };
  });
}
