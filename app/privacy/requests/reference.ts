// The shape of a request's reference, "PD-<year>-<serial>", with no database or server code, so
// the list's search (also bundled for the browser through the list page) can spell references out.

/** A shop's `number`th request of `year` (Japan time), e.g. PD-2026-00042. */
export const formatReference = (year: number, number: number) => `PD-${year}-${String(number).padStart(5, "0")}`;
