import { describe, expect, it } from "vitest";
import { compareChoices, deriveConsentState, needsRenewal, type LedgerChoice } from "../../../app/privacy/consent/consentState";
import { CONSENT_KINDS, CONSENT_SOURCES } from "../../../app/privacy/consent/consentTypes";

// A small seeded generator, so a failure names the seed that reproduces it.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function history(next: () => number, size: number): LedgerChoice[] {
  const base = Date.UTC(2026, 0, 1);
  return Array.from({ length: size }, () => ({
    kind: CONSENT_KINDS[Math.floor(next() * 3)],
    granted: next() < 0.5,
    // Few distinct minutes, so equal choice times are common.
    choiceAt: new Date(base + Math.floor(next() * 6) * 60_000),
    source: CONSENT_SOURCES[Math.floor(next() * CONSENT_SOURCES.length)],
    policyVersion: next() < 0.3 ? null : 1 + Math.floor(next() * 3),
    evidence: `wording ${Math.floor(next() * 2)}`,
  }));
}

const summary = (records: LedgerChoice[]) =>
  [...deriveConsentState(records, 2).values()]
    .map((entry) => `${entry.kind}=${entry.granted}@${entry.choiceAt.toISOString()}/v${entry.policyVersion}/${entry.source}/${entry.record.evidence}/${entry.needsRenewal}`)
    .sort()
    .join("\n");

describe("current consent derived from the ledger", () => {
  it("is the latest choice by the time it was made, not by arrival", () => {
    const granted = { kind: "email_marketing", granted: true, choiceAt: new Date("2026-03-01T10:00:00Z"), source: "storefront_form", policyVersion: 1, evidence: "" };
    const withdrawn = { ...granted, granted: false, choiceAt: new Date("2026-03-02T10:00:00Z"), source: "shopify_webhook" };
    // The withdrawal arrives first, the older grant is delivered late: still withdrawn.
    expect(deriveConsentState([withdrawn, granted]).get("email_marketing")?.granted).toBe(false);
    expect(deriveConsentState([granted, withdrawn]).get("email_marketing")?.granted).toBe(false);
  });

  it("lets a withdrawal win over a grant made at the same instant", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    const records = [
      { kind: "marketing", granted: true, choiceAt: at, source: "consent_banner", policyVersion: null, evidence: "" },
      { kind: "marketing", granted: false, choiceAt: at, source: "consent_banner", policyVersion: null, evidence: "" },
    ];
    expect(deriveConsentState(records).get("marketing")?.granted).toBe(false);
    expect(deriveConsentState([...records].reverse()).get("marketing")?.granted).toBe(false);
  });

  it("gives the same state for every delivery order (300 histories x 30 permutations)", () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const records = history(next, 2 + Math.floor(next() * 12));
      const expected = summary(records);
      for (let permutation = 0; permutation < 30; permutation++) {
        expect(summary(shuffle(records, next)), `seed ${seed}`).toBe(expected);
      }
    }
  });

  it("orders one kind's choices totally: a sort gives one order whatever the input order", () => {
    const next = random(99);
    const records = history(next, 40).map((record) => ({ ...record, kind: "policy" }));
    const sorted = [...records].sort(compareChoices).map((r) => JSON.stringify(r));
    for (let i = 0; i < 20; i++) {
      const resorted = shuffle(records, next).sort(compareChoices).map((r) => JSON.stringify(r));
      // Equal under compareChoices means equal content, so the serialised orders agree.
      expect(resorted).toEqual(sorted);
    }
  });
});

describe("renewal after a change of purposes", () => {
  it("flags grants given under a version older than the last purpose change", () => {
    expect(needsRenewal({ kind: "policy", granted: true, policyVersion: 1 }, 2)).toBe(true);
    expect(needsRenewal({ kind: "email_marketing", granted: true, policyVersion: 1 }, 2)).toBe(true);
    expect(needsRenewal({ kind: "policy", granted: true, policyVersion: 2 }, 2)).toBe(false);
    expect(needsRenewal({ kind: "policy", granted: true, policyVersion: 3 }, 2)).toBe(false);
  });

  it("leaves withdrawals, unversioned marketing choices and shops without a purpose change alone", () => {
    expect(needsRenewal({ kind: "policy", granted: false, policyVersion: 1 }, 2)).toBe(false);
    expect(needsRenewal({ kind: "email_marketing", granted: true, policyVersion: null }, 2)).toBe(false);
    expect(needsRenewal({ kind: "policy", granted: true, policyVersion: null }, 2)).toBe(true);
    expect(needsRenewal({ kind: "policy", granted: true, policyVersion: 1 }, null)).toBe(false);
  });

  it("clears once the person accepts the new version", () => {
    const old = { kind: "policy", granted: true, choiceAt: new Date("2026-01-01T00:00:00Z"), source: "storefront_form", policyVersion: 1, evidence: "" };
    expect(deriveConsentState([old], 2).get("policy")?.needsRenewal).toBe(true);
    const renewed = { ...old, choiceAt: new Date("2026-02-01T00:00:00Z"), policyVersion: 2 };
    expect(deriveConsentState([renewed, old], 2).get("policy")?.needsRenewal).toBe(false);
  });
});
