// What the request page offers staff, from the request's state alone: a closed request (completed,
// refused, withdrawn, or closed by Shopify's erasure) offers nothing that would change it, an open
// one only the steps its status, type, identity and finished work allow. The domain functions refuse
// the same steps on their own (a stale page gets a clear error); this keeps the page from offering
// them at all, so staff are never shown a button that can only fail.
import { allowedTransitions, isFinalStatus } from "./stateMachine";
import { proposedStatus, workDone } from "./workflow";
import type { RequestStatus } from "./requestTypes";

export interface OfferSubject {
  status: string;
  type: string;
  identityStatus: string;
  redacted: boolean;
  shopifyCustomerId: string | null;
  email: string;
  extendedAt: Date | string | null;
}

export interface OfferFacts {
  /** The request's timeline, oldest first: which work is done and how it was closed. */
  timeline: ReadonlyArray<{ action: string; detail?: Record<string, unknown> }>;
  /** A disclosure package has been built and can be downloaded. */
  packageReady?: boolean;
  /** A disclosure package is being built (pending or running). */
  packageBuilding?: boolean;
  /** Shopify has been asked to erase the customer for this request, and it was not cancelled. */
  erasureRequested?: boolean;
}

export interface RequestOffer {
  open: boolean;
  /** Closed because Shopify asked for the customer's erasure (customers/redact), not by a decision. */
  closedByErasure: boolean;
  /** The statuses the status dialog offers (decisions have their own buttons), and the one it proposes. */
  moveTo: RequestStatus[];
  proposed: RequestStatus | null;
  complete: boolean;
  refuse: boolean;
  withdraw: boolean;
  extend: boolean;
  /** Finding and confirming the Shopify customer, and mailing a confirmation link. */
  identity: { find: boolean; sendLink: boolean };
  disclosure: { show: boolean; build: boolean; downloads: boolean };
  correction: { show: boolean; apply: boolean };
  stopUse: { show: boolean; apply: boolean; requestErasure: boolean; cancelErasure: boolean };
  /** The customer's data and the provision records, downloadable while the person's data is held. */
  downloads: boolean;
  note: boolean;
  /** Nothing can be done for the customer in Shopify until the request is linked to them. */
  needsCustomer: boolean;
}

export const ERASURE_REASON = "shopify_customer_redact";

export function requestOffer(request: OfferSubject, facts: OfferFacts): RequestOffer {
  const actions = facts.timeline.map((event) => event.action);
  const closedByErasure = request.redacted && facts.timeline.some((event) => event.action === "completed" && event.detail?.reason === ERASURE_REASON);
  // An erased request holds nothing of the person any more: nothing may be added to it either.
  const open = !request.redacted && !isFinalStatus(request.status) && allowedTransitions(request).length > 0;
  const legal = open ? allowedTransitions(request) : [];
  const linked = request.identityStatus === "verified" && Boolean(request.shopifyCustomerId);
  const canWork = open && linked;
  const held = !request.redacted;
  return {
    open,
    closedByErasure,
    moveTo: legal.filter((to) => !isFinalStatus(to)),
    proposed: open ? proposedStatus(request) : null,
    complete: legal.includes("completed") && workDone(request, actions),
    refuse: legal.includes("refused"),
    withdraw: legal.includes("withdrawn"),
    // A deadline is extended once (APPI guidance; GDPR art. 12(3)).
    extend: open && !request.extendedAt,
    identity: {
      find: open && !request.shopifyCustomerId,
      sendLink: open && !request.shopifyCustomerId && request.identityStatus !== "verified" && Boolean(request.email),
    },
    disclosure: {
      show: held && request.type === "disclosure" && (open || Boolean(facts.packageReady)),
      build: canWork && request.type === "disclosure" && !facts.packageBuilding,
      downloads: held && request.type === "disclosure" && Boolean(facts.packageReady),
    },
    correction: {
      show: open && request.type === "correction",
      apply: canWork && request.type === "correction",
    },
    stopUse: {
      show: held && request.type === "stop_use" && (open || Boolean(facts.erasureRequested)),
      apply: canWork && request.type === "stop_use",
      requestErasure: canWork && request.type === "stop_use" && !facts.erasureRequested,
      cancelErasure: open && request.type === "stop_use" && Boolean(facts.erasureRequested),
    },
    downloads: held,
    note: held,
    needsCustomer: open && !linked,
  };
}
