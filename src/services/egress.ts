import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent, type Dispatcher } from 'undici';

/**
 * Addresses an outgoing request to a URL someone typed into Jalon (an event subscription) must not
 * reach unless the operator allows it: loopback, private, link-local (cloud metadata at
 * 169.254.169.254), carrier-grade NAT, multicast, reserved and unspecified ranges, IPv4 and IPv6
 * (RFC 6890). Otherwise a subscription would make Jalon probe the network it runs in (SSRF).
 */
const internal = new BlockList();
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
  internal.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  internal.addSubnet(net, prefix, 'ipv6');

/** IPv4 written inside IPv6 (`::ffff:10.0.0.1`, `::ffff:a00:1`): the IPv4 address, else null. */
function embeddedIpv4(ip: string): string | null {
  const m = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(ip);
  if (!m?.[1]) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex?.[1] || !hex[2]) return null;
  const n = (Number.parseInt(hex[1], 16) << 16) | Number.parseInt(hex[2], 16);
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** True when `ip` (an IPv4 or IPv6 literal) is in one of the internal ranges above. */
export function isInternalAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return internal.check(bare, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(bare);
  return v4 !== null ? internal.check(v4, 'ipv4') : internal.check(bare, 'ipv6');
}

/** Host names that always mean this machine, whatever DNS says. */
export const isLocalName = (host: string): boolean => {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
};

export interface EgressGuard {
  /**
   * Why Jalon must not send a request to `url` (its host is, or resolves to, an internal address),
   * or null when it may. Checked right before each request, so a name that later resolves inside
   * is refused then. Always null when the operator allows internal targets.
   */
  refusal(url: string): Promise<string | null>;
  /** The same from the URL alone, without DNS: literal internal addresses and `localhost`. */
  literalRefusal(url: string): string | null;
  /**
   * The HTTP client to send with: it resolves each name again when it connects and refuses an
   * internal address there, so a name that answers outside to the check and inside to the
   * connection (DNS rebinding) still cannot reach the network. Undefined when internal targets are
   * allowed (the default client is used).
   */
  readonly dispatcher: Dispatcher | undefined;
}

/** Thrown (as the connection's cause) when a name resolves inside at connect time. */
export class EgressRefused extends Error {
  override readonly name = 'EgressRefused';
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

type Lookup = (host: string) => Promise<readonly { address: string }[]>;

export function createEgressGuard(deps: { allowInternal: boolean; lookup?: Lookup }): EgressGuard {
  const lookup: Lookup = deps.lookup ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  /** net.connect's `lookup`: the addresses it would connect to, refused when one is internal. */
  const connectLookup = (host: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(host).then(
      (found) => {
        const addresses = found.map((a) => ({ address: a.address, family: isIP(a.address) }));
        const inside = addresses.find((a) => isInternalAddress(a.address));
        if (inside) return callback(new EgressRefused(refuse(host, inside.address)), []);
        if (addresses.length === 0)
          return callback(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), []);
        if (options.all) return callback(null, addresses);
        const first = addresses[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
  const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');
  const refuse = (host: string, address?: string) =>
    `${host}${address && address !== host ? ` resolves to ${address}, which` : ''} is a loopback, private or link-local address; Jalon does not send events inside its own network (JALON_EVENT_ALLOW_INTERNAL_TARGETS=true allows it)`;

  const literalRefusal = (url: string): string | null => {
    if (deps.allowInternal) return null;
    const host = hostOf(url);
    if (isLocalName(host)) return refuse(host);
    return isIP(host) !== 0 && isInternalAddress(host) ? refuse(host) : null;
  };

  return {
    literalRefusal,
    dispatcher: deps.allowInternal ? undefined : new Agent({ connect: { lookup: connectLookup } }),
    async refusal(url) {
      if (deps.allowInternal) return null;
      const literal = literalRefusal(url);
      if (literal) return literal;
      const host = hostOf(url);
      if (isIP(host) !== 0) return null;
      const addresses = await lookup(host);
      const inside = addresses.find((a) => isInternalAddress(a.address));
      return inside ? refuse(host, inside.address) : null;
    },
  };
}
