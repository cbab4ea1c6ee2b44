// Disclosure of third-party provision records to the person they concern (APPI 33(5)). The person
// sees what the ledger records about provision of their data (dates, counterparty, items, basis)
// but not staff notes. Records are matched by Shopify customer id and by keyed email hash.
import type { ProvisionRecord } from "#prisma/sqlite";
import type { Locale } from "../../i18n/locale";
import { CSV_BOM, csvLine } from "../csv";
import { emailSubjectHashes } from "../keyedHash";
import { auditRecords, type Client } from "./audit";
import { parseJsonList } from "./validation";
import { tokyoDateString } from "./workingDays";

export interface ProvisionSubject {
  shopifyCustomerId?: string | null;
  email?: string | null;
}

export interface DisclosedProvision {
  direction: "provided" | "received";
  firstProvidedAt: string;
  lastProvidedAt: string;
  continuous: boolean;
  counterpartyName: string;
  counterpartyAddress: string;
  counterpartyRepresentative: string;
  items: string[];
  basis: string;
  basisNote: string;
  acquisitionNote: string;
}

export async function provisionRecordsFor(db: Client, shop: string, subject: ProvisionSubject): Promise<ProvisionRecord[]> {
  const match = [
    ...(subject.shopifyCustomerId ? [{ shopifyCustomerId: String(subject.shopifyCustomerId) }] : []),
    ...(subject.email?.trim() ? [{ subjectHash: { in: emailSubjectHashes(shop, subject.email) } }] : []),
  ];
  if (match.length === 0) return [];
  return db.provisionRecord.findMany({ where: { shop, OR: match }, orderBy: [{ firstProvidedAt: "asc" }, { id: "asc" }] });
}

export function disclosedProvision(record: ProvisionRecord): DisclosedProvision {
  return {
    direction: record.direction === "received" ? "received" : "provided",
    firstProvidedAt: tokyoDateString(record.firstProvidedAt),
    lastProvidedAt: tokyoDateString(record.lastProvidedAt),
    continuous: record.continuous,
    counterpartyName: record.counterpartyName,
    counterpartyAddress: record.counterpartyAddress,
    counterpartyRepresentative: record.counterpartyRepresentative,
    items: parseJsonList(record.items),
    basis: record.basis,
    basisNote: record.basisNote,
    acquisitionNote: record.acquisitionNote,
  };
}

export const PACKAGE_FORMATS = ["json", "csv", "html"] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

const LABELS = {
  ja: {
    title: "第三者提供記録の開示",
    reference: "受付番号",
    issuedOn: "作成日",
    none: "お客様の個人データを第三者に提供した記録、または第三者から受領した記録はありません。",
    direction: "区分",
    provided: "第三者への提供",
    received: "第三者からの受領",
    period: "提供年月日",
    continuous: "継続的な提供",
    counterpartyName: "相手方の氏名又は名称",
    counterpartyAddress: "住所",
    counterpartyRepresentative: "代表者",
    items: "個人データの項目",
    basis: "根拠",
    basisNote: "根拠の補足",
    acquisitionNote: "相手方による取得の経緯",
    consent: "本人の同意",
    contract: "契約",
    law: "法令に基づく",
    other: "その他",
    yes: "はい",
    no: "いいえ",
  },
  en: {
    title: "Disclosure of third-party provision records",
    reference: "Reference",
    issuedOn: "Issued on",
    none: "We hold no record of providing your personal data to, or receiving it from, a third party.",
    direction: "Kind",
    provided: "Provided to a third party",
    received: "Received from a third party",
    period: "Date(s) of provision",
    continuous: "Continuous provision",
    counterpartyName: "Name of the other party",
    counterpartyAddress: "Address",
    counterpartyRepresentative: "Representative",
    items: "Items of personal data",
    basis: "Basis",
    basisNote: "About the basis",
    acquisitionNote: "How the other party obtained the data",
    consent: "Your consent",
    contract: "Contract",
    law: "Required or permitted by law",
    other: "Other",
    yes: "Yes",
    no: "No",
  },
} as const;

type Label = keyof (typeof LABELS)["ja"];

