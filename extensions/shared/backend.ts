// The app's backend as the UI extensions call it: JSON over fetch with the session token Shopify
// gives the extension, and an answer that says whether it worked and, if not, the app's error code.
export type Answer<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: string };

export async function callBackend<T>(url: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<Answer<T>> {
  try {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        Accept: "application/json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const json = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) return { ok: false, status: response.status, error: json.error ?? "failed" };
    return { ok: true, status: response.status, data: json as T };
  } catch {
    return { ok: false, status: 0, error: "network" };
  }
}

/** The numeric id in a Shopify GID (gid://shopify/Customer/123 → "123"). */
export const legacyId = (gid: string | undefined) => (gid ?? "").split("/").pop() ?? "";

export const REQUEST_TYPES = ["disclosure", "provision_records", "correction", "stop_use", "purpose_notice", "inquiry"] as const;
