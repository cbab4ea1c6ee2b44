// What a shopper may learn about their own request: status and next step, found by reference and
// the email used. A wrong email and an unknown reference answer the same, so references cannot be
// probed for other people's requests.
import type { Db } from "../../db.factory";
import { normaliseEmail } from "../keyedHash";
import type { RequestStatus } from "../requests/requestTypes";
import { hashStatusToken } from "../requests/createRequest";

export interface ShopperRequestStatus {
  reference: string;
  type: string;
  status: RequestStatus;
  receivedAt: Date;
  dueAt: Date;
  /** Which step's wording applies: "_pending" where the notice the step speaks of has not gone out. */
  nextStep: string;
}

// The notice each status's next step speaks of. Until it has really been sent (SMTP, or staff
// marked their own copy sent) the page must not say it was: it says it will come.
const NOTICE_OF_STATUS: Partial<Record<RequestStatus, string[]>> = {
  identity_check: ["identity_link"],
  completed: ["decision"],
  refused: ["refusal"],
};

export const REFERENCE_PATTERN = /^PD-\d{4}-\d{5,}$/;

export function normaliseReference(value: string): string {
  return value.normalize("NFKC").trim().toUpperCase();
}

export async function findShopperRequestStatus(db: Db, shop: string, reference: string, email: string): Promise<ShopperRequestStatus | null> {
  const wanted = normaliseReference(reference);
  const address = normaliseEmail(email.normalize("NFKC"));
  if (!REFERENCE_PATTERN.test(wanted) || !address) return null;
  const request = await db.privacyRequest.findFirst({
    where: { shop, reference: wanted, redacted: false },
    select: { id: true, reference: true, type: true, status: true, receivedAt: true, dueAt: true, email: true },
  });
  if (!request || normaliseEmail(request.email) !== address) return null;
  return shopperView(db, shop, request);
}

export const STATUS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The request a status link names, in this shop; null for any other token. */
export async function findRequestStatusByToken(db: Db, shop: string, token: string): Promise<ShopperRequestStatus | null> {
  if (!STATUS_TOKEN_PATTERN.test(token)) return null;
  const request = await db.privacyRequest.findFirst({
    where: { shop, statusTokenHash: hashStatusToken(token), redacted: false },
    select: { id: true, reference: true, type: true, status: true, receivedAt: true, dueAt: true },
  });
  return request ? shopperView(db, shop, request) : null;
}

async function shopperView(
  db: Db,
  shop: string,
  request: { id: string; reference: string; type: string; status: string; receivedAt: Date; dueAt: Date },
): Promise<ShopperRequestStatus> {
  const status = request.status as RequestStatus;
  const kinds = NOTICE_OF_STATUS[status];
  const sent = kinds ? (await db.outboundMail.count({ where: { shop, requestId: request.id, kind: { in: kinds }, status: "sent" } })) > 0 : true;
  return {
    nextStep: sent ? status : `${status}_pending`,
    reference: request.reference,
    type: request.type,
    status: request.status as RequestStatus,
    receivedAt: request.receivedAt,
    dueAt: request.dueAt,
  };
}
