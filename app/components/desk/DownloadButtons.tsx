// A row of download buttons for one route that answers several formats (?format=...).
import { Button, InlineStack } from "@shopify/polaris";
import { useDownload } from "./useDownload";

export interface DownloadFormat {
  format: string;
  label: string;
  /** Opens in a new tab (a printable page) instead of saving. */
  open?: boolean;
}

export function DownloadButtons({ url, formats, failedMessage, fallbackName }: { url: string; formats: DownloadFormat[]; failedMessage: string; fallbackName: string }) {
  const { download, busy } = useDownload(failedMessage);
  const separator = url.includes("?") ? "&" : "?";
  return (
    <InlineStack gap="200">
      {formats.map(({ format, label, open }) => {
        const target = `${url}${separator}format=${format}`;
        return (
          <Button key={format} onClick={() => download(target, { open, fallbackName: `${fallbackName}.${format}` })} loading={busy === target} disabled={busy !== null && busy !== target}>
            {label}
          </Button>
        );
      })}
    </InlineStack>
  );
}
