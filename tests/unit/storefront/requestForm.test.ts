import { describe, expect, it } from "vitest";
import { cleanText, parseRequestForm } from "../../../app/privacy/storefront/requestForm";

const valid = {
  type: "correction",
  name: "山田 花子",
  email: "hanako@example.jp",
  delivery: "paper",
  message: "住所の訂正をお願いします",
  consent: "on",
  policy_version: "4",
};

describe("storefront request form", () => {
  it("accepts a complete form and keeps what was typed", () => {
    const parsed = parseRequestForm(valid, "ja");
    expect(parsed).toMatchObject({ ok: true, honeypot: false });
    if (!parsed.ok) throw new Error("expected ok");
    expect(parsed.form).toMatchObject({ type: "correction", delivery: "paper", policyVersion: 4, isAgent: false, language: "ja" });
  });

  it("names each bad field with a code", () => {
    const parsed = parseRequestForm({ type: "erase_all", name: " ", email: "a@b", consent: "", delivery: "pigeon", phone: "<b>" }, "en");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) throw new Error("expected errors");
    expect(parsed.errors).toEqual({
      type: { code: "unknown_choice" },
      name: { code: "required" },
      email: { code: "email" },
      phone: { code: "phone" },
      delivery: { code: "unknown_choice" },
      consent: { code: "consent" },
    });
  });

  it("asks an agent for their name and relationship", () => {
    const parsed = parseRequestForm({ ...valid, is_agent: "1" }, "ja");
    expect(parsed.ok ? {} : parsed.errors).toEqual({ agent_name: { code: "agent_details" }, agent_relationship: { code: "agent_details" } });
  });

  it("limits lengths the way the desk counts them", () => {
    const parsed = parseRequestForm({ ...valid, name: "🌸".repeat(101) }, "ja");
    expect(parsed.ok ? {} : parsed.errors).toEqual({ name: { code: "too_long", max: 200 } });
  });

  it("turns full-width digits in phone and order numbers into ASCII", () => {
    const parsed = parseRequestForm({ ...valid, phone: "０９０－１２３４－５６７８", order: "＃１００１" }, "ja");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.form.phone).toBe("090-1234-5678");
    expect(parsed.form.order).toBe("#1001");
  });

  it("flags the honeypot without hiding other results", () => {
    expect(parseRequestForm({ ...valid, website: "http://spam" }, "ja").honeypot).toBe(true);
  });

  it("drops control characters but keeps newlines and emoji", () => {
    expect(cleanText(" a\u0000b\r\nc🙇‍♀️ ")).toBe("ab\nc🙇‍♀️");
  });
});
