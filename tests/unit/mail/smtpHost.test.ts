// Issue 11, point 12: a staff-named SMTP host may not be the app's own network, checked after DNS.
import { describe, expect, it } from "vitest";
import { checkedSmtpAddress, isInternalAddress, SmtpHostRefusedError } from "../../../app/privacy/mail/smtpHost";

const strict = {};

describe("SMTP hosts", () => {
  it.each(["127.0.0.1", "127.8.9.10", "10.0.0.5", "172.16.3.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "not-an-address"])(
    "counts %s as the app's own network",
    (address) => expect(isInternalAddress(address)).toBe(true),
  );

  it.each(["8.8.8.8", "172.32.0.1", "192.0.2.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("counts %s as the internet", (address) => expect(isInternalAddress(address)).toBe(false));

  it("refuses a name any of whose addresses is internal, and connects to the address it checked", async () => {
    await expect(checkedSmtpAddress("smtp.rebind.example", strict, async () => ["203.0.113.9", "127.0.0.1"])).rejects.toMatchObject({ reason: "private" });
    await expect(checkedSmtpAddress("metadata.example", strict, async () => ["169.254.169.254"])).rejects.toBeInstanceOf(SmtpHostRefusedError);
    await expect(checkedSmtpAddress("[::1]", strict, async () => ["203.0.113.9"])).rejects.toMatchObject({ reason: "private" });
    await expect(checkedSmtpAddress("nowhere.example", strict, async () => Promise.reject(new Error("ENOTFOUND")))).rejects.toMatchObject({ reason: "unresolvable" });
    expect(await checkedSmtpAddress("smtp.example.jp", strict, async () => ["203.0.113.9", "2001:db8::1"])).toBe("203.0.113.9");
  });

  it("allows internal addresses only when PRIVACY_DESK_ALLOW_PRIVATE_SMTP is 1", async () => {
    expect(await checkedSmtpAddress("127.0.0.1", { PRIVACY_DESK_ALLOW_PRIVATE_SMTP: "1" })).toBe("127.0.0.1");
    await expect(checkedSmtpAddress("127.0.0.1", { PRIVACY_DESK_ALLOW_PRIVATE_SMTP: "true" })).rejects.toBeInstanceOf(SmtpHostRefusedError);
  });
});
