// The client id and secret the tests' app runs with (tests/support/app.ts), which the Shopify
// stand-ins check as Shopify would.
export const TEST_API_KEY = "test-api-key";
export const TEST_API_SECRET = "test-api-secret";
export const TEST_APP = { clientId: TEST_API_KEY, clientSecret: TEST_API_SECRET };
