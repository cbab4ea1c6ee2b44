import { describe, expect, it } from "vitest";
import { parseSettingsForm, SettingsInputError } from "../../../app/privacy/desk/settingsForm";

const valid = {
  businessName: "株式会社キュイ",
  contactEmail: "privacy@example.jp",
  dueDays: "14",
  euDueDays: "30",
  dueSoonDays: "3",
  staffNoticeLanguage: "en",
  smtpHost: "smtp.example.jp",
  smtpPort: "587",
  smtpSecure: "false",
  smtpPassword: "",
  noticeTemplates: JSON.stringify({ acknowledgement: { ja: { subject: "受付 {reference}", body: "" } } }),
};

describe("settings form", () => {
  it("accepts a complete form and keeps the stored password when the field is empty", () => {
    const input = parseSettingsForm(valid);
    expect(input.dueDays).toBe(14);
    expect(input.smtpPassword).toBeUndefined();
    expect(input.staffNoticeLanguage).toBe("en");
    expect(parseSettingsForm({ ...valid, staffNoticeLanguage: "ja" }).staffNoticeLanguage).toBe("ja");
    expect(JSON.parse(input.noticeTemplates)).toEqual({ acknowledgement: { ja: { subject: "受付 {reference}" } } });
  });

  it.each([
    ["dueDays", "0"],
    ["dueDays", "3.5"],
    ["euDueDays", "400"],
    ["dueSoonDays", "20"],
    ["smtpPort", "70000"],
    ["contactEmail", "not-an-email"],
    ["smtpHost", "smtp example"],
    ["noticeTemplates", "{"],
    ["noticeTemplates", JSON.stringify({ spam: {} })],
    ["staffNoticeLanguage", "fr"],
    ["staffNoticeLanguage", "EN"],
    ["staffNoticeLanguage", ""],
    ["staffNoticeLanguage", undefined],
  ])("rejects %s = %j naming the field", (field, value) => {
    const attempt = () => parseSettingsForm({ ...valid, [field]: value });
    expect(attempt).toThrow(SettingsInputError);
    try {
      attempt();
    } catch (error) {
      expect((error as SettingsInputError).field).toBe(field);
    }
  });
});

describe("corrections on the manual entry form", async () => {
  const { requestedChangesFromForm } = await import("../../../app/privacy/desk/changeLines");
  it("reads one labelled input per field, keeping only those filled in", () => {
    const form: Record<string, string> = { "change.lastName": " 山田 ", "change.email": "new@example.jp", "change.phone": "  ", "change.unknown": "x" };
    expect(requestedChangesFromForm((name) => form[name] ?? "")).toEqual({ lastName: "山田", email: "new@example.jp" });
    expect(requestedChangesFromForm(() => "")).toEqual({});
  });
});
