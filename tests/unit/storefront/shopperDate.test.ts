// The storefront's dates: the day on the shop's calendar, written as each language writes a date,
// for the status page and for the policy's publication date the block reads from the metafield.
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "../../../app/privacy/calendarDate";
import { storefrontPolicyValue } from "../../../app/privacy/policy/publishPolicy";
import { seedPolicyContent } from "../../../app/privacy/policy/seedPolicy";
import { policyMetafield, renderAppBlock } from "../../support/liquid";

// 01:30 on 2 December in Tokyo, still 1 December in UTC and in the Americas.
const PAST_MIDNIGHT_IN_TOKYO = new Date("2026-12-01T16:30:00Z");

const visibleText = (html: string) => html.replace(/<[^>]+>/g, " ");

describe("storefront dates", () => {
  it("are the shop's calendar day, in words of the shopper's language", () => {
    expect(formatCalendarDate(PAST_MIDNIGHT_IN_TOKYO, "ja", "Asia/Tokyo")).toBe("2026年12月2日");
    expect(formatCalendarDate(PAST_MIDNIGHT_IN_TOKYO, "en", "Asia/Tokyo")).toBe("December 2, 2026");
    // The last second of 1 December in Tokyo is still the 1st.
    expect(formatCalendarDate(new Date("2026-12-01T14:59:59Z"), "ja", "Asia/Tokyo")).toBe("2026年12月1日");
    expect(formatCalendarDate(PAST_MIDNIGHT_IN_TOKYO, "en", "America/Los_Angeles")).toBe("December 1, 2026");
    // A stored zone that is no IANA name reads as the shop default (Asia/Tokyo), not as an error.
    expect(formatCalendarDate(PAST_MIDNIGHT_IN_TOKYO, "ja", "Mars/Olympus")).toBe("2026年12月2日");
  });

  it("the policy's metafield carries the publication date written out per language on the shop's calendar", () => {
    const value = storefrontPolicyValue(4, PAST_MIDNIGHT_IN_TOKYO, seedPolicyContent(), "Asia/Tokyo");
    expect(value.publishedAt).toBe("2026-12-01T16:30:00.000Z");
    expect(value.publishedDate).toEqual({ ja: "2026年12月2日", en: "December 2, 2026" });
    expect(storefrontPolicyValue(4, PAST_MIDNIGHT_IN_TOKYO, seedPolicyContent(), "Europe/Berlin").publishedDate).toEqual({ ja: "2026年12月1日", en: "December 1, 2026" });
  });

  it.each([
    ["ja", "第4版 · 2026年12月2日公開"],
    ["en", "Version 4 · Published December 2, 2026"],
  ])("the policy block shows it (%s), never the ISO instant or a numeric date", async (locale, line) => {
    const value = storefrontPolicyValue(4, PAST_MIDNIGHT_IN_TOKYO, seedPolicyContent(), "Asia/Tokyo");
    const { html } = await renderAppBlock("privacy-policy", { locale, metafields: policyMetafield(JSON.parse(JSON.stringify(value))) });
    const version = /<p class="pd-policy__version">([\s\S]*?)<\/p>/.exec(html)![1];
    expect(visibleText(version).replace(/\s+/g, " ").trim()).toBe(line);
    expect(version).toContain('<time datetime="2026-12-01T16:30:00.000Z">');
    expect(visibleText(html)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("a policy value written before the dates were: the version without a date rather than a wrong one", async () => {
    const value = { ...JSON.parse(JSON.stringify(storefrontPolicyValue(4, PAST_MIDNIGHT_IN_TOKYO, seedPolicyContent(), "Asia/Tokyo"))), publishedDate: undefined };
    const { html } = await renderAppBlock("privacy-policy", { locale: "ja", metafields: policyMetafield(value) });
    const version = /<p class="pd-policy__version">([\s\S]*?)<\/p>/.exec(html)![1];
    expect(visibleText(version).trim()).toBe("第4版");
  });
});
