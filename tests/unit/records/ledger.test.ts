import { describe, expect, it } from "vitest";
import { retentionEndsAt } from "../../../app/privacy/records/retention";
import { parseProvisionInput } from "../../../app/privacy/records/provisionLedger";
import { foreignTransferStatement, parseProcessorInput, SHOPIFY_SEED } from "../../../app/privacy/records/processors";
import { buildProvisionPackage, type DisclosedProvision } from "../../../app/privacy/records/provisionDisclosure";
import { parseBreachInput } from "../../../app/privacy/records/breaches";

describe("retention of provision records", () => {
  it("runs 3 years from the last provision, 1 year where a contract serves as the record", () => {
    const last = new Date("2026-05-20T03:00:00Z");
    expect(retentionEndsAt(last, false).toISOString()).toBe("2029-05-20T03:00:00.000Z");
    expect(retentionEndsAt(last, true).toISOString()).toBe("2027-05-20T03:00:00.000Z");
  });

  it("never ends early for a provision on 29 February", () => {
    expect(retentionEndsAt(new Date("2028-02-29T00:00:00Z"), true).toISOString()).toBe("2029-03-01T00:00:00.000Z");
  });
});

const valid = {
  direction: "provided",
  firstProvidedAt: "2026-06-01",
  counterpartyName: "株式会社ギフト便",
  subjectLabel: "佐藤 花子",
  items: "氏名、住所\n電話番号",
  basis: "consent",
};

describe("provision record input", () => {
  it("reads a one-off provision as a single Tokyo day and splits items", () => {
    const parsed = parseProvisionInput({ ...valid, lastProvidedAt: "2026-07-01" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.firstProvidedAt.toISOString()).toBe("2026-05-31T15:00:00.000Z");
    // Not continuous: the last date is the first.
    expect(parsed.value.lastProvidedAt).toEqual(parsed.value.firstProvidedAt);
    expect(parsed.value.items).toEqual(["氏名", "住所", "電話番号"]);
  });

  it.each([
    [{ counterpartyName: "" }, "counterpartyName", "records.error.required"],
    [{ items: " " }, "items", "records.error.required"],
    [{ basis: "because" }, "basis", "records.error.choice"],
    [{ direction: "sideways" }, "direction", "records.error.choice"],
    [{ firstProvidedAt: "yesterday" }, "firstProvidedAt", "records.error.date"],
    [{ continuous: "true", lastProvidedAt: "2026-05-01" }, "lastProvidedAt", "records.error.dateOrder"],
    [{ shopifyCustomerId: "gid://shopify/Customer/1" }, "shopifyCustomerId", "records.error.customerId"],
    [{ subjectEmail: "not-an-email" }, "subjectEmail", "records.error.email"],
    [{ subjectLabel: "" }, "subjectLabel", "records.error.subject"],
  ])("refuses %j", (override, field, key) => {
    const parsed = parseProvisionInput({ ...valid, ...override });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[field]).toBe(key);
  });
});

describe("breach input", () => {
  it("refuses an occurrence after the discovery and a negative head count", () => {
    const parsed = parseBreachInput({ title: "x", discoveredAt: "2026-06-01", occurredAt: "2026-06-02", peopleCount: "-3" });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toMatchObject({ occurredAt: "records.error.occurredAfterDiscovery", peopleCount: "records.error.number" });
  });
});

describe("foreign-transfer statement generated from the register", () => {
  const register = [
    { name: "Shopify", country: "CA,US", role: "cloud", safeguards: "ISO/IEC 27001", dataKinds: "[]" },
    { name: "Mail Co", country: "US", role: "outsourcing", safeguards: "", dataKinds: "[]" },
    { name: "ヤマト運輸", country: "JP", role: "outsourcing", safeguards: "", dataKinds: "[]" },
  ];

  it("names every foreign country with its processors, in Japanese and in English", () => {
    const ja = foreignTransferStatement(register, "ja");
    expect(ja).toContain("外的環境の把握");
    expect(ja).toContain("カナダ（Shopify）");
    expect(ja).toContain("アメリカ合衆国（Shopify、Mail Co）");
    expect(ja).toContain("Shopify：ISO/IEC 27001");
    expect(ja).not.toContain("ヤマト運輸");
    const en = foreignTransferStatement(register, "en");
    expect(en).toContain("Canada (Shopify)");
    expect(en).toContain("United States (Shopify, Mail Co)");
  });

  it("says data stays in Japan when no processor is abroad", () => {
    expect(foreignTransferStatement([register[2]], "ja")).toContain("外国において取り扱っておらず");
    expect(foreignTransferStatement([], "en")).toContain("We do not handle personal data in");
  });

  it("seeds Shopify with countries the processor form accepts", () => {
    for (const seed of SHOPIFY_SEED) {
      const parsed = parseProcessorInput({
        name: seed.name,
        role: seed.role,
        legalBasis: seed.legalBasis,
        safeguards: seed.safeguards,
        country: seed.countries.join(", "),
        dataKinds: seed.dataKinds.join("\n"),
      });
      expect(parsed.ok, seed.name).toBe(true);
    }
    expect(parseProcessorInput({ name: "x", country: "Canada", role: "cloud" }).ok).toBe(false);
  });
});

describe("provision disclosure package", () => {
  const record: DisclosedProvision = {
    direction: "provided",
    firstProvidedAt: "2026-02-02",
    lastProvidedAt: "2026-05-20",
    continuous: true,
    counterpartyName: '株式会社"ギフト",便',
    counterpartyAddress: "<script>alert(1)</script>",
    counterpartyRepresentative: "",
    items: ["氏名", "住所"],
    basis: "consent",
    basisNote: "",
    acquisitionNote: "",
  };
  const options = { locale: "ja" as const, reference: "PD-2026-00001", issuedAt: new Date("2026-06-01T00:00:00Z") };

  it("quotes CSV cells and starts with a byte-order mark", () => {
    const csv = buildProvisionPackage([record], { ...options, format: "csv" });
    expect(csv.body.startsWith("\uFEFF区分,提供年月日")).toBe(true);
    expect(csv.body).toContain('"株式会社""ギフト"",便"');
    expect(csv.body).toContain("2026-02-02 – 2026-05-20");
    expect(csv.filename).toBe("provision-records-PD-2026-00001.csv");
  });

  it("escapes the printable page", () => {
    const html = buildProvisionPackage([record], { ...options, format: "html" }).body;
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("本人の同意");
  });
});

describe("date input", () => {
  it("reads a datetime-local value as Tokyo wall-clock time, so GDPR's 72 hours start at the hour", () => {
    const parsed = parseBreachInput({ title: "x", discoveredAt: "2026-06-01T18:30" });
    expect(parsed.ok && parsed.value.discoveredAt.toISOString()).toBe("2026-06-01T09:30:00.000Z");
  });
});
