import { describe, expect, it } from "vitest";
import { requestOffer, type OfferFacts, type OfferSubject, type RequestOffer } from "../../../app/privacy/requests/requestOffer";
import { REQUEST_TYPES, REQUEST_STATUSES } from "../../../app/privacy/requests/requestTypes";
import { allowedTransitions } from "../../../app/privacy/requests/stateMachine";

const subject = (overrides: Partial<OfferSubject> = {}): OfferSubject => ({
  status: "in_progress",
  type: "disclosure",
  identityStatus: "verified",
  redacted: false,
  shopifyCustomerId: "1003",
  email: "person@example.jp",
  extendedAt: null,
  ...overrides,
});
const facts = (overrides: Partial<OfferFacts> = {}): OfferFacts => ({ timeline: [], ...overrides });

/** Every button of the page that changes something, by name, that the offer shows. */
function changing(offer: RequestOffer): string[] {
  const shown: Array<[string, boolean]> = [
    ["status", offer.moveTo.length > 0],
    ["complete", offer.complete],
    ["refuse", offer.refuse],
    ["withdraw", offer.withdraw],
    ["extend", offer.extend],
    ["find", offer.identity.find],
    ["sendLink", offer.identity.sendLink],
    ["build", offer.disclosure.build],
    ["correct", offer.correction.apply],
    ["stopUse", offer.stopUse.apply],
    ["erase", offer.stopUse.requestErasure],
    ["cancelErasure", offer.stopUse.cancelErasure],
  ];
  return shown.filter(([, on]) => on).map(([name]) => name);
}

describe("what the request page offers", () => {
  it.each(["completed", "refused", "withdrawn"])("offers nothing that changes a %s request, of any type, whatever work was done", (status) => {
    for (const type of REQUEST_TYPES) {
      const offer = requestOffer(subject({ status, type }), facts({ packageReady: true, erasureRequested: true, timeline: [{ action: "disclosure_ready" }, { action: "erasure_requested" }] }));
      expect(offer.open, type).toBe(false);
      expect(changing(offer), `${status} ${type}`).toEqual([]);
      expect(offer.proposed).toBeNull();
    }
  });

  it("keeps a completed disclosure's package downloadable, without offering to build it again", () => {
    const offer = requestOffer(subject({ status: "completed" }), facts({ packageReady: true, timeline: [{ action: "disclosure_ready" }, { action: "completed" }] }));
    expect(offer.disclosure).toEqual({ show: true, build: false, downloads: true });
    expect(offer.note).toBe(true);
  });

  it("shows a completed stop-use request's erasure schedule without offering to cancel or repeat it", () => {
    const offer = requestOffer(subject({ status: "completed", type: "stop_use" }), facts({ erasureRequested: true }));
    expect(offer.stopUse).toEqual({ show: true, apply: false, requestErasure: false, cancelErasure: false });
  });

  it("offers building the package once the customer is linked, rebuilding when one exists, never while one is being built", () => {
    expect(requestOffer(subject(), facts()).disclosure).toEqual({ show: true, build: true, downloads: false });
    expect(requestOffer(subject(), facts({ packageReady: true })).disclosure).toEqual({ show: true, build: true, downloads: true });
    expect(requestOffer(subject(), facts({ packageBuilding: true })).disclosure.build).toBe(false);
    const unlinked = requestOffer(subject({ status: "received", identityStatus: "unverified", shopifyCustomerId: null }), facts());
    expect(unlinked.disclosure.build).toBe(false);
    expect(unlinked.needsCustomer).toBe(true);
    expect(unlinked.identity).toEqual({ find: true, sendLink: true });
  });

  it("offers completing only once the type's own work is done", () => {
    expect(requestOffer(subject(), facts({ timeline: [{ action: "disclosure_started" }] })).complete).toBe(false);
    expect(requestOffer(subject(), facts({ timeline: [{ action: "disclosure_ready" }] })).complete).toBe(true);
    expect(requestOffer(subject({ type: "inquiry", identityStatus: "unverified", shopifyCustomerId: null }), facts()).complete).toBe(true);
    expect(requestOffer(subject({ status: "received", type: "inquiry" }), facts()).complete).toBe(false);
  });

  it("offers erasure until it is requested, then its cancellation instead", () => {
    const before = requestOffer(subject({ type: "stop_use" }), facts());
    expect(before.stopUse).toEqual({ show: true, apply: true, requestErasure: true, cancelErasure: false });
    const after = requestOffer(subject({ type: "stop_use" }), facts({ erasureRequested: true, timeline: [{ action: "erasure_requested" }] }));
    expect(after.stopUse).toEqual({ show: true, apply: true, requestErasure: false, cancelErasure: true });
    expect(after.complete).toBe(true);
  });

  it("extends a deadline once only", () => {
    expect(requestOffer(subject(), facts()).extend).toBe(true);
    expect(requestOffer(subject({ extendedAt: new Date() }), facts()).extend).toBe(false);
  });

  it("never refuses an inquiry or a purpose notice, and sends no link once identity is verified", () => {
    for (const type of ["inquiry", "purpose_notice"]) expect(requestOffer(subject({ type }), facts()).refuse).toBe(false);
    expect(requestOffer(subject({ status: "received", shopifyCustomerId: null }), facts()).identity).toEqual({ find: true, sendLink: false });
    expect(requestOffer(subject({ status: "received", identityStatus: "unverified", shopifyCustomerId: null, email: "" }), facts()).identity.sendLink).toBe(false);
  });

  it("shows a request closed by Shopify's erasure as such, offering nothing at all", () => {
    const erased = subject({ status: "completed", type: "stop_use", redacted: true, shopifyCustomerId: null, email: "" });
    const offer = requestOffer(erased, facts({ timeline: [{ action: "erasure_requested" }, { action: "completed", detail: { reason: "shopify_customer_redact" } }] }));
    expect(offer.closedByErasure).toBe(true);
    expect(changing(offer)).toEqual([]);
    expect(offer).toMatchObject({ note: false, downloads: false, disclosure: { show: false }, stopUse: { show: false }, correction: { show: false } });
    // Refused by staff first, erased later: erased, but not closed by the erasure.
    const refused = requestOffer({ ...erased, status: "refused" }, facts({ timeline: [{ action: "refused" }] }));
    expect(refused.closedByErasure).toBe(false);
    expect(changing(refused)).toEqual([]);
  });

  it("offers in the status dialog exactly the legal non-final moves, proposing one of them", () => {
    for (const status of REQUEST_STATUSES) {
      for (const type of REQUEST_TYPES) {
        for (const identityStatus of ["unverified", "verified"]) {
          const request = subject({ status, type, identityStatus });
          const offer = requestOffer(request, facts());
          const legal = allowedTransitions(request);
          expect(offer.moveTo.every((to) => legal.includes(to))).toBe(true);
          expect(offer.moveTo).not.toContain("completed");
          if (offer.moveTo.length) expect(offer.moveTo).toContain(offer.proposed);
          else expect(offer.proposed).toBeNull();
          expect(offer.refuse).toBe(legal.includes("refused"));
        }
      }
    }
  });
});
