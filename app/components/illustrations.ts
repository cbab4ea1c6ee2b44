// Served by the app itself (public/), so pages render complete where Shopify's CDN is unreachable.
export const EMPTY_STATE_ILLUSTRATION = "/illustrations/empty-state.svg";
