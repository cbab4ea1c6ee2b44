// Shop B's staff can neither read nor change shop A's request by its id: every domain function
// answers "not found" (the route's 404) and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { findRequestForShop, getRequestForShop } from "../../../app/privacy/requests/findRequest";
import {
  addInternalNote,
  changeRequestStatus,
  completeRequest,
  extendRequestDeadline,
  refuseRequest,
  updateAgentDetails,
  withdrawRequest,
} from "../../../app/privacy/requests/lifecycle";
import { requestTimeline } from "../../../app/privacy/requests/timeline";
import { RequestNotFoundError } from "../../../app/privacy/requests/requestTypes";
import { confirmCustomerMatch } from "../../../app/privacy/identity/customerMatch";
import { sendIdentityLink } from "../../../app/privacy/identity/emailLink";
import { disclosureJobStatus, latestDisclosurePackage, startDisclosureJob } from "../../../app/privacy/disclosure/disclosureJob";
import { mailForRequest, mailToCopy } from "../../../app/privacy/mail/delivery";
import { correctionView, recordedErasureSchedule } from "../../../app/privacy/requests/shopifyActions";
import type { AdminGraphql } from "../../../app/privacy/adminApi";

const A = "isolation-a.myshopify.com";
const B = "isolation-b.myshopify.com";

describe(`request isolation between shops on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(undefined, "isolation");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("answers not found for every read and every action on another shop's request", async () => {
    const db = database.db;
    const request = await createPrivacyRequest(db, { shop: A, type: "correction", source: "storefront", email: "a@example.jp", requestedChanges: { lastName: "X" } }, "shopper");
    const before = await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    const eventsBefore = await db.requestEvent.count({ where: { requestId: request.id } });
    const mailsBefore = await db.outboundMail.count({ where: { requestId: request.id } });
    const api: AdminGraphql = async () => {
      throw new Error("Shopify must not be called for another shop's request");
    };

    expect(await findRequestForShop(db, B, request.id)).toBeNull();
    await expect(getRequestForShop(db, B, request.id)).rejects.toBeInstanceOf(RequestNotFoundError);
    expect(await requestTimeline(db, B, request.id)).toEqual([]);
    expect(await mailForRequest(db, B, request.id)).toEqual([]);
    expect(await mailToCopy(db, B, request.id)).toEqual([]);
    expect(await disclosureJobStatus(db, B, request.id)).toBeNull();
    expect(await latestDisclosurePackage(db, B, request.id)).toBeNull();

    const actions: Array<() => Promise<unknown>> = [
      () => changeRequestStatus(db, B, request.id, "identity_check", "staff:b"),
      () => completeRequest(db, B, request.id, "staff:b"),
      () => refuseRequest(db, B, request.id, "staff:b", { ground: "violation_of_other_law", explanation: "long enough explanation" }),
      () => withdrawRequest(db, B, request.id, "staff:b"),
      () => extendRequestDeadline(db, B, request.id, "staff:b", { extraDays: 3, reason: "A real reason" }),
      () => addInternalNote(db, B, request.id, "staff:b", "note"),
      () => updateAgentDetails(db, B, request.id, "staff:b", { isAgent: true, agentName: "Agent" }),
      () => confirmCustomerMatch(db, B, request.id, "1001", "staff:b"),
      () => sendIdentityLink(db, B, request.id, "staff:b"),
      () => startDisclosureJob(db, B, request.id, "staff:b"),
      () => correctionView(db, api, B, request.id),
      () => recordedErasureSchedule(db, B, request.id),
    ];
    for (const action of actions) await expect(action()).rejects.toBeInstanceOf(RequestNotFoundError);

    expect(await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } })).toEqual(before);
    expect(await db.requestEvent.count({ where: { requestId: request.id } })).toBe(eventsBefore);
    expect(await db.outboundMail.count({ where: { requestId: request.id } })).toBe(mailsBefore);
  });

  it("lets the owning shop act, with the staff member on the timeline", async () => {
    const db = database.db;
    const request = await createPrivacyRequest(db, { shop: A, type: "inquiry", source: "staff_phone", phone: "03-1111-2222" }, "staff:7");
    await addInternalNote(db, A, request.id, "staff:7", "Called back, left a message");
    await updateAgentDetails(db, A, request.id, "staff:7", { isAgent: true, agentName: "山田 太郎", agentRelationship: "法定代理人（親権者）", agentAuthorityNote: "戸籍謄本の写しを確認" });
    await changeRequestStatus(db, A, request.id, "in_progress", "staff:7");
    await withdrawRequest(db, A, request.id, "staff:7", "Shopper withdrew by phone");
    const timeline = await requestTimeline(db, A, request.id);
    expect(timeline.map((event) => [event.action, event.actor])).toEqual([
      ["received", "staff:7"],
      ["note_added", "staff:7"],
      ["agent_updated", "staff:7"],
      ["status_changed", "staff:7"],
      ["withdrawn", "staff:7"],
    ]);
    const stored = await db.privacyRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored).toMatchObject({ status: "withdrawn", isAgent: true, agentRelationship: "法定代理人（親権者）" });
    await expect(changeRequestStatus(db, A, request.id, "in_progress", "staff:7")).rejects.toThrow(/no longer change/);
  });
});
