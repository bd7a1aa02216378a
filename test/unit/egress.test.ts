import { describe, expect, it } from 'vitest';
import { isInternalAddress, isLocalName } from '../../src/services/egress.ts';

describe('isInternalAddress', () => {
  it('names loopback, private, link-local, CGNAT, multicast, reserved and unspecified addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '127.255.0.9',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '[::1]',
      'fe80::1',
      'fe80::1%eth0',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
    ])
      expect(isInternalAddress(ip), ip).toBe(true);
  });

  it('lets public addresses through', () => {
    for (const ip of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
    ])
      expect(isInternalAddress(ip), ip).toBe(false);
  });

  // IPv6 spellings of an IPv4 address: compatible (::/96), mapped, translated (RFC 6145), NAT64
  // (RFC 6052), 6to4 (2002::/16) and Teredo (the client's address, inverted, in the last 32 bits).
  it.each([
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::127.0.0.1', 'IPv4-compatible loopback, dotted'],
    ['::a9fe:a9fe', 'IPv4-compatible metadata address'],
    ['::ffff:0:7f00:1', 'IPv4-translated loopback'],
    ['::ffff:0:10.0.0.1', 'IPv4-translated private'],
    ['64:ff9b::7f00:1', 'NAT64 loopback'],
    ['64:ff9b::169.254.169.254', 'NAT64 metadata address'],
    ['64:ff9b:1::a00:1', 'local-use NAT64 prefix'],
    ['2002:7f00:1::', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo client 127.0.0.1'],
    ['2001:0:7f00:1::1', 'Teredo server 127.0.0.1'],
    ['0:0:0:0:0:ffff:7f00:1', 'mapped, written out'],
    ['::ffff:7f00:1%eth0', 'mapped, with a zone'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard'],
    ['fec0::1', 'deprecated site-local'],
  ])('names %s (%s) internal', (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });

  it.each([
    ['64:ff9b::808:808', 'NAT64 of 8.8.8.8'],
    ['2002:808:808::1', '6to4 of 8.8.8.8'],
    ['::ffff:0:8.8.8.8', 'IPv4-translated 8.8.8.8'],
    ['2001:4860:4860::8888', 'a public IPv6 address'],
  ])('lets %s (%s) through', (ip) => {
    expect(isInternalAddress(ip)).toBe(false);
  });

  it('is false for what is not an address', () => {
    expect(isInternalAddress('example.com')).toBe(false);
    expect(isInternalAddress('')).toBe(false);
  });
});

describe('isLocalName', () => {
  it('knows the names that always mean this machine', () => {
    expect(isLocalName('localhost')).toBe(true);
    expect(isLocalName('LOCALHOST.')).toBe(true);
    expect(isLocalName('api.localhost')).toBe(true);
    expect(isLocalName('localhost.example.com')).toBe(false);
  });
});
