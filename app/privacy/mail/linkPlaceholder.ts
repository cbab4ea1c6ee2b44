// Where a queued mail's secret links go (mail/sealedLinks.ts). Free of crypto, so the desk's pages
// can show a mail without its links.

/** The placeholder of link `name` in a queued body: never something a template or shopper writes. */
export const linkPlaceholder = (name: string) => `[[privacy-desk-link:${name}]]`;
export const LINK_PLACEHOLDER = /\[\[privacy-desk-link:([a-zA-Z]+)\]\]/g;

/** The text staff see: each placeholder replaced by a note that the link is only in the sent mail. */
export function withoutLinks(body: string, note: string): string {
  return body.replace(LINK_PLACEHOLDER, note);
}

export const hasLinkPlaceholder = (body: string) => new RegExp(LINK_PLACEHOLDER.source).test(body);
