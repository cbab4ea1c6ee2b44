// The bounds of the Settings for disclosure downloads; plain values, so the settings page can use
// them in the browser as well as the server's validation.
export const DOWNLOAD_DAYS = { min: 1, max: 90 } as const;
export const DOWNLOAD_LIMIT = { min: 1, max: 20 } as const;
