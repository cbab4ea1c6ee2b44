// The app's own hash key for tests (PRIVACY_DESK_HASH_KEY). The test process and every server it
// starts use the same one, so a test can compute the keyed hashes the server stores. Fixed, never
// secret; production refuses to start without a key of its own.
export const TEST_HASH_KEY = "7c1f0e9a4b3d28c6e5f1a7092b4d6e8f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b";
/** A second key, for rotation tests. */
export const OTHER_TEST_HASH_KEY = "e4a1c7f3095b2d8e6a4c1f7b3d9e5a2c8f6b4d1e7a3c9f5b2e8d4a6c1f3b7e9d";
