// Refusals on a real database: the ground must fit the request, a purpose notice or an inquiry is
// never refused, and the notice quotes the ground (and the measure taken instead) in the person's
// language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { changeRequestStatus, refuseRequest } from "../../../app/privacy/requests/lifecycle";
import { RequestInputError } from "../../../app/privacy/requests/requestTypes";

const SHOP = "refusals.myshopify.com";
const STAFF = "staff:9";

describe(`refusal grounds on ${process.env.TEST_DATABASE ?? "sqlite"}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(undefined, "refusals");
  });
  afterAll(async () => {
    await database?.drop();
  });

  const request = (type: string, language = "ja") =>
    createPrivacyRequest(database.db, { shop: SHOP, type: type as "correction", source: "storefront", email: `${type}-${language}@example.jp`, language: language as "ja" }, "shopper");
  const refusalMail = (requestId: string) => database.db.outboundMail.findFirstOrThrow({ where: { requestId, kind: "refusal" } });

  it("refuses a correction only on 34's grounds and says no correction was made", async () => {
    const correction = await request("correction");
    await expect(
      refuseRequest(database.db, SHOP, correction.id, STAFF, { ground: "serious_business_disruption", explanation: "業務に支障があるためです。" }),
    ).rejects.toMatchObject({ code: "ground_not_for_type" });
    expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: correction.id } })).status).toBe("received");

    await refuseRequest(database.db, SHOP, correction.id, STAFF, { ground: "data_accurate", explanation: "ご登録のお名前はご本人確認書類と一致しています。" });
    const mail = await refusalMail(correction.id);
    expect(mail.body).toContain("理由: 当社が保有する個人データの内容が事実と異なることを確認できなかったため（訂正等は行っておりません）");
    expect(mail.body).toContain("ご登録のお名前はご本人確認書類と一致しています。");
    expect(mail.body).not.toMatch(/data_accurate|APPI/);
  });

  it("declines stopping use with the alternative measure it took, which must be stated, in English for an English request", async () => {
    const stopUse = await request("stop_use", "en");
    await expect(
      refuseRequest(database.db, SHOP, stopUse.id, STAFF, { ground: "alternative_measure", explanation: "Our order archive cannot be edited record by record." }),
    ).rejects.toBeInstanceOf(RequestInputError);
    await refuseRequest(database.db, SHOP, stopUse.id, STAFF, {
      ground: "alternative_measure",
      explanation: "Our order archive cannot be edited record by record.",
      measure: "We removed you from every mailing list and restricted access to your orders to two staff members.",
    });
    const mail = await refusalMail(stopUse.id);
    expect(mail.body).toContain("Reason: Stopping the use would be unreasonably costly or difficult, so we have taken another measure that protects your rights instead");
    expect(mail.body).toContain("The measure we have taken instead: We removed you from every mailing list");
    expect(mail.body).not.toMatch(/[ぁ-んァ-ン一-龥]/);
    const event = await database.db.requestEvent.findFirstOrThrow({ where: { requestId: stopUse.id, action: "refused" } });
    expect(JSON.parse(event.detail)).toMatchObject({ ground: "alternative_measure", measure: expect.stringContaining("mailing list") });
  });

  it("never refuses a purpose notice or an inquiry: they are answered", async () => {
    for (const type of ["purpose_notice", "inquiry"]) {
      const answered = await request(type);
      await changeRequestStatus(database.db, SHOP, answered.id, "in_progress", STAFF);
      await expect(
        refuseRequest(database.db, SHOP, answered.id, STAFF, { ground: "identity_not_confirmed", explanation: "ご本人確認ができませんでした。" }),
      ).rejects.toMatchObject({ code: "not_refusable" });
      expect((await database.db.privacyRequest.findUniqueOrThrow({ where: { id: answered.id } })).status).toBe("in_progress");
      expect(await database.db.outboundMail.count({ where: { requestId: answered.id, kind: "refusal" } })).toBe(0);
    }
  });

  it("still refuses a disclosure on 33(2)'s grounds, quoting the ground in Japanese", async () => {
    const disclosure = await request("disclosure");
    await refuseRequest(database.db, SHOP, disclosure.id, STAFF, { ground: "harm_to_person_or_third_party", explanation: "第三者の情報が含まれるためです。" });
    expect((await refusalMail(disclosure.id)).body).toContain("理由: ご本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがあるため");
  });
});
