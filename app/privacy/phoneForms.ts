// The written forms of one phone number that an erasure must treat as the same person. A shopper
// types her number the way she dials it at home (090-4321-8765); Shopify names it in E.164
// (+81 90 4321 8765). Only the shop's own country turns the one into the other: a national number
// is read in no other country, so two people of different countries whose national digits match
// are never taken for one (the exactness rule, tests/unit/erasure/exactness.test.ts).

interface DialingPlan {
  callingCode: string;
  /** Dialled before a national number at home and dropped in E.164. */
  trunkPrefix: string;
  /** Dialled before a calling code from inside the country. */
  internationalPrefix: string;
}

// Only countries whose national numbers start with a trunk prefix that E.164 drops. Countries that
// keep the leading 0 in E.164 (Italy) or have no trunk prefix (Spain, Portugal, Poland, Denmark)
// are left out on purpose: there a number without + is not told from one with its code by sight.
const DIALING_PLANS: Readonly<Record<string, DialingPlan>> = {
  JP: { callingCode: "81", trunkPrefix: "0", internationalPrefix: "010" },
  DE: { callingCode: "49", trunkPrefix: "0", internationalPrefix: "00" },
  FR: { callingCode: "33", trunkPrefix: "0", internationalPrefix: "00" },
  NL: { callingCode: "31", trunkPrefix: "0", internationalPrefix: "00" },
  BE: { callingCode: "32", trunkPrefix: "0", internationalPrefix: "00" },
  AT: { callingCode: "43", trunkPrefix: "0", internationalPrefix: "00" },
  IE: { callingCode: "353", trunkPrefix: "0", internationalPrefix: "00" },
  FI: { callingCode: "358", trunkPrefix: "0", internationalPrefix: "00" },
  SE: { callingCode: "46", trunkPrefix: "0", internationalPrefix: "00" },
};

const planOf = (country: string | null | undefined): DialingPlan | undefined =>
  country ? DIALING_PLANS[country.trim().toUpperCase()] : undefined;

/**
 * The E.164 form of a normalised number (digits, leading + kept) in the shop's country: a national
 * number (trunk prefix) gets the country's calling code, one dialled with the country's
 * international prefix gets a +. Anything else, or a country not in the table, is returned as given.
 */
export function internationalForm(normalised: string, country: string | null | undefined): string {
  const plan = planOf(country);
  if (!plan || normalised.startsWith("+")) return normalised;
  if (normalised.startsWith(plan.internationalPrefix) && normalised.length > plan.internationalPrefix.length) {
    return `+${normalised.slice(plan.internationalPrefix.length)}`;
  }
  if (normalised.startsWith(plan.trunkPrefix) && normalised.length > plan.trunkPrefix.length) {
    return `+${plan.callingCode}${normalised.slice(plan.trunkPrefix.length)}`;
  }
  return normalised;
}

/**
 * Every form a row about this number may have been keyed under: as given, its E.164 form, and, for
 * an E.164 number of the shop's own country, the national form rows written before the country was
 * known were keyed under. A number of another country has no national form here.
 */
export function phoneLookupForms(normalised: string, country: string | null | undefined): string[] {
  const international = internationalForm(normalised, country);
  const forms = [international, normalised];
  const plan = planOf(country);
  const ownCode = plan ? `+${plan.callingCode}` : null;
  if (plan && ownCode && international.startsWith(ownCode) && international.length > ownCode.length) {
    forms.push(`${plan.trunkPrefix}${international.slice(ownCode.length)}`);
  }
  return [...new Set(forms)];
}
