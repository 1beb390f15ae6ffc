import { lookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless the operator allows it: private, loopback,
 * link-local (with the cloud metadata address 169.254.169.254), carrier-grade NAT, multicast,
 * reserved, and their IPv6 kin (ULA, which holds AWS's fd00:ec2::254; NAT64). BlockList checks
 * an IPv4-mapped IPv6 address (::ffff:127.0.0.1) against the IPv4 rules, so those are covered.
 */
const FORBIDDEN = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  FORBIDDEN.addSubnet(net, prefix, 'ipv6');

export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface UrlPolicy {
  /** Private, loopback and link-local addresses allowed (a receiver inside the operator's network, tests). */
  allowPrivate: boolean;
  /** Plain http allowed (else https only). */
  allowHttp: boolean;
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

const DNS_TIMEOUT_MS = 3000;

/** Every address `host` resolves to (an IP literal is its own), within DNS_TIMEOUT_MS. */
export function resolveAll(host: string): Promise<ResolvedAddress[]> {
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  const family = isIP(literal);
  if (family !== 0) return Promise.resolve([{ address: literal, family }]);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`DNS lookup timed out after ${DNS_TIMEOUT_MS} ms`)),
      DNS_TIMEOUT_MS,
    );
    lookup(host, { all: true, verbatim: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(new Error(`host does not resolve (${err.code ?? 'DNS error'})`));
      else resolve(addresses);
    });
  });
}

/**
 * Resolves `host` and checks every address; throws naming the first forbidden one. Run when a
 * webhook is created and again for every delivery (as the socket's `lookup`, so the address
 * checked is the address connected to: a DNS answer that changes in between, rebinding, is
 * caught).
 */
export async function resolveAllowed(host: string, policy: UrlPolicy): Promise<ResolvedAddress[]> {
  const addresses = await resolveAll(host);
  if (addresses.length === 0) throw new Error('host does not resolve');
  if (!policy.allowPrivate) {
    // The address is not named: a tenant should not learn the internal network's names from it.
    if (addresses.some((a) => isForbiddenAddress(a.address)))
      throw new Error('resolves to a private, loopback, link-local or reserved address');
  }
  return addresses;
}

/** What is wrong with `raw` as a webhook URL, or null. The host is resolved and checked. */
export async function urlProblem(raw: string, policy: UrlPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp))
    return policy.allowHttp ? 'must be an http or https URL' : 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (!url.hostname) return 'must name a host';
  try {
    await resolveAllowed(url.hostname, policy);
  } catch (err) {
    return `host ${(err as Error).message}`;
  }
  return null;
}
