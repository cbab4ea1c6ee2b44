// Which grounds fit which request (APPI 33(2), 34, 35), and how the notice words them.
import { describe, expect, it } from "vitest";
import { GROUNDS_NEEDING_MEASURE, REFUSAL_GROUNDS, REQUEST_TYPES, refusalGroundsFor } from "../../../app/privacy/requests/requestTypes";
import { NOTICE_LABELS } from "../../../app/privacy/mail/templates";
import { refusalGroundText } from "../../../app/privacy/requests/lifecycle";

describe("refusal grounds by request", () => {
  it("limits a disclosure (and the provision records) to 33(2)'s three grounds and the policy's two", () => {
    const disclosure = ["harm_to_person_or_third_party", "serious_business_disruption", "violation_of_other_law", "identity_not_confirmed", "against_public_order"];
    expect(refusalGroundsFor("disclosure")).toEqual(disclosure);
    expect(refusalGroundsFor("provision_records")).toEqual(disclosure);
  });

  it("gives a correction 34's grounds and a stop-use request 35's, never the disclosure grounds", () => {
    expect(refusalGroundsFor("correction")).toEqual(["data_accurate", "outside_purpose", "identity_not_confirmed"]);
    expect(refusalGroundsFor("stop_use")).toEqual(["no_statutory_ground", "alternative_measure", "identity_not_confirmed"]);
    for (const type of ["correction", "stop_use"]) {
      expect(refusalGroundsFor(type)).not.toContain("serious_business_disruption");
      expect(refusalGroundsFor(type)).not.toContain("harm_to_person_or_third_party");
    }
    expect(GROUNDS_NEEDING_MEASURE).toEqual(["alternative_measure"]);
  });

  it("gives a purpose notice and an inquiry no ground at all", () => {
    expect(refusalGroundsFor("purpose_notice")).toEqual([]);
    expect(refusalGroundsFor("inquiry")).toEqual([]);
  });

  it("uses only known grounds, each worded for the person in Japanese and in English", () => {
    for (const type of REQUEST_TYPES) {
      for (const ground of refusalGroundsFor(type)) {
        expect(REFUSAL_GROUNDS).toContain(ground);
        expect((NOTICE_LABELS.ja.refusalGround as Record<string, string>)[ground]).toMatch(/[ぁ-んァ-ン一-龥]/);
        expect((NOTICE_LABELS.en.refusalGround as Record<string, string>)[ground]).toMatch(/^[\x20-\x7E]+$/);
      }
    }
  });

  it("quotes the measure taken instead in the person's language", () => {
    expect(refusalGroundText("ja", "alternative_measure", "配信リストから除外しました")).toContain("代わりに講じた措置: 配信リストから除外しました");
    expect(refusalGroundText("en", "alternative_measure", "We removed you from every mailing list")).toContain("The measure we have taken instead: We removed you from every mailing list");
    expect(refusalGroundText("ja", "data_accurate")).toBe(NOTICE_LABELS.ja.refusalGround.data_accurate);
  });
});
