import { useCallback, useState } from "react";
import { useSubmit } from "@remix-run/react";

/** Controlled form values for Polaris fields, submitted as a Remix form post. */
export function useRecordForm(initial: Record<string, string>) {
  const [values, setValues] = useState(initial);
  const submit = useSubmit();
  const field = useCallback((name: string) => ({ value: values[name] ?? "", onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })) }), [values]);
  const checkbox = useCallback(
    (name: string) => ({ checked: values[name] === "true", onChange: (checked: boolean) => setValues((v) => ({ ...v, [name]: String(checked) })) }),
    [values],
  );
  const save = (extra: Record<string, string> = {}) => submit({ ...values, ...extra }, { method: "post" });
  return { values, field, checkbox, save };
}
