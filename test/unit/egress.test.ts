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
