// Consent codes (kind, source, subject type) in the reader's language.
import type { MessageKey } from "../../i18n";
import { useT } from "../../i18n/react";

export function useConsentLabels() {
  const t = useT();
  return {
    kindLabel: (kind: string) => t(`consent.kind.${kind}` as MessageKey),
    sourceLabel: (source: string) => t(`consent.source.${source}` as MessageKey),
    subjectTypeLabel: (type: string) => t(`consent.subjectType.${type}` as MessageKey),
  };
}
