// A shop's own SMTP server is named by its staff, and any shop's staff can name anything: a host
// that resolves to the app's own network (loopback, a private range, link-local, the cloud
// metadata address) would let them probe or talk to services only the app can reach. Such a host
// is refused when Settings are saved and again at every connection, after DNS resolution, and the
// connection goes to the address that was checked (so a second resolution cannot swap it, DNS
// rebinding). PRIVACY_DESK_ALLOW_PRIVATE_SMTP=1 allows them, for the sandbox and tests, whose SMTP
// catcher listens on loopback.
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

export const ALLOW_PRIVATE_SMTP_VARIABLE = "PRIVACY_DESK_ALLOW_PRIVATE_SMTP";

export class SmtpHostRefusedError extends Error {
  readonly code = "SMTP_HOST_REFUSED";
  constructor(readonly reason: "private" | "unresolvable") {
    super(reason === "private" ? "the SMTP host is in the app's own network" : "the SMTP host does not resolve");
    this.name = "SmtpHostRefusedError";
  }
}

const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, including the metadata address 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  internal.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["fd00:ec2::254", 128], // AWS's IPv6 metadata address (inside fc00::/7 too)
] as const) {
  internal.addSubnet(network, prefix, "ipv6");
}

/** Whether an address is the app's own network rather than the internet. */
export function isInternalAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return internal.check(address, "ipv4");
  if (kind !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, "ipv4");
  return internal.check(address, "ipv6");
}

export type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export const privateSmtpAllowed = (env: Record<string, string | undefined> = process.env) => env[ALLOW_PRIVATE_SMTP_VARIABLE] === "1";

/**
 * The address to connect to for `host`: the first it resolves to, when none of them is internal.
 * Throws SmtpHostRefusedError otherwise (every address is checked, so a name that resolves to a
 * public and a private address is refused too).
 */
export async function checkedSmtpAddress(host: string, env: Record<string, string | undefined> = process.env, resolve: Resolve = resolveAll): Promise<string> {
  const name = host.trim().replace(/^\[(.*)\]$/, "$1");
  let addresses: string[];
  try {
    addresses = isIP(name) ? [name] : await resolve(name);
  } catch {
    throw new SmtpHostRefusedError("unresolvable");
  }
  if (addresses.length === 0) throw new SmtpHostRefusedError("unresolvable");
  if (!privateSmtpAllowed(env) && addresses.some(isInternalAddress)) throw new SmtpHostRefusedError("private");
  return addresses[0];
}
