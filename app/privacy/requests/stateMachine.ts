// The request lifecycle. Only these moves are legal:
//   received → identity_check | in_progress* | waiting_on_shopper | refused | withdrawn
//   identity_check → in_progress* | waiting_on_shopper | refused | withdrawn
//   in_progress → completed | waiting_on_shopper | refused | withdrawn
//   waiting_on_shopper → identity_check | in_progress* | refused | withdrawn
//   completed, refused, withdrawn: final.
// * work on a request starts only once the person's identity is verified, except for a purpose
// notice or an inquiry, which disclose nothing about the person (APPI 32).
// A purpose notice and an inquiry are answered, never refused: no refusal ground fits them.
import { refusalGroundsFor, RequestInputError, type RequestStatus, type RequestType } from "./requestTypes";

const TRANSITIONS: Record<RequestStatus, readonly RequestStatus[]> = {
  received: ["identity_check", "in_progress", "waiting_on_shopper", "refused", "withdrawn"],
  identity_check: ["in_progress", "waiting_on_shopper", "refused", "withdrawn"],
  in_progress: ["completed", "waiting_on_shopper", "refused", "withdrawn"],
  waiting_on_shopper: ["identity_check", "in_progress", "refused", "withdrawn"],
  completed: [],
  refused: [],
  withdrawn: [],
};

const NEEDS_NO_IDENTITY: readonly RequestType[] = ["purpose_notice", "inquiry"];

export class IllegalTransitionError extends RequestInputError {
  constructor(
    message: string,
    readonly from: string,
    readonly to: string,
    code = "illegal_transition",
  ) {
    super(message, "status", code);
    this.name = "IllegalTransitionError";
  }
}

export interface TransitionSubject {
  status: string;
  type: string;
  identityStatus: string;
}

export function allowedTransitions(subject: TransitionSubject): RequestStatus[] {
  const next = TRANSITIONS[subject.status as RequestStatus] ?? [];
  return next.filter((to) => !blockedReason(subject, to));
}

function blockedReason(subject: TransitionSubject, to: RequestStatus): { message: string; code: string } | null {
  if (to === "in_progress" && subject.identityStatus !== "verified" && !NEEDS_NO_IDENTITY.includes(subject.type as RequestType)) {
    return { message: "The person's identity must be verified before work on the request starts", code: "identity_required" };
  }
  if (to === "refused" && refusalGroundsFor(subject.type).length === 0) {
    return { message: "A purpose notice or an inquiry is answered, not refused", code: "not_refusable" };
  }
  return null;
}

/** Throws IllegalTransitionError unless `to` is a legal next status for the request. */
export function assertTransition(subject: TransitionSubject, to: string): RequestStatus {
  const from = subject.status as RequestStatus;
  const next = TRANSITIONS[from];
  if (!next) throw new IllegalTransitionError(`Unknown current status ${subject.status}`, subject.status, to, "unknown_status");
  if (!(next as readonly string[]).includes(to)) {
    throw new IllegalTransitionError(
      next.length === 0 ? `The request is ${from} and can no longer change` : `A request cannot go from ${from} to ${to}`,
      from,
      to,
      next.length === 0 ? "request_closed" : "illegal_transition",
    );
  }
  const blocked = blockedReason(subject, to as RequestStatus);
  if (blocked) throw new IllegalTransitionError(blocked.message, from, to, blocked.code);
  return to as RequestStatus;
}

export const isFinalStatus = (status: string) => status === "completed" || status === "refused" || status === "withdrawn";
