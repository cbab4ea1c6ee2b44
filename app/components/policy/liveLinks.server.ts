// The links the policy pages give to the live policy: the storefront page the merchant named, the
// theme editor showing it, or (while it is unknown) the theme editor adding the policy block.
import { appConfig } from "../../shopify.server";
import { themeEditorLinks } from "../../privacy/desk/setupGuide";
import { livePolicyUrl, themeEditorPreviewUrl } from "../../privacy/policy/policyPage";

export interface LiveLinks {
  /** What the merchant entered ("" when nothing yet). */
  pageUrl: string;
  /** The live policy on the storefront, once it is published and its page is known. */
  url: string | null;
  /** The theme editor on that page, or adding the block to a page when the page is not known. */
  themeEditorUrl: string;
  placed: boolean;
  published: boolean;
}

export function liveLinks(shop: string, pageUrl: string, published: boolean): LiveLinks {
  const url = livePolicyUrl(shop, pageUrl);
  return {
    pageUrl,
    url: published ? url : null,
    themeEditorUrl: themeEditorPreviewUrl(shop, pageUrl) ?? themeEditorLinks(shop, appConfig.apiKey).policy,
    placed: url !== null,
    published,
  };
}
