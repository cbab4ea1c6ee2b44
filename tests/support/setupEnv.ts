// Runs before every test file (vitest setupFiles): the hash key the servers a test starts also use.
import { TEST_HASH_KEY } from "./hashKey";

process.env.PRIVACY_DESK_HASH_KEY ??= TEST_HASH_KEY;
