// Issue 11, point 10: every CSV the app hands out (requests, consent ledger, customer data,
// disclosure package, provision-records disclosure) is written by app/privacy/csv.ts, and a value a
// shopper or staff member typed that starts with = + - @ (half- or full-width), a tab or a carriage
// return never reaches a spreadsheet as a formula. Rows are written with such values everywhere
// they can go, each export is produced from the database, and every cell is checked.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, root, type TestDatabase } from "../../support/database";
import { createPrivacyRequest } from "../../../app/privacy/requests/createRequest";
import { recordConsent } from "../../../app/privacy/consent/ledger";
import { requestsCsv } from "../../../app/privacy/desk/requestCsv";
import { parseRequestListQuery } from "../../../app/privacy/desk/requestList";
import { consentCsv } from "../../../app/privacy/consent/consentCsv";
import { collectCustomerData, customerDataCsv } from "../../../app/privacy/customerDataExport";
import { packageCsv } from "../../../app/privacy/disclosure/disclosurePackage";
import { provisionDisclosureForRequest } from "../../../app/privacy/records/provisionDisclosure";
import { customerHash } from "../../../app/privacy/keyedHash";

const SHOP = "csv-injection.myshopify.com";
const CUSTOMER = "1009";
const FORMULAS = ["=HYPERLINK(\"http://x\")", "+81 90", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1", "＋1", "－1", "＠SUM(A1)"];
const DANGEROUS = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** RFC 4180 cells of a CSV text (quoted cells may hold commas, quotes and line breaks). */
function cells(csv: string): string[] {
  const out: string[] = [];
  const text = csv.replace(/^\uFEFF/, "");
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
      out.push(value);
    } else {
      let end = i;
      while (end < text.length && text[end] !== "," && !(text[end] === "\r" && text[end + 1] === "\n")) end++;
      out.push(text.slice(i, end));
      i = end;
    }
    if (text[i] === ",") i++;
    else if (text[i] === "\r" && text[i + 1] === "\n") i += 2;
  }
  return out;
}

const collect = async (chunks: AsyncIterable<string>) => {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
};

describe.each(["sqlite", "postgres"] as const)("no CSV export carries a formula, on %s", (kind) => {
  let database: TestDatabase;
  let requestId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind, "csvinject");
    const db = database.db;
    const request = await createPrivacyRequest(
      db,
      {
        shop: SHOP,
        type: "disclosure",
        source: "storefront",
        customerName: FORMULAS[0],
        email: "formula@example.jp",
        phone: "+81 90 1234 5678",
        orderName: FORMULAS[6],
        message: FORMULAS.join(" "),
        isAgent: true,
        agentName: FORMULAS[3],
        agentRelationship: FORMULAS[9],
        shopifyCustomerId: CUSTOMER,
      },
      "shopper",
    );
    requestId = request.id;
    await recordConsent(db, { shop: SHOP, shopifyCustomerId: CUSTOMER, kind: "email_marketing", granted: true, source: "shopify_webhook", choiceAt: new Date(), evidence: FORMULAS[4] });
    await db.provisionRecord.create({
      data: {
        shop: SHOP,
        direction: "provided",
        firstProvidedAt: new Date(),
        lastProvidedAt: new Date(),
        counterpartyName: FORMULAS[7],
        counterpartyAddress: FORMULAS[5],
        counterpartyRepresentative: FORMULAS[8],
        shopifyCustomerId: CUSTOMER,
        subjectHash: customerHash(SHOP, CUSTOMER),
        items: JSON.stringify([FORMULAS[1], FORMULAS[2]]),
        basis: "consent",
        basisNote: FORMULAS[0],
        retentionEndsAt: new Date(Date.now() + 86_400_000),
        notes: FORMULAS[3],
      },
    });
  }, 60_000);
  afterAll(async () => {
    await database?.drop();
  });

  it("neutralises every cell of every export, readable and codes forms alike", async () => {
    const db = database.db;
    const exports: Record<string, string> = {
      "requests (readable)": await collect(requestsCsv(db, SHOP, parseRequestListQuery(new URLSearchParams()), new Date(), { form: "readable", locale: "ja" })),
      "requests (codes)": await collect(requestsCsv(db, SHOP, parseRequestListQuery(new URLSearchParams()), new Date(), { form: "codes" })),
      "consent (readable)": await collect(consentCsv(db, SHOP, {}, "en")),
      "consent (codes)": await collect(consentCsv(db, SHOP, {}, "ja", { form: "codes" })),
      "customer data": customerDataCsv(await collectCustomerData(db, SHOP, CUSTOMER)),
      "provision disclosure": (await provisionDisclosureForRequest(db, SHOP, requestId, { format: "csv", actor: "staff:1" }))!.body,
    };
    // The disclosure package's CSV, from the customer data the package carries.
    const data = await collectCustomerData(db, SHOP, CUSTOMER);
    exports["disclosure package"] = packageCsv({ appRecords: data } as unknown as Parameters<typeof packageCsv>[0]);
    for (const [name, csv] of Object.entries(exports)) {
      const all = cells(csv);
      expect(all.length, name).toBeGreaterThan(4);
      const dangerous = all.filter((cell) => DANGEROUS.test(cell));
      expect(dangerous, name).toEqual([]);
    }
    // The typed values are there, each behind an apostrophe.
    expect(exports["requests (codes)"]).toContain("'=HYPERLINK");
    expect(exports["provision disclosure"]).toContain(`'${FORMULAS[7]}`);
    expect(exports["customer data"]).toContain(`'${FORMULAS[9]}`);
  });
});

describe("the CSV writer", () => {
  it("is the only one: every app module that makes a CSV uses app/privacy/csv.ts", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name)) files.push(file);
      }
    };
    walk(path.join(root, "app"));
    const writers = files.filter((file) => !file.endsWith(path.join("privacy", "csv.ts")) && /csvLine|csvCell|CSV_BOM/.test(readFileSync(file, "utf8")));
    for (const file of writers) expect(readFileSync(file, "utf8"), file).toMatch(/from "(\.\.?\/)+(privacy\/)?csv"/);
    // Nothing else quotes CSV cells by hand.
    const byHand = files.filter((file) => !file.endsWith(path.join("privacy", "csv.ts")) && /replace\(\/"\/g, '""'\)/.test(readFileSync(file, "utf8")));
    expect(byHand).toEqual([]);
  });
});
