// Disclosure packages: public API for the request page and its download routes.
export { startDisclosureJob, runNextDisclosureJob, disclosureJobStatus, latestDisclosurePackage, DISCLOSURE_JOB, type DisclosureJobStatus } from "./disclosureJob";
export { packageJson, packageCsv, packageHtml, type DisclosurePackage } from "./disclosurePackage";
export { letterContext, type LetterContext } from "./disclosureLetter";
export { fetchShopifyCustomerData, ordersPageSize, ORDER_WINDOW_DAYS, type OrderCoverage } from "./shopifyCustomerData";
