import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assertTransition, RequestInputError } from "../../../app/privacy/requests";
import { translate, type MessageKey } from "../../../app/i18n";
import { desk } from "../../../app/i18n/messages/desk";
import { actionErrorText, identityMethodKey, labelOr } from "../../../app/components/desk/labels";

const ja = (key: MessageKey, vars?: Record<string, string | number>) => translate("ja", key, vars);
const en = (key: MessageKey, vars?: Record<string, string | number>) => translate("en", key, vars);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestInputError) return error.code;
    throw error;
  }
  throw new Error("expected a RequestInputError");
}

describe("domain refusals in the admin's language", () => {
  it("gives state-machine refusals stable codes", () => {
    expect(codeOf(() => assertTransition({ status: "received", type: "stop_use", identityStatus: "unverified" }, "in_progress"))).toBe("identity_required");
    expect(codeOf(() => assertTransition({ status: "completed", type: "stop_use", identityStatus: "verified" }, "in_progress"))).toBe("request_closed");
    expect(codeOf(() => assertTransition({ status: "received", type: "stop_use", identityStatus: "verified" }, "completed_nowhere"))).toBe("illegal_transition");
    expect(new RequestInputError("reason is required", "reason").code).toBe("invalid_reason");
    expect(new RequestInputError("bad").code).toBe("invalid_input");
  });

  it("has a Japanese and an English text for every code the Shopify actions throw", () => {
    const source = readFileSync("app/privacy/requests/shopifyActions.ts", "utf8");
    const codes = [...source.matchAll(/new RequestInputError\([^;]*?, "[^"]+", "([a-z_]+)"\)/g)].map((match) => match[1]!);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    for (const code of new Set(codes)) {
      expect(desk.ja, code).toHaveProperty([`desk.error.${code}`]);
      expect(desk.en, code).toHaveProperty([`desk.error.${code}`]);
    }
  });

  it("translates a known code and falls back to the domain's message for an unknown one", () => {
    expect(actionErrorText(ja, { error: "Verify the person's identity first", code: "identity_required" })).toBe("実行できませんでした: 先に本人確認を済ませてください。");
    expect(actionErrorText(en, { error: "Verify the person's identity first", code: "identity_required" })).toBe("Could not complete: Verify the person's identity first.");
    expect(actionErrorText(ja, { error: "Tag is too long", code: "shopify" })).toBe("実行できませんでした: Shopify が処理を受け付けませんでした: Tag is too long");
    expect(actionErrorText(ja, { error: "something new", code: "never_heard_of" })).toBe("実行できませんでした: something new");
  });

  it("labels identity methods, keeping an unknown stored value as it is", () => {
    expect(labelOr(ja, identityMethodKey("staff_match"), "staff_match")).toBe("スタッフによる顧客照合");
    expect(labelOr(en, identityMethodKey("email_link"), "email_link")).toBe("Email confirmation link");
    expect(labelOr(ja, identityMethodKey("carrier_pigeon"), "carrier_pigeon")).toBe("carrier_pigeon");
  });
});
