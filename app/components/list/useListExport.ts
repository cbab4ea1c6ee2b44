// A list page's CSV export: the rows its filters show, every page of them, in the reader's
// language or (form "codes") with the stored codes for spreadsheets that match on them.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useState } from "react";
import type { Locale } from "../../i18n";
import { downloadFile } from "../desk/useDownload";

export interface ListExport {
  /** The export route, e.g. "/app/consent/export". */
  path: string;
  /** Query keys of the page that do not filter (paging, chart period), left out of the export. */
  dropKeys: readonly string[];
  fallbackName: string;
  done: string;
  failed: string;
}

export function useListExport(params: URLSearchParams, locale: Locale, spec: ListExport) {
  const shopify = useAppBridge();
  const [exporting, setExporting] = useState(false);
  const exportCsv = async (form: "readable" | "codes") => {
    setExporting(true);
    try {
      const query = new URLSearchParams(params);
      for (const key of spec.dropKeys) query.delete(key);
      query.set("locale", locale);
      if (form === "codes") query.set("form", "codes");
      await downloadFile(`${spec.path}?${query}`, { fallbackName: spec.fallbackName });
      shopify.toast.show(spec.done);
    } catch {
      shopify.toast.show(spec.failed, { isError: true });
    } finally {
      setExporting(false);
    }
  };
  return { exporting, exportCsv };
}
