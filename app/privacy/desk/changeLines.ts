// The manual-entry form's corrections: one labelled input per field Shopify lets us correct
// (`change.<field>`), so staff never type field codes. Only the fields filled in are requested.
import { CORRECTABLE_FIELDS, type CorrectableField } from "../requests/requestTypes";

export const changeInputName = (field: CorrectableField) => `change.${field}`;

export function requestedChangesFromForm(read: (name: string) => string): Partial<Record<CorrectableField, string>> {
  const changes: Partial<Record<CorrectableField, string>> = {};
  for (const field of CORRECTABLE_FIELDS) {
    const value = read(changeInputName(field)).trim();
    if (value) changes[field] = value;
  }
  return changes;
}
