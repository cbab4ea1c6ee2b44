// A request staff record from a customer's page in Shopify admin: the person phoned, wrote or came
// in. Staff are looking at the customer's own record, so the request is linked to that customer and
// verified by the staff member who recorded it, both on the timeline under their name.
import type { Db } from "../../db.factory";
import type { AdminGraphql } from "../adminApi";
import { createPrivacyRequest, type PrivacyRequest } from "../requests/createRequest";
import { isRequestType, RequestInputError, RequestNotFoundError, type IdentityMethod } from "../requests/requestTypes";
import { customerDisplayName, languageOfLocale, shopifyCustomerCard } from "./shopifyCustomer";

/** How a request reached staff, offered on the customer page, and how identity was checked then. */
export const STAFF_RECORDED_SOURCES = {
  staff_phone: "staff_match",
  staff_post: "staff_document",
  staff_in_person: "staff_in_person",
} as const satisfies Record<string, IdentityMethod>;
export type StaffRecordedSource = keyof typeof STAFF_RECORDED_SOURCES;

export const MAX_STAFF_NOTE = 2_000;

export interface StaffRecordedInput {
  type: unknown;
  source: unknown;
  note?: unknown;
  language?: unknown;
}

export function parseStaffRecordedInput(input: StaffRecordedInput) {
  if (!isRequestType(input.type)) throw new RequestInputError("type is not a request type", "type");
  if (typeof input.source !== "string" || !Object.hasOwn(STAFF_RECORDED_SOURCES, input.source)) {
    throw new RequestInputError("source must be staff_phone, staff_post or staff_in_person", "source");
  }
  if (input.note !== undefined && input.note !== null && typeof input.note !== "string") throw new RequestInputError("note must be text", "note");
  const note = typeof input.note === "string" ? input.note.trim() : "";
  if (note.length > MAX_STAFF_NOTE) throw new RequestInputError(`note is longer than ${MAX_STAFF_NOTE} characters`, "note");
  const language: "ja" | "en" | undefined = input.language === "ja" || input.language === "en" ? input.language : undefined;
  return { type: input.type, source: input.source as StaffRecordedSource, note, language };
}

/**
 * Creates the request for `customerId` of `shop`. The customer must exist in this shop (read from
 * Shopify): another shop's customer id is RequestNotFoundError, like an id that never existed.
 */
export async function recordRequestForCustomer(
  db: Db,
  api: AdminGraphql,
  input: { shop: string; actor: string; customerId: string } & StaffRecordedInput,
  now = new Date(),
): Promise<PrivacyRequest> {
  const parsed = parseStaffRecordedInput(input);
  const card = await shopifyCustomerCard(api, input.customerId);
  if (!card) throw new RequestNotFoundError();
  const language = parsed.language ?? languageOfLocale(card.locale);
  return createPrivacyRequest(
    db,
    {
      shop: input.shop,
      type: parsed.type,
      source: parsed.source,
      language,
      customerName: customerDisplayName(card, language),
      email: card.email ?? undefined,
      phone: card.phone ?? undefined,
      message: parsed.note,
      shopifyCustomerId: input.customerId,
      identity: { method: STAFF_RECORDED_SOURCES[parsed.source], verifiedAt: now, verifiedBy: input.actor },
      receivedAt: now,
    },
    input.actor,
  );
}
