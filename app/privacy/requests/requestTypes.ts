// The vocabulary of the requests desk. Stored as plain strings (no enums, so SQLite and PostgreSQL
// agree and a new value needs no migration) and validated here before anything is written.

/** APPI 33 (disclosure), 33(5) (provision records), 34, 35, 32(2), 32(1)/40. */
export const REQUEST_TYPES = [
  "disclosure",
  "provision_records",
  "correction",
  "stop_use",
  "purpose_notice",
  "inquiry",
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_SOURCES = [
  "storefront",
  "shopify",
  "staff_phone",
  "staff_post",
  "staff_in_person",
  "staff_email",
  "customer_account",
] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** Sources staff pick when entering a request by hand. */
export const STAFF_SOURCES = ["staff_phone", "staff_post", "staff_in_person", "staff_email"] as const satisfies readonly RequestSource[];

export const REQUEST_STATUSES = [
  "received",
  "identity_check",
  "in_progress",
  "waiting_on_shopper",
  "completed",
  "refused",
  "withdrawn",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const OPEN_STATUSES = ["received", "identity_check", "in_progress", "waiting_on_shopper"] as const satisfies readonly RequestStatus[];
export const CLOSED_STATUSES = ["completed", "refused", "withdrawn"] as const satisfies readonly RequestStatus[];

export const DELIVERY_METHODS = ["electronic", "paper", "other"] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const REQUEST_LANGUAGES = ["ja", "en"] as const;
export type RequestLanguage = (typeof REQUEST_LANGUAGES)[number];

export const IDENTITY_STATUSES = ["unverified", "pending_link", "verified"] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** How identity was established; recorded with who and when. */
export const IDENTITY_METHODS = [
  "shopify_customer_login",
  "staff_match",
  "email_link",
  "shopify_webhook",
  "staff_in_person",
  "staff_document",
] as const;
export type IdentityMethod = (typeof IDENTITY_METHODS)[number];

/**
 * Every ground on which the shop may decline what a request asks. Which ones apply depends on the
 * request (REFUSAL_GROUNDS_BY_TYPE); a refusal always carries one of them and a free-text
 * explanation that goes into the notice (APPI 36).
 */
export const REFUSAL_GROUNDS = [
  "harm_to_person_or_third_party", // 33(2)(i)
  "serious_business_disruption", // 33(2)(ii)
  "violation_of_other_law", // 33(2)(iii)
  "identity_not_confirmed", // the published policy's list of cases in which data is not disclosed
  "against_public_order", // the same list
  "data_accurate", // 34: the data is not inaccurate
  "outside_purpose", // 34: the correction is not needed for the purposes of use
  "no_statutory_ground", // 35: none of the article's grounds for stopping use is met
  "alternative_measure", // 35: stopping would cost unreasonably much; another measure protects the person
] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

const DISCLOSURE_GROUNDS = [
  "harm_to_person_or_third_party",
  "serious_business_disruption",
  "violation_of_other_law",
  "identity_not_confirmed",
  "against_public_order",
] as const satisfies readonly RefusalGround[];

/**
 * The grounds that fit each request. Disclosure (and the provision records, which 33(5) puts under
 * the same rules) may be refused only on 33(2)'s grounds and the policy's list; a correction is not
 * made when the data is accurate or the change is not needed for the purpose (34); use is not
 * stopped when none of 35's grounds is met, or an alternative measure is taken instead. A purpose
 * notice (32(2)) and an inquiry are answered, never refused.
 */
export const REFUSAL_GROUNDS_BY_TYPE: Record<RequestType, readonly RefusalGround[]> = {
  disclosure: DISCLOSURE_GROUNDS,
  provision_records: DISCLOSURE_GROUNDS,
  correction: ["data_accurate", "outside_purpose", "identity_not_confirmed"],
  stop_use: ["no_statutory_ground", "alternative_measure", "identity_not_confirmed"],
  purpose_notice: [],
  inquiry: [],
};

export const refusalGroundsFor = (type: string): readonly RefusalGround[] => REFUSAL_GROUNDS_BY_TYPE[type as RequestType] ?? [];

/** Grounds whose notice must say which measure was taken instead (APPI 35(2)/(6) proviso). */
export const GROUNDS_NEEDING_MEASURE: readonly RefusalGround[] = ["alternative_measure"];

/** Customer fields a correction request may change, as customerUpdate names them. */
export const CORRECTABLE_FIELDS = ["firstName", "lastName", "email", "phone", "note", "locale"] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

const member =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === "string" && (values as readonly string[]).includes(value);

export const isRequestType = member(REQUEST_TYPES);
export const isRequestSource = member(REQUEST_SOURCES);
export const isRequestStatus = member(REQUEST_STATUSES);
export const isOpenStatus = member<RequestStatus>(OPEN_STATUSES);
export const isDeliveryMethod = member(DELIVERY_METHODS);
export const isRequestLanguage = member(REQUEST_LANGUAGES);
export const isRefusalGround = member(REFUSAL_GROUNDS);
export const isCorrectableField = member(CORRECTABLE_FIELDS);

/**
 * Bad input from a caller: routes turn it into a 400 with `field` highlighted. `code` is stable, so
 * the admin can say it in the staff member's language; the message stays English for logs and APIs.
 */
export class RequestInputError extends Error {
  readonly code: string;
  constructor(
    message: string,
    readonly field?: string,
    code?: string,
  ) {
    super(message);
    this.name = "RequestInputError";
    this.code = code ?? (field ? `invalid_${field}` : "invalid_input");
  }
}

/** No request with that id in this shop (another shop's id is indistinguishable from none). */
export class RequestNotFoundError extends Error {
  constructor() {
    super("request not found");
    this.name = "RequestNotFoundError";
  }
}
