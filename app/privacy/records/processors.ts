// The register of processors and recipients abroad (APPI 28). It is the source of the policy's
// 外的環境の把握 statement: which countries hold customers' data and under which safeguards.
import type { Processor } from "#prisma/sqlite";
import type { Locale } from "../../i18n/locale";
import { auditRecords, type Client } from "./audit";
import { FormReader, parseJsonList, type FormInput, type Parsed } from "./validation";

import { PROCESSOR_ROLES, type ProcessorRole } from "./recordKinds";
import { countryName, inLanguage } from "./registerText";

export { countryName, inLanguage } from "./registerText";

export interface ProcessorInput {
  name: string;
  countries: string[];
  role: ProcessorRole;
  legalBasis: string;
  safeguards: string;
  dataKinds: string[];
}

export function parseProcessorInput(input: FormInput): Parsed<ProcessorInput> {
  const form = new FormReader(input);
  const countries = form.list("country", { required: true }).map((code) => code.toUpperCase());
  if (countries.some((code) => !/^[A-Z]{2}$/.test(code))) form.errors.country = "records.error.country";
  return form.result({
    name: form.text("name", { required: true, max: 200 }),
    countries,
    role: form.choice("role", PROCESSOR_ROLES),
    legalBasis: form.text("legalBasis", { max: 1000 }),
    safeguards: form.text("safeguards", { max: 2000 }),
    dataKinds: form.list("dataKinds"),
  });
}

/** Shopify and the services every Shopify shop relies on; the merchant adjusts them after seeding. */
export const SHOPIFY_SEED: ReadonlyArray<ProcessorInput & { seedKey: string }> = [
  {
    seedKey: "shopify",
    name: "Shopify International Limited / Shopify Inc.",
    countries: ["IE", "CA", "US"],
    role: "cloud",
    legalBasis:
      "クラウドサービスの利用（提供先が個人データを取り扱わない契約） / Cloud service under terms by which the provider does not handle the personal data for its own purposes",
    safeguards:
      "ISO/IEC 27001、PCI DSS レベル1、アクセス制御と暗号化 / ISO/IEC 27001, PCI DSS Level 1, access control and encryption",
    dataKinds: ["氏名 / name", "住所 / address", "メールアドレス / email", "電話番号 / phone", "注文履歴 / orders"],
  },
  {
    seedKey: "shopify_payments",
    name: "Shopify Payments (Stripe, Inc.)",
    countries: ["US"],
    role: "outsourcing",
    legalBasis:
      "委託先が基準に適合する体制を整備（施行規則16条） / The processor maintains a system meeting the standards of the enforcement rules (art. 16)",
    safeguards: "PCI DSS レベル1 / PCI DSS Level 1",
    dataKinds: ["決済情報 / payment details"],
  },
];

export async function seedShopifyProcessors(db: Client, shop: string, actor: string): Promise<number> {
  let added = 0;
  for (const { seedKey, ...input } of SHOPIFY_SEED) {
    const existing = await db.processor.findFirst({ where: { shop, seedKey } });
    if (existing) continue;
    await db.processor.create({ data: { shop, seedKey, ...processorData(input) } });
    added++;
  }
  await auditRecords(db, shop, actor, "processors.seeded", { added });
  return added;
}

function processorData(input: ProcessorInput) {
  return {
    name: input.name,
    country: input.countries.join(","),
    role: input.role,
    legalBasis: input.legalBasis,
    safeguards: input.safeguards,
    dataKinds: JSON.stringify(input.dataKinds),
  };
}

export async function createProcessor(db: Client, shop: string, input: ProcessorInput, actor: string): Promise<Processor> {
  const processor = await db.processor.create({ data: { shop, ...processorData(input) } });
  await auditRecords(db, shop, actor, "processor.created", { id: processor.id });
  return processor;
}

export async function updateProcessor(db: Client, shop: string, id: string, input: ProcessorInput, actor: string) {
  const existing = await db.processor.findFirst({ where: { shop, id } });
  if (!existing) return null;
  const processor = await db.processor.update({ where: { id: existing.id }, data: processorData(input) });
  await auditRecords(db, shop, actor, "processor.updated", { id });
  return processor;
}

export async function deleteProcessor(db: Client, shop: string, id: string, actor: string): Promise<boolean> {
  const { count } = await db.processor.deleteMany({ where: { shop, id } });
  if (count) await auditRecords(db, shop, actor, "processor.deleted", { id });
  return count > 0;
}

export function listProcessors(db: Client, shop: string) {
  return db.processor.findMany({ where: { shop }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] });
}

type RegisterEntry = Pick<Processor, "name" | "country" | "role" | "safeguards" | "dataKinds">;

/**
 * The policy's statement on foreign countries (APPI 32 with enforcement rule 10(6): 外的環境の把握),
 * generated from the register so the published text names every country the register names.
 * Plain text paragraphs separated by blank lines, ready for the policy editor to insert.
 */
export function foreignTransferStatement(processors: RegisterEntry[], locale: Locale): string {
  const abroad = processors.filter((p) => p.country.split(",").some((code) => code.trim() && code.trim() !== "JP"));
  const byCountry = new Map<string, string[]>();
  for (const processor of abroad) {
    for (const code of processor.country.split(",").map((c) => c.trim()).filter((c) => c && c !== "JP")) {
      byCountry.set(code, [...(byCountry.get(code) ?? []), processor.name]);
    }
  }
  const ja = locale === "ja";
  if (byCountry.size === 0) {
    return ja
      ? "当社は、個人データを外国において取り扱っておらず、外国にある第三者に提供していません。"
      : "We do not handle personal data in, or provide it to third parties in, any foreign country.";
  }
  const countries = [...byCountry.entries()].map(([code, names]) =>
    ja ? `・${countryName(code, locale)}（${names.join("、")}）` : `- ${countryName(code, locale)} (${names.join(", ")})`,
  );
  const safeguards = abroad
    .filter((p) => p.safeguards.trim())
    .map((p) => (ja ? `・${p.name}：${inLanguage(p.safeguards.trim(), locale)}` : `- ${p.name}: ${inLanguage(p.safeguards.trim(), locale)}`));
  const paragraphs = ja
    ? [
        "【外的環境の把握】当社は、以下の外国において個人データを取り扱い、または外国にある事業者に個人データの取扱いを委託しています。当社は、当該外国の個人情報の保護に関する制度を把握した上で、個人データの安全管理のために必要かつ適切な措置を講じています。",
        countries.join("\n"),
        "各国の制度については、個人情報保護委員会が公表する「外国における個人情報の保護に関する制度等の調査」をご参照ください。",
        ...(safeguards.length ? [`【委託先等における主な安全管理措置】\n${safeguards.join("\n")}`] : []),
      ]
    : [
        "Understanding the external environment: we handle personal data in, or entrust its handling to businesses located in, the foreign countries below. Knowing each country's system for protecting personal information, we take the measures needed to keep the data secure.",
        countries.join("\n"),
        "For each country's system, see the survey of foreign personal information protection systems published by Japan's Personal Information Protection Commission.",
        ...(safeguards.length ? [`Main safeguards at our processors:\n${safeguards.join("\n")}`] : []),
      ];
  return paragraphs.join("\n\n");
}

export function processorDataKinds(processor: Pick<Processor, "dataKinds">): string[] {
  return parseJsonList(processor.dataKinds);
}

/** The statement for a shop's current register: what the policy editor inserts. */
export async function foreignTransferStatementForShop(db: Client, shop: string, locale: Locale): Promise<string> {
  return foreignTransferStatement(await listProcessors(db, shop), locale);
}
