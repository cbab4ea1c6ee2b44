// The editor's section list, as Shopify admin's settings pages list theirs: on a wide screen a card
// beside the form that stays in view, each entry an anchor that jumps to its card, the entry of the
// card in view highlighted; on a phone a "go to section" menu above the form.
import { BlockStack, Box, Card, Select, Text } from "@shopify/polaris";
import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/react";
import { policyOutline, sectionLabel, type PolicyDocument, type PolicyLanguage } from "../../privacy/policy/policyDocument";
import { editorAnchor } from "./PolicyDocumentEditor";

export interface NavEntry {
  anchor: string;
  label: string;
  /** 1 for a sub-section, shown inside its section. */
  depth: 0 | 1;
}

// Static CSS of our own (no user text): set as HTML so React does not escape its quotes, which
// would make the server's and the browser's copies differ at hydration.
const NAV_STYLES = `
        .pd-section-nav { position: sticky; top: var(--p-space-400); }
        .pd-section-nav ul { list-style: none; margin: 0; padding: 0; }
        .pd-section-nav a { display: block; padding: var(--p-space-150) var(--p-space-200); border-radius: var(--p-border-radius-200); color: var(--p-color-text); text-decoration: none; font-size: var(--p-font-size-325); line-height: var(--p-font-line-height-500); }
        .pd-section-nav a:hover { background: var(--p-color-bg-surface-hover); }
        .pd-section-nav a:focus-visible { outline: var(--p-border-width-050) solid var(--p-color-border-focus); outline-offset: var(--p-space-025); }
        .pd-section-nav a[aria-current="true"] { background: var(--p-color-bg-surface-selected); font-weight: var(--p-font-weight-semibold); }
        .pd-section-nav .pd-section-nav__sub a { padding-inline-start: var(--p-space-600); color: var(--p-color-text-secondary); }
        .pd-section-nav .pd-section-nav__sub a[aria-current="true"] { color: var(--p-color-text); }
        .pd-section-nav-wide { display: block; }
        .pd-section-nav-narrow { display: none; }
        @media (max-width: 47.9975em) {
          .pd-section-nav-wide { display: none; }
          .pd-section-nav-narrow { display: block; }
        }
        .pd-editor-anchor { scroll-margin-top: var(--p-space-400); border-radius: var(--p-border-radius-300); transition: box-shadow 0.2s ease-out; }
        .pd-editor-anchor:focus { outline: none; }
        .pd-editor-anchor--highlighted { box-shadow: 0 0 0 var(--p-border-width-050) var(--p-color-border-focus), 0 0 0 var(--p-border-width-100) var(--p-color-bg-surface); }
      `;

export function navEntries(doc: PolicyDocument, language: PolicyLanguage, labels: { general: string; business: string; untitled: string }): NavEntry[] {
  const entries: NavEntry[] = [{ anchor: editorAnchor(language, "general"), label: labels.general, depth: 0 }];
  for (const { section, number, subsections } of policyOutline(doc)) {
    entries.push({ anchor: editorAnchor(language, section.id), label: sectionLabel(section.heading || labels.untitled, number, false), depth: 0 });
    for (const sub of subsections) {
      entries.push({ anchor: editorAnchor(language, sub.section.id), label: sectionLabel(sub.section.heading || labels.untitled, sub.number, true), depth: 1 });
    }
  }
  entries.push({ anchor: editorAnchor(language, "business"), label: labels.business, depth: 0 });
  return entries;
}

export function PolicySectionNav({ entries, active, onSelect }: { entries: NavEntry[]; active: string | null; onSelect: (anchor: string) => void }) {
  const t = useT();
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: NAV_STYLES }} />
      <div className="pd-section-nav-wide pd-section-nav">
        <Card padding="200">
          <BlockStack gap="100">
            <Box paddingInline="200" paddingBlockStart="100">
              <Text as="h2" variant="headingSm">
                {t("policy.editor.nav.title")}
              </Text>
            </Box>
            <nav aria-label={t("policy.editor.nav.title")}>
              <ul>
                {entries.map((entry) => (
                  <li key={entry.anchor} className={entry.depth ? "pd-section-nav__sub" : undefined}>
                    <a
                      href={`#${entry.anchor}`}
                      aria-current={active === entry.anchor ? "true" : undefined}
                      onClick={(event) => {
                        event.preventDefault();
                        onSelect(entry.anchor);
                      }}
                    >
                      {entry.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </BlockStack>
        </Card>
      </div>
      <div className="pd-section-nav-narrow">
        <Card>
          <Select
            label={t("policy.editor.nav.jump")}
            options={entries.map((entry) => ({ label: entry.depth ? `\u00a0\u00a0\u00a0${entry.label}` : entry.label, value: entry.anchor }))}
            value={active ?? entries[0]?.anchor ?? ""}
            onChange={onSelect}
          />
        </Card>
      </div>
    </>
  );
}

/**
 * Which entry is active: the card nearest the top of the view as staff scroll, or the one they
 * jumped to. A jump scrolls its card into view, moves focus there and rings it for a moment.
 */
export function useSectionNavigation(entries: NavEntry[]) {
  const [active, setActive] = useState<string | null>(entries[0]?.anchor ?? null);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // While a jump scrolls, the cards passing by do not take the highlight from its target.
  const settling = useRef(0);
  const key = entries.map((entry) => entry.anchor).join(" ");

  useEffect(() => {
    if (typeof IntersectionObserver === "undefined" || !key) return;
    const visible = new Map<string, number>();
    const observer = new IntersectionObserver(
      (records) => {
        if (Date.now() < settling.current) return;
        for (const record of records) {
          if (record.isIntersecting) visible.set(record.target.id, record.boundingClientRect.top);
          else visible.delete(record.target.id);
        }
        const first = key.split(" ").find((anchor) => visible.has(anchor));
        if (first) setActive(first);
      },
      // A card counts once it reaches the upper part of the view.
      { rootMargin: "0px 0px -60% 0px" },
    );
    for (const anchor of key.split(" ")) {
      const node = document.getElementById(anchor);
      if (node) observer.observe(node);
    }
    return () => observer.disconnect();
  }, [key]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const jump = useCallback((anchor: string) => {
    const node = document.getElementById(anchor);
    if (!node) return;
    settling.current = Date.now() + 1000;
    node.scrollIntoView({ behavior: "smooth", block: "start" });
    node.focus({ preventScroll: true });
    setActive(anchor);
    setHighlighted(anchor);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setHighlighted(null), 2000);
  }, []);

  return { entries, active, highlighted, jump };
}
