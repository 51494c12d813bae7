/**
 * Which IP addresses a fetch may connect to. Checked on resolved addresses (never on names), with
 * Node's own `net.BlockList`, which also matches IPv4-mapped IPv6 addresses (::ffff:10.0.0.1)
 * against the IPv4 ranges.
 */
import net from "node:net";

/** IANA special-purpose and non-public IPv4 ranges. */
const BLOCKED_IPV4: ReadonlyArray<readonly [string, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // TEST-NET-1
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

/** Non-global IPv6 ranges, and those that embed an IPv4 address a relay would reach for us. */
const BLOCKED_IPV6: ReadonlyArray<readonly [string, number]> = [
  ["::", 96], // unspecified, loopback (::1), IPv4-compatible
  ["64:ff9b::", 96], // NAT64 (embeds IPv4)
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments, incl. Teredo (embeds IPv4)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds IPv4)
  ["3fff::", 20], // documentation (RFC 9637)
  ["5f00::", 16], // segment routing SIDs (RFC 9602)
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

const blockList = new net.BlockList();
// Only global unicast (2000::/3) is public IPv6; anything outside it is refused even when no
// range above names it (IPv4-translated ::ffff:0:7f00:1, future special-purpose blocks). Not a
// BlockList entry for ::ffff:0:0/96: Node's BlockList then matches every IPv4-mapped address.
const globalUnicast = new net.BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");
const IPV4_MAPPED = /^::ffff:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/;
for (const [network, prefix] of BLOCKED_IPV4) blockList.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of BLOCKED_IPV6) blockList.addSubnet(network, prefix, "ipv6");

/** Strips URL brackets and an IPv6 zone id: "[fe80::1%eth0]" → "fe80::1". */
export function bareAddress(host: string): string {
  const unbracketed = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  const zone = unbracketed.indexOf("%");
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/**
 * True when `address` must not be connected to: loopback, private, link-local, CGNAT,
 * multicast, reserved, ULA, IPv4-mapped forms of those, and anything that is not an IP address.
 */
export function isBlockedAddress(address: string): boolean {
  const ip = bareAddress(address);
  const family = net.isIP(ip);
  if (family === 0) return true;
  if (family === 4) return blockList.check(ip, "ipv4");
  if (blockList.check(ip, "ipv6")) return true;
  // IPv4-mapped addresses were judged by the IPv4 ranges above (BlockList maps them).
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  return !IPV4_MAPPED.test(canonical) && !globalUnicast.check(ip, "ipv6");
}

/** Lower-cased host name without a trailing dot or URL brackets, for comparing with allowHosts. */
export function normalizeHost(host: string): string {
  const bare = bareAddress(host.trim().toLowerCase());
  return bare.endsWith(".") ? bare.slice(0, -1) : bare;
}
