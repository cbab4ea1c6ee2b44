// Runs before every test file (vitest setupFiles): the hash key the servers a test starts also use.
import { TEST_HASH_KEY } from "./hashKey";

process.env.PRIVACY_DESK_HASH_KEY ??= TEST_HASH_KEY;
// The SMTP catcher of the tests listens on loopback, which staff-named SMTP hosts may not be
// (app/privacy/mail/smtpHost.ts); tests of that rule unset it.
process.env.PRIVACY_DESK_ALLOW_PRIVATE_SMTP ??= "1";
