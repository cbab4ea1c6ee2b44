// The fixed vocabularies of the records, shared by the domain and the admin's forms (this module
// imports nothing so the browser bundle can use it).
export const PROVISION_DIRECTIONS = ["provided", "received"] as const;
export type ProvisionDirection = (typeof PROVISION_DIRECTIONS)[number];
export const PROVISION_BASES = ["consent", "contract", "law", "other"] as const;
export type ProvisionBasis = (typeof PROVISION_BASES)[number];

export const PROCESSOR_ROLES = ["outsourcing", "provision", "cloud"] as const;
export type ProcessorRole = (typeof PROCESSOR_ROLES)[number];

export const NOTICE_STATUSES = ["not_started", "in_progress", "done", "not_required"] as const;
export const BREACH_STATUSES = ["open", "closed"] as const;
/** The PPC report form's fields that are not columns of their own. */
export const REPORT_FIELD_KEYS = ["secondaryHarm", "publicAnnouncement", "prevention", "otherMatters"] as const;