export interface ProvisionPackage {
  filename: string;
  contentType: string;
  body: string;
}

const COLUMNS: ReadonlyArray<[Label, (record: DisclosedProvision, locale: Locale) => string]> = [
  ["direction", (r, locale) => LABELS[locale][r.direction]],
  ["period", (r) => (r.firstProvidedAt === r.lastProvidedAt ? r.firstProvidedAt : `${r.firstProvidedAt} – ${r.lastProvidedAt}`)],
  ["continuous", (r, locale) => LABELS[locale][r.continuous ? "yes" : "no"]],
  ["counterpartyName", (r) => r.counterpartyName],
  ["counterpartyAddress", (r) => r.counterpartyAddress],
  ["counterpartyRepresentative", (r) => r.counterpartyRepresentative],
  ["items", (r, locale) => r.items.join(locale === "ja" ? "、" : ", ")],
  ["basis", (r, locale) => (Object.hasOwn(LABELS[locale], r.basis) ? LABELS[locale][r.basis as Label] : r.basis)],
  ["basisNote", (r) => r.basisNote],
  ["acquisitionNote", (r) => r.acquisitionNote],
];

const html = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function buildProvisionPackage(
  records: DisclosedProvision[],
  options: { format: PackageFormat; locale: Locale; reference: string; issuedAt: Date },
): ProvisionPackage {
  const { format, locale, reference } = options;
  const l = (key: Label) => LABELS[locale][key];
  const issuedOn = tokyoDateString(options.issuedAt);
  const base = `provision-records-${reference}`;
  if (format === "json") {
    const body = JSON.stringify({ title: l("title"), reference, issuedOn, language: locale, records }, null, 2);
    return { filename: `${base}.json`, contentType: "application/json; charset=utf-8", body };
  }
  const table = records.map((record) => COLUMNS.map(([label, value]) => [l(label), value(record, locale)] as const));
  if (format === "csv") {
    const names = COLUMNS.map(([label]) => l(label));
    const lines = [names, ...table.map((row) => row.map(([, value]) => value))].map(csvLine);
    // A byte-order mark so spreadsheet software opens Japanese text as UTF-8.
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: CSV_BOM + lines.join("") };
  }
  const sections = table.length
    ? table
        .map((row, index) => `<section><h2>${index + 1}</h2><table>${row.map(([name, value]) => `<tr><th>${html(name)}</th><td>${html(value)}</td></tr>`).join("")}</table></section>`)
        .join("\n")
    : `<p>${html(l("none"))}</p>`;
  const body = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${html(l("title"))}</title>
<style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{border:1px solid #999;padding:.4rem;text-align:left;vertical-align:top}th{width:14rem;background:#f3f3f3}@media print{body{margin:0}}</style>
</head><body><h1>${html(l("title"))}</h1><p>${html(l("reference"))}: ${html(reference)}<br>${html(l("issuedOn"))}: ${issuedOn}</p>
${sections}
</body></html>
`;
  return { filename: `${base}.html`, contentType: "text/html; charset=utf-8", body };
}

/**
 * The package for a provision-records (or disclosure) request of this shop; null when the id is
 * not such a request of the shop. The desk calls this to attach or send the records.
 */
export async function provisionDisclosureForRequest(
  db: Client,
  shop: string,
  requestId: string,
  options: { format: PackageFormat; locale?: Locale; actor: string; now?: Date },
): Promise<ProvisionPackage | null> {
  const request = await db.privacyRequest.findFirst({
    where: { shop, id: requestId, type: { in: ["provision_records", "disclosure"] } },
  });
  if (!request) return null;
  const records = await provisionRecordsFor(db, shop, { shopifyCustomerId: request.shopifyCustomerId, email: request.email });
  const locale: Locale = options.locale ?? (request.language === "en" ? "en" : "ja");
  const built = buildProvisionPackage(records.map(disclosedProvision), {
    format: options.format,
    locale,
    reference: request.reference,
    issuedAt: options.now ?? new Date(),
  });
  await auditRecords(db, shop, options.actor, "provision.disclosed", { requestId, records: records.length, format: options.format });
  return built;
}
