// Downloads from the app's own routes. Inside the admin iframe a plain link would carry no session
// token, so the file is fetched (App Bridge adds the Bearer token to the app's fetches) and saved
// from a blob; a printable page opens in a new tab instead.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback, useState } from "react";

export async function downloadFile(url: string, options: { open?: boolean; fallbackName: string }) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  if (options.open) {
    window.open(href, "_blank", "noopener");
  } else {
    const link = document.createElement("a");
    link.href = href;
    link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? options.fallbackName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }
  // Revoked later: the browser may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/** `download(url)` saves the file, toasting `failedMessage` when the route refuses; `busy` is the url in flight. */
export function useDownload(failedMessage: string) {
  const shopify = useAppBridge();
  const [busy, setBusy] = useState<string | null>(null);
  const download = useCallback(
    async (url: string, options: { open?: boolean; fallbackName?: string } = {}) => {
      setBusy(url);
      try {
        await downloadFile(url, { open: options.open, fallbackName: options.fallbackName ?? "download" });
      } catch {
        shopify.toast.show(failedMessage, { isError: true });
      } finally {
        setBusy(null);
      }
    },
    [shopify, failedMessage],
  );
  return { download, busy };
}
