// What a Japanese screen must not show, and an English one likewise: text from the other
// language's catalogue, stored codes (snake_case enums, actor codes like "system" or "staff:42"),
// ISO timestamps or dates, and internal ids. Used on every admin page, notice and CSV in ja and en.
import { allCatalogues, type Locale } from "../../app/i18n";

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;

/** The fixed parts of a catalogue template ("{count}件以上" → "件以上"), long enough to mean something. */
function fragments(template: string, locale: Locale): string[] {
  return template
    .split(/\{\w+\}/)
    .map((part) => part.trim())
    .filter((part) => (locale === "ja" ? CJK.test(part) && part.length >= 2 : /[A-Za-z]{3,}/.test(part) && part.length >= 6));
}

function catalogueFragments(of: Locale): string[] {
  const other: Locale = of === "ja" ? "en" : "ja";
  const own = new Set<string>();
  for (const catalogue of allCatalogues) for (const value of Object.values(catalogue[other])) own.add(value);
  const found = new Set<string>();
  for (const catalogue of allCatalogues) {
    for (const [key, value] of Object.entries(catalogue[of])) {
      if (catalogue[other][key] === value) continue; // the same in both languages ("Shopify", "CSV")
      for (const part of fragments(value, of)) if (![...own].some((text) => text.includes(part))) found.add(part);
    }
  }
  // Longest first, so a report names the whole phrase rather than a piece of it.
  return [...found].sort((a, b) => b.length - a.length);
}

const FOREIGN: Record<Locale, string[]> = { ja: catalogueFragments("en"), en: catalogueFragments("ja") };

const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])/;
const SNAKE_CODE = /(?<![\w@./:-])[a-z]+(?:_[a-z0-9]+)+(?![\w@./-])/;
const ACTOR_CODE = /(?<![\w@./-])staff:\d+(?![\w@./-])/;
const CUID = /(?<![\w-])c[a-z0-9]{24}(?![\w-])/;
const GID = /gid:\/\/shopify\//;

export interface LanguageCheckOptions {
  /** Shop data shown as entered (names, emails, the business name): never a finding. */
  data?: readonly string[];
}

/** Problems found in `text` shown to a person reading `locale`; empty when the text is clean. */
export function languageProblems(locale: Locale, text: string, options: LanguageCheckOptions = {}): string[] {
  // A template's placeholders ({reference}) are typed by the merchant as shown: syntax, not text.
  let rest = ` ${text.replace(/\{\w+\}/g, " ").replace(/\s+/g, " ")} `;
  for (const value of [...(options.data ?? [])].sort((a, b) => b.length - a.length)) if (value) rest = rest.split(value).join(" ");
  const problems: string[] = [];
  const other = locale === "ja" ? "en" : "ja";
  for (const fragment of FOREIGN[locale]) {
    if (rest.includes(fragment)) {
      problems.push(`${other} text "${fragment}"`);
      rest = rest.split(fragment).join(" ");
    }
  }
  const patterns: Array<[string, RegExp]> = [
    ["ISO timestamp", ISO_TIMESTAMP],
    ["ISO date", ISO_DATE],
    ["stored code", SNAKE_CODE],
    ["actor code", ACTOR_CODE],
    ["internal id", CUID],
    ["Shopify gid", GID],
  ];
  for (const [label, pattern] of patterns) {
    const match = new RegExp(pattern.source, "g");
    for (const found of rest.matchAll(match)) problems.push(`${label} "${found[0]}" in "…${rest.slice(Math.max(0, found.index - 40), found.index + found[0].length + 40).trim()}…"`);
  }
  if (locale === "en") {
    for (const found of rest.matchAll(new RegExp(`${CJK.source}+`, "g"))) problems.push(`ja text "${found[0]}"`);
  } else {
    // Lower-case English words on a Japanese screen are codes or untranslated text.
    for (const found of rest.matchAll(/(?<![\w@./:-])[a-z]{3,}(?![\w@./-])/g)) problems.push(`English word "${found[0]}" in "…${rest.slice(Math.max(0, found.index - 30), found.index + 40).trim()}…"`);
  }
  return [...new Set(problems)];
}

/** The text a person sees in server-rendered HTML: body text and the attributes read out or shown. */
export function visibleText(html: string): string {
  // What the merchant typed into a field is their content, whatever its language; and an element
  // marked with its own lang (a notice in the shopper's language) is read in that language.
  const body = withoutOtherLanguages(html.replace(/<head[\s\S]*?<\/head>/i, " ").replace(/<textarea\b[^>]*>[\s\S]*?<\/textarea>/gi, " "));
  const attributes = [...body.matchAll(/\s(?:placeholder|aria-label|title|alt|label)="([^"]*)"/g)].map((match) => match[1]);
  const text = body
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<style[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, " ");
  return decode(`${text} ${attributes.join(" ")}`).replace(/\s+/g, " ");
}

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** The document without the elements whose lang differs from the page's own (<html lang>). */
function withoutOtherLanguages(html: string): string {
  const page = /<html[^>]*\slang="([^"]+)"/i.exec(html)?.[1];
  if (!page) return html;
  let out = "";
  let at = 0;
  const tags = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>/g;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    const [whole, closing, name, attributes] = match;
    const lang = /\slang="([^"]+)"/.exec(attributes)?.[1];
    if (closing || !lang || lang === page || VOID.has(name.toLowerCase()) || whole.endsWith("/>")) continue;
    // Skip to the matching close tag of this element.
    let depth = 1;
    const same = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
    same.lastIndex = tags.lastIndex;
    let end = html.length;
    for (let inner = same.exec(html); inner; inner = same.exec(html)) {
      depth += inner[1] ? -1 : 1;
      if (depth === 0) {
        end = same.lastIndex;
        break;
      }
    }
    out += html.slice(at, match.index) + " ";
    at = end;
    tags.lastIndex = end;
  }
  return out + html.slice(at);
}
