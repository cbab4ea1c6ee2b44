// Where the app's backend is: application_url in shopify.app.toml (a test holds them equal). A
// customer account extension runs on Shopify's domain, so its fetch() needs the full URL.
export const APP_URL = "https://privacy-desk.example.com";
