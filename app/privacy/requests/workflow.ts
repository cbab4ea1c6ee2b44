// The desk leads staff through a request: work starts by itself once it can (the person's identity
// is verified, or the request needs none), the status dialog proposes the step that usually comes
// next, and completing is offered once the request's own action is done.
import type { DeskDb } from "./deskSettings";
import type { PrivacyRequest } from "./createRequest";
import { allowedTransitions, isFinalStatus } from "./stateMachine";
import { appendRequestEvent } from "./timeline";
import type { RequestStatus } from "./requestTypes";

type WorkflowSubject = Pick<PrivacyRequest, "status" | "type" | "identityStatus">;

/**
 * Moves a request that is waiting (received, identity check, waiting on the person) to in progress
 * when work may start, recording the move as automatic. Returns whether it moved. A concurrent
 * change of status wins: the move is made only from the status the request was read in.
 */
export async function startWorkWhenReady(tx: DeskDb, request: PrivacyRequest, actor: string, at = new Date()): Promise<boolean> {
  if (request.status === "in_progress" || !allowedTransitions(request).includes("in_progress")) return false;
  const { count } = await tx.privacyRequest.updateMany({ where: { id: request.id, shop: request.shop, status: request.status }, data: { status: "in_progress" } });
  if (count !== 1) return false;
  await appendRequestEvent(tx, { shop: request.shop, requestId: request.id, actor, action: "status_changed", at, detail: { from: request.status, to: "in_progress", automatic: true } });
  return true;
}

/** The status the dialog proposes: the next step of the usual path, among the legal ones. */
export function proposedStatus(request: WorkflowSubject): RequestStatus | null {
  const legal: RequestStatus[] = allowedTransitions(request).filter((to) => !isFinalStatus(to));
  const canWork = legal.includes("in_progress");
  const preference: RequestStatus[] =
    request.status === "in_progress" ? ["waiting_on_shopper"] : canWork ? ["in_progress"] : request.status === "identity_check" ? ["waiting_on_shopper"] : ["identity_check", "waiting_on_shopper"];
  return preference.find((status) => legal.includes(status)) ?? legal[0] ?? null;
}

/** The timeline actions that finish each type's own work; inquiries and purpose notices are answered in the decision itself. */
const FINISHING: Record<string, readonly string[]> = {
  disclosure: ["disclosure_ready"],
  correction: ["correction_applied"],
  stop_use: ["stop_use_applied", "erasure_requested"],
};

/** Whether the request's own work is done, so completing it (and telling the person) is the next step. */
export function workDone(request: WorkflowSubject, timelineActions: readonly string[]): boolean {
  if (request.status !== "in_progress") return false;
  const finishing = FINISHING[request.type];
  return !finishing || finishing.some((action) => timelineActions.includes(action));
}
