import { describe, expect, it } from "vitest";
import { proposedStatus, workDone } from "../../../app/privacy/requests/workflow";

const request = (status: string, type = "disclosure", identityStatus = "unverified") => ({ status, type, identityStatus });

describe("the desk's next step", () => {
  it.each([
    [request("received"), "identity_check"],
    [request("received", "disclosure", "verified"), "in_progress"],
    [request("received", "inquiry"), "in_progress"],
    [request("identity_check"), "waiting_on_shopper"],
    [request("identity_check", "correction", "verified"), "in_progress"],
    [request("waiting_on_shopper"), "identity_check"],
    [request("waiting_on_shopper", "stop_use", "verified"), "in_progress"],
    [request("in_progress", "stop_use", "verified"), "waiting_on_shopper"],
    [request("completed", "stop_use", "verified"), null],
  ])("proposes the usual next status for %j", (subject, expected) => {
    expect(proposedStatus(subject)).toBe(expected);
  });

  it("offers completing once the type's own action is done, and at once for an inquiry", () => {
    expect(workDone(request("in_progress", "disclosure", "verified"), ["received", "disclosure_started"])).toBe(false);
    expect(workDone(request("in_progress", "disclosure", "verified"), ["disclosure_started", "disclosure_ready"])).toBe(true);
    expect(workDone(request("in_progress", "correction", "verified"), ["correction_applied"])).toBe(true);
    expect(workDone(request("in_progress", "stop_use", "verified"), ["erasure_requested"])).toBe(true);
    expect(workDone(request("in_progress", "inquiry"), [])).toBe(true);
    expect(workDone(request("received", "inquiry"), [])).toBe(false);
  });
});
