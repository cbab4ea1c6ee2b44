// What a shopper may send through the storefront request form, checked field by field. Errors are
// codes with the field they belong to; the route words them in the shopper's language.
import { DELIVERY_METHODS, isRequestType, type DeliveryMethod, type RequestType } from "../requests/requestTypes";

export type FormErrorCode = "required" | "email" | "phone" | "too_long" | "unknown_choice" | "consent" | "agent_details" | "policy_version";

export interface FormError {
  code: FormErrorCode;
  max?: number;
}

export type RequestFormField =
  | "type"
  | "name"
  | "email"
  | "phone"
  | "order"
  | "delivery"
  | "agent_name"
  | "agent_relationship"
  | "message"
  | "consent";

export interface RequestForm {
  type: RequestType;
  name: string;
  email: string;
  phone: string;
  order: string;
  delivery: DeliveryMethod;
  isAgent: boolean;
  agentName: string;
  agentRelationship: string;
  message: string;
  /** The policy version shown next to the consent checkbox; null when none was published. */
  policyVersion: number | null;
  language: "ja" | "en";
}

export type ParsedRequestForm =
  | { ok: true; form: RequestForm; honeypot: boolean }
  | { ok: false; errors: Partial<Record<RequestFormField, FormError>>; honeypot: boolean };

export const FIELD_LIMITS = {
  name: 200,
  email: 254,
  phone: 40,
  order: 40,
  agent_name: 200,
  agent_relationship: 200,
  message: 5000,
} as const;

// The desk accepts the same shapes (createRequest.ts); checking here turns them into field errors.
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;
const PHONE = /^\+?[0-9()\-.\s]{5,40}$/;
const TRUTHY = new Set(["1", "on", "true", "yes"]);

/** Unicode NFC and trimmed; control characters other than newlines and tabs are dropped. */
export function cleanText(value: unknown): string {
  if (typeof value !== "string") return "";
  // eslint-disable-next-line no-control-regex
  return value.normalize("NFC").replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
}

export function parseRequestForm(fields: Record<string, unknown>, language: "ja" | "en"): ParsedRequestForm {
  const text = (name: string) => cleanText(fields[name]);
  const errors: Partial<Record<RequestFormField, FormError>> = {};
  const honeypot = text("website") !== "";

  const type = text("type");
  if (!type) errors.type = { code: "required" };
  else if (!isRequestType(type)) errors.type = { code: "unknown_choice" };

  const limited = (field: keyof typeof FIELD_LIMITS & RequestFormField, value: string, required: boolean) => {
    if (required && !value) errors[field] = { code: "required" };
    else if (value.length > FIELD_LIMITS[field]) errors[field] = { code: "too_long", max: FIELD_LIMITS[field] };
  };
  const name = text("name");
  const email = text("email");
  // Full-width digits and hyphens (０９０－１２３４) are how many Japanese shoppers type numbers.
  const phone = text("phone").normalize("NFKC");
  const order = text("order").normalize("NFKC");
  const message = text("message");
  limited("name", name, true);
  limited("email", email, true);
  if (!errors.email && !EMAIL.test(email)) errors.email = { code: "email" };
  limited("phone", phone, false);
  if (phone && !errors.phone && !PHONE.test(phone)) errors.phone = { code: "phone" };
  limited("order", order, false);
  limited("message", message, false);

  const delivery = text("delivery") || "electronic";
  if (!(DELIVERY_METHODS as readonly string[]).includes(delivery)) errors.delivery = { code: "unknown_choice" };

  const isAgent = TRUTHY.has(text("is_agent").toLowerCase());
  const agentName = text("agent_name");
  const agentRelationship = text("agent_relationship");
  limited("agent_name", agentName, false);
  limited("agent_relationship", agentRelationship, false);
  if (isAgent && !agentName && !errors.agent_name) errors.agent_name = { code: "agent_details" };
  if (isAgent && !agentRelationship && !errors.agent_relationship) errors.agent_relationship = { code: "agent_details" };

  if (!TRUTHY.has(text("consent").toLowerCase())) errors.consent = { code: "consent" };

  const versionText = text("policy_version");
  let policyVersion: number | null = null;
  if (versionText) {
    policyVersion = /^[1-9][0-9]{0,8}$/.test(versionText) ? Number(versionText) : NaN;
    if (Number.isNaN(policyVersion)) errors.consent = { code: "policy_version" };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, honeypot };
  return {
    ok: true,
    honeypot,
    form: {
      type: type as RequestType,
      name,
      email,
      phone,
      order,
      delivery: delivery as DeliveryMethod,
      isAgent,
      agentName: isAgent ? agentName : "",
      agentRelationship: isAgent ? agentRelationship : "",
      message,
      policyVersion,
      language,
    },
  };
}
