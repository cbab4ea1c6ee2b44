// The disclosure package handed to the person: what Shopify holds (profile, addresses, consent,
// orders) and what the app itself holds, as JSON and as a long CSV for programs, and as a letter in
// the person's language (disclosureLetter.ts).
import { collectCustomerData, type CustomerDataExport } from "../customerDataExport";
import { CSV_BOM, csvLine } from "../csv";
import type { Db } from "../../db.factory";
import type { ShopifyCustomerData } from "./shopifyCustomerData";

export interface DisclosurePackage {
  reference: string;
  shop: string;
  businessName: string;
  language: "ja" | "en";
  deliveryMethod: string;
  generatedAt: string;
  /** null when Shopify holds no customer record for the person. */
  shopify: ShopifyCustomerData | null;
  appRecords: CustomerDataExport;
}

export interface PackageSubject {
  shop: string;
  reference: string;
  language: string;
  deliveryMethod: string;
  shopifyCustomerId: string;
}

export async function assembleDisclosurePackage(
  db: Db,
  subject: PackageSubject,
  shopify: ShopifyCustomerData | null,
  businessName: string,
  now = new Date(),
): Promise<DisclosurePackage> {
  return {
    reference: subject.reference,
    shop: subject.shop,
    businessName,
    language: subject.language === "en" ? "en" : "ja",
    deliveryMethod: subject.deliveryMethod,
    generatedAt: now.toISOString(),
    shopify,
    appRecords: await collectCustomerData(db, subject.shop, subject.shopifyCustomerId, now),
  };
}

export const packageJson = (pkg: DisclosurePackage) => JSON.stringify(pkg, null, 2);

const flat = (value: unknown): string | number | boolean | null =>
  value === null || value === undefined ? null : typeof value === "object" ? JSON.stringify(value) : (value as string | number | boolean);

/** Long CSV (section, record, field, value), BOM first so spreadsheet programs read Japanese. */
export function packageCsv(pkg: DisclosurePackage): string {
  const lines = [CSV_BOM + csvLine(["section", "record_id", "field", "value"])];
  const add = (section: string, id: string, row: object) => {
    for (const [field, value] of Object.entries(row)) lines.push(csvLine([section, id, field, flat(value)]));
  };
  if (pkg.shopify) {
    const { addresses, defaultAddress, emailMarketingConsent, smsMarketingConsent, ...profile } = pkg.shopify.customer;
    add("customer", profile.id, profile);
    if (defaultAddress) add("default_address", profile.id, defaultAddress);
    addresses.forEach((address, index) => add("address", String(index + 1), address));
    if (emailMarketingConsent) add("email_marketing_consent", profile.id, emailMarketingConsent);
    if (smsMarketingConsent) add("sms_marketing_consent", profile.id, smsMarketingConsent);
    if (pkg.shopify.orderCoverage) add("order_coverage", profile.id, pkg.shopify.orderCoverage);
    for (const order of pkg.shopify.orders) {
      const { lineItems, shippingAddress, billingAddress, total, ...rest } = order;
      add("order", order.name, { ...rest, total: total ? `${total.amount} ${total.currencyCode}` : null });
      if (shippingAddress) add("order_shipping_address", order.name, shippingAddress);
      if (billingAddress) add("order_billing_address", order.name, billingAddress);
      lineItems.forEach((line, index) => add("order_line_item", `${order.name}/${index + 1}`, line));
    }
  }
  const app = pkg.appRecords;
  for (const { timeline, messages, ...request } of app.requests) {
    add("app_request", String(request.id ?? ""), request);
    for (const event of timeline) add("app_request_timeline", String(event.id ?? ""), event);
    for (const message of messages) add("app_request_message", String(message.id ?? ""), message);
  }
  for (const record of app.consentRecords) add("app_consent_record", String(record.id ?? ""), record);
  for (const record of app.formSubmissions) add("app_form_submission", String(record.id ?? ""), record);
  for (const record of app.provisionRecords) add("app_provision_record", String(record.id ?? ""), record);
  return lines.join("");
}

// The printable page is the letter (disclosureLetter.ts).
export { packageHtml, type LetterContext } from "./disclosureLetter";
