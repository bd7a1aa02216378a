import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, type Dispatcher } from 'undici';

/**
 * An outgoing request to a URL someone typed into Jalon (an event subscription) may reach only
 * global unicast addresses unless the operator allows otherwise: not loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved,
 * documentation or unspecified ranges (RFC 6890), else a subscription would make Jalon probe the
 * network it runs in (SSRF). The ranges are ipaddr.js's, which is maintained against the IANA
 * special-purpose registries; what it calls anything but `unicast` is refused.
 */
function v4At(parts: readonly number[], at: number): ipaddr.IPv4 {
  const [hi = 0, lo = 0] = [parts[at], parts[at + 1]];
  return new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
}

/**
 * The IPv4 addresses an IPv6 address stands for, when it embeds some: mapped (::ffff:0:0/96),
 * compatible (::/96, deprecated but still routed by some stacks), translated (RFC 6145), NAT64
 * (RFC 6052: 64:ff9b::/96 and the local-use 64:ff9b:1::/48, whose position varies: refused as a
 * whole), 6to4 (2002::/16: the relay's IPv4 in bits 16–47) and Teredo (2001::/32: the server in
 * bits 32–63, the client inverted in the last 32). `::ffff:127.0.0.1` reaches 127.0.0.1 on a
 * dual-stack host, so each is judged by its IPv4 address.
 */
function embeddedIpv4(ip: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = ip.parts;
  const zeros = (from: number, to: number) => p.slice(from, to).every((x) => x === 0);
  switch (ip.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return [v4At(p, 6)];
    case 'rfc6052':
      return p[2] === 0 ? [v4At(p, 6)] : null;
    case '6to4':
      return [v4At(p, 1)];
    case 'teredo':
      return [v4At(p, 2), v4At([(p[6] ?? 0) ^ 0xffff, (p[7] ?? 0) ^ 0xffff], 0)];
    default:
      // IPv4-compatible ::a.b.c.d; :: and ::1 keep their own IPv6 ranges.
      return zeros(0, 6) && !zeros(6, 7) ? [v4At(p, 6)] : null;
  }
}

/** True when `ip` (an IPv4 or IPv6 literal, brackets and zone allowed) is not global unicast. */
export function isInternalAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 0) return false;
  const parsed = ipaddr.parse(bare);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIpv4(v6);
  if (embedded) return embedded.some((v4) => v4.range() !== 'unicast');
  // The other special ranges (local-use NAT64, discard, documentation, ORCHID…) are refused whole.
  return v6.range() !== 'unicast';
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
