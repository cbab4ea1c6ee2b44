import { describe, expect, it } from "vitest";
import { allowedTransitions, assertTransition, IllegalTransitionError } from "../../../app/privacy/requests/stateMachine";
import { REQUEST_STATUSES } from "../../../app/privacy/requests/requestTypes";

const verified = (status: string, type = "disclosure") => ({ status, type, identityStatus: "verified" });
const unverified = (status: string, type = "disclosure") => ({ status, type, identityStatus: "unverified" });

describe("request state machine", () => {
  it("walks the happy path received → identity check → in progress → completed", () => {
    expect(assertTransition(unverified("received"), "identity_check")).toBe("identity_check");
    expect(assertTransition(verified("identity_check"), "in_progress")).toBe("in_progress");
    expect(assertTransition(verified("in_progress"), "completed")).toBe("completed");
  });

  it("goes to waiting on the shopper and back", () => {
    expect(assertTransition(verified("in_progress"), "waiting_on_shopper")).toBe("waiting_on_shopper");
    expect(assertTransition(verified("waiting_on_shopper"), "in_progress")).toBe("in_progress");
    expect(assertTransition(unverified("waiting_on_shopper"), "identity_check")).toBe("identity_check");
  });

  it("does not start work before identity is verified, except for purpose notices and inquiries", () => {
    expect(() => assertTransition(unverified("identity_check"), "in_progress")).toThrow(/identity must be verified/);
    expect(() => assertTransition(unverified("received"), "in_progress")).toThrow(IllegalTransitionError);
    expect(assertTransition(unverified("received", "inquiry"), "in_progress")).toBe("in_progress");
    expect(assertTransition(unverified("received", "purpose_notice"), "in_progress")).toBe("in_progress");
    expect(allowedTransitions(unverified("identity_check"))).not.toContain("in_progress");
  });

  it("never completes a request that was not worked on", () => {
    for (const from of ["received", "identity_check", "waiting_on_shopper"]) {
      expect(() => assertTransition(verified(from), "completed")).toThrow(IllegalTransitionError);
    }
  });

  it("treats completed, refused and withdrawn as final", () => {
    for (const from of ["completed", "refused", "withdrawn"]) {
      expect(allowedTransitions(verified(from))).toEqual([]);
      for (const to of REQUEST_STATUSES) {
        expect(() => assertTransition(verified(from), to)).toThrow(/can no longer change/);
      }
    }
  });

  it("allows refusal and withdrawal from every open status", () => {
    for (const from of ["received", "identity_check", "in_progress", "waiting_on_shopper"]) {
      expect(assertTransition(unverified(from), "refused")).toBe("refused");
      expect(assertTransition(unverified(from), "withdrawn")).toBe("withdrawn");
    }
  });

  it("answers a purpose notice and an inquiry, never refuses them (APPI 32)", () => {
    for (const type of ["purpose_notice", "inquiry"]) {
      for (const from of ["received", "in_progress"]) {
        expect(allowedTransitions(unverified(from, type))).not.toContain("refused");
        expect(() => assertTransition(unverified(from, type), "refused")).toThrow(expect.objectContaining({ code: "not_refusable" }));
        expect(allowedTransitions(unverified(from, type))).toContain("withdrawn");
      }
    }
  });

  it("rejects unknown statuses with a clear error", () => {
    expect(() => assertTransition(verified("received"), "archived")).toThrow(/cannot go from received to archived/);
    expect(() => assertTransition(verified("limbo"), "completed")).toThrow(/Unknown current status/);
  });
});
