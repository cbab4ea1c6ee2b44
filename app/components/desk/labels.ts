// Message keys for the desk's stored vocabulary; unknown stored values fall back to themselves.
import type { MessageKey } from "../../i18n";

type KeyOf<P extends string> = Extract<MessageKey, `${P}${string}`>;

export const typeKey = (type: string) => `desk.type.${type}` as KeyOf<"desk.type.">;
export const statusKey = (status: string) => `desk.status.${status}` as KeyOf<"desk.status.">;
export const sourceKey = (source: string) => `desk.source.${source}` as KeyOf<"desk.source.">;
export const identityKey = (identity: string) => `desk.identity.${identity}` as KeyOf<"desk.identity.">;
export const groundKey = (ground: string) => `desk.detail.ground.${ground}` as KeyOf<"desk.detail.ground.">;
export const mailStatusKey = (status: string) => `desk.detail.mail.${status}` as KeyOf<"desk.detail.mail.">;
export const noticeKindKey = (kind: string) => `desk.settings.kind.${kind}` as KeyOf<"desk.settings.kind.">;
export const deliveryKey = (method: string) => `desk.detail.delivery.${method}` as KeyOf<"desk.detail.delivery.">;
export const timelineKey = (action: string) => `desk.timeline.${action}` as KeyOf<"desk.timeline.">;
export const identityMethodKey = (method: string) => `desk.identityMethod.${method}` as KeyOf<"desk.identityMethod.">;
const errorKey = (code: string) => `desk.error.${code}` as KeyOf<"desk.error.">;

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A stored value's label, or the value itself when the catalogue has no entry for it. */
export function labelOr(t: Translate, key: MessageKey, raw: string): string {
  const text = t(key);
  return text === key ? raw : text;
}

/** An action's refusal in the staff member's language: by its domain code, else the domain's own message. */
export function actionErrorText(t: Translate, result: { error?: string; code?: string }): string {
  const message = result.error ?? "";
  if (result.code) {
    const key = errorKey(result.code);
    const text = t(key, { message });
    if (text !== key) return t("desk.detail.actionFailedPlain", { reason: text });
  }
  return t("desk.detail.actionFailed", { message });
}

/**
 * Who acted, as staff read it: a staff member by name (`names` from staffNamesFor, formatted), the
 * person, Shopify, or the app on its own. A staff member whose name is unknown is "staff", never an id.
 */
export function actorLabel(t: Translate, actor: string, names: Record<string, string> = {}): string {
  if (names[actor]) return names[actor];
  if (actor === "staff" || actor.startsWith("staff:")) return t("desk.actor.staff");
  if (actor === "shopper" || actor.startsWith("customer:")) return t("desk.actor.shopper");
  if (actor === "shopify") return t("desk.actor.shopify");
  // "system", and the sandbox's or tests' own names for seeded rows.
  return t("desk.actor.system");
}

/** Why a customer was proposed as the requester, in words. */
export const matchReasonKey = (reason: string) => `desk.matchReason.${reason}` as KeyOf<"desk.matchReason.">;
/** A correctable customer field's name. */
export const fieldKey = (field: string) => `desk.field.${field}` as KeyOf<"desk.field.">;
