import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isInternalAddress, isLocalName } from '../core/egress.ts';

export interface EgressGuard {
  /**
   * Why Jalon must not send a request to `url` (its host is, or resolves to, an internal address),
   * or null when it may. Checked right before each request, so a name that later resolves inside
   * is refused then. Always null when the operator allows internal targets.
   */
  refusal(url: string): Promise<string | null>;
  /** The same from the URL alone, without DNS: literal internal addresses and `localhost`. */
  literalRefusal(url: string): string | null;
}

type Lookup = (host: string) => Promise<readonly { address: string }[]>;

export function createEgressGuard(deps: { allowInternal: boolean; lookup?: Lookup }): EgressGuard {
  const lookup: Lookup = deps.lookup ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
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
