// Staff names as the desk shows them: family name first for a name in Japanese script, else given first;
// looked up per shop only (the same Shopify user id in another shop is another record); asked for
// again once the stored name is a week old; an actor that is not one staff member has no name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../../support/database";
import { actorLabel } from "../../../app/components/desk/labels";
import { translate } from "../../../app/i18n";
import {
  formatStaffName,
  formatStaffNames,
  recordStaffName,
  STAFF_NAME_MAX_AGE_MS,
  staffNamesFor,
  staffNameWanted,
  staffUserId,
} from "../../../app/privacy/desk/staffNames";

const SHOP = "staff-names.myshopify.com";
const OTHER = "staff-names-other.myshopify.com";

describe("formatting", () => {
  it("writes a name in Japanese script family name first and any other given name first, whatever the page's language", () => {
    expect(formatStaffName({ firstName: "美咲", lastName: "井上" })).toBe("井上 美咲");
    expect(formatStaffName({ firstName: "みさき", lastName: "イノウエ" })).toBe("イノウエ みさき");
    expect(formatStaffName({ firstName: "Emma", lastName: "Fischer" })).toBe("Emma Fischer");
    expect(formatStaffName({ firstName: "Emma", lastName: "" })).toBe("Emma");
  });

  it("labels a named staff member by name and an unnamed one as staff, never by id", () => {
    const names = formatStaffNames({ "staff:42": { firstName: "美咲", lastName: "井上" } });
    const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate("ja", key, vars);
    expect(actorLabel(t, "staff:42", names)).toBe("井上 美咲");
    expect(actorLabel(t, "staff:77", names)).toBe("スタッフ");
    expect(actorLabel(t, "staff:77", names)).not.toContain("77");
    expect(actorLabel(t, "shopper", names)).toBe("お客様");
  });

  it("reads the user id only from a staff actor", () => {
    expect(staffUserId("staff:42")).toBe("42");
    expect(staffUserId("staff")).toBeNull();
    expect(staffUserId("staff:app")).toBeNull();
    expect(staffUserId("customer:42")).toBeNull();
  });
});

describe.each<DatabaseKind>(["sqlite", "postgres"])("stored names on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, "staff_names");
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("keeps one name per shop and user, and returns only the shop's own", async () => {
    await recordStaffName(database.db, SHOP, "42", { firstName: "美咲", lastName: "井上" });
    await recordStaffName(database.db, OTHER, "42", { firstName: "一郎", lastName: "別所" });
    await recordStaffName(database.db, SHOP, "42", { firstName: "美咲", lastName: "井上（旧姓 林）" });
    expect(await staffNamesFor(database.db, SHOP, ["staff:42", "staff:43", "shopper", null])).toEqual({ "staff:42": { firstName: "美咲", lastName: "井上（旧姓 林）" } });
    expect(await staffNamesFor(database.db, OTHER, ["staff:42"])).toEqual({ "staff:42": { firstName: "一郎", lastName: "別所" } });
    expect(await staffNamesFor(database.db, SHOP, [])).toEqual({});
  });

  it("asks for a name it lacks or that is a week old, not for a fresh one", async () => {
    expect(await staffNameWanted(database.db, SHOP, "43")).toBe(true);
    expect(await staffNameWanted(database.db, SHOP, "42")).toBe(false);
    const later = new Date(Date.now() + STAFF_NAME_MAX_AGE_MS + 60_000);
    expect(await staffNameWanted(database.db, SHOP, "42", later)).toBe(true);
  });

  it("stores nothing for an empty name", async () => {
    await recordStaffName(database.db, SHOP, "44", { firstName: " ", lastName: "" });
    expect(await database.db.staffMember.count({ where: { shop: SHOP, userId: "44" } })).toBe(0);
  });
});
