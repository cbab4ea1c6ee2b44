import { describe, expect, it } from "vitest";
import { internationalForm, phoneLookupForms } from "../../../app/privacy/phoneForms";

describe("a phone's written forms in the shop's country", () => {
  it("reads a Japanese national number as E.164 in a Japanese shop", () => {
    expect(internationalForm("09043218765", "JP")).toBe("+819043218765");
    expect(internationalForm("0109043218765", "JP")).toBe("+9043218765");
    expect(internationalForm("+819043218765", "JP")).toBe("+819043218765");
  });

  it("keeps a number as given when the country is unknown or not in the table", () => {
    expect(internationalForm("09043218765", null)).toBe("09043218765");
    expect(internationalForm("09043218765", "US")).toBe("09043218765");
    expect(internationalForm("0612345678", "IT")).toBe("0612345678");
    expect(phoneLookupForms("+819043218765", null)).toEqual(["+819043218765"]);
  });

  it("looks an E.164 number of the shop's country up under its national form too, another country's never", () => {
    expect(phoneLookupForms("+819043218765", "JP")).toEqual(["+819043218765", "09043218765"]);
    expect(phoneLookupForms("+499043218765", "JP")).toEqual(["+499043218765"]);
    expect(phoneLookupForms("09043218765", "DE")).toEqual(["+499043218765", "09043218765"]);
  });
});
