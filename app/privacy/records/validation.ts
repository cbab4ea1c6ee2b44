// Form input for the records, checked before anything is written. Errors are catalogue keys so
// the admin can show them in the staff member's language.
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export type FormInput = Record<string, string | undefined>;

export class FormReader {
  readonly errors: FieldErrors = {};
  constructor(private readonly input: FormInput) {}

  text(field: string, { required = false, max = 2000 } = {}): string {
    const value = (this.input[field] ?? "").trim();
    if (required && !value) this.errors[field] = "records.error.required";
    else if (value.length > max) this.errors[field] = "records.error.tooLong";
    return value;
  }

  choice<T extends string>(field: string, allowed: readonly T[]): T {
    const value = (this.input[field] ?? "").trim();
    if (!(allowed as readonly string[]).includes(value)) this.errors[field] = "records.error.choice";
    return value as T;
  }

  flag(field: string): boolean {
    const value = this.input[field];
    return value === "true" || value === "on" || value === "1";
  }

  /**
   * A calendar date ("YYYY-MM-DD", the start of that Tokyo day), a Tokyo wall-clock time
   * ("YYYY-MM-DDTHH:mm", as a datetime-local input sends it) or a full ISO instant.
   */
  date(field: string, { required = false } = {}): Date | null {
    const value = (this.input[field] ?? "").trim();
    if (!value) {
      if (required) this.errors[field] = "records.error.required";
      return null;
    }
    const instant = /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00+09:00`)
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)
        ? new Date(`${value}:00+09:00`)
        : new Date(value);
    if (Number.isNaN(instant.getTime())) {
      this.errors[field] = "records.error.date";
      return null;
    }
    return instant;
  }

  integer(field: string, { min = 0, max = 1_000_000_000 } = {}): number {
    const value = (this.input[field] ?? "").trim();
    if (!value) return 0;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) this.errors[field] = "records.error.number";
    return Number.isInteger(number) ? number : 0;
  }

  /** A list typed one per line or comma separated. */
  list(field: string, { required = false } = {}): string[] {
    const items = (this.input[field] ?? "")
      .split(/[\n,、]/)
      .map((item) => item.trim())
      .filter(Boolean);
    if (required && items.length === 0) this.errors[field] = "records.error.required";
    if (items.some((item) => item.length > 200)) this.errors[field] = "records.error.tooLong";
    return items;
  }

  result<T>(value: T): Parsed<T> {
    return Object.keys(this.errors).length ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

export function parseJsonList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}
