import { accountKey, clientKey, lockSecondsAfter } from './sign-in-throttle.policy';

describe('sign-in throttle policy', () => {
  const rule = { freeFailures: 5, lockSeconds: 30, maxLockSeconds: 900 };

  it('locks after the free failures, doubling each further failure up to the cap', () => {
    expect([1, 2, 3, 4].map((n) => lockSecondsAfter(n, rule))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map((n) => lockSecondsAfter(n, rule))).toEqual([30, 60, 120, 240, 480, 900]);
    expect(lockSecondsAfter(10_000, rule)).toBe(900);
  });

  it('counts an address however it is spelled, and never stores it', () => {
    expect(accountKey('  Aigerim@Example.KZ ')).toBe(accountKey('aigerim@example.kz'));
    expect(accountKey('aigerim@example.kz')).not.toContain('aigerim');
    expect(accountKey('a@example.kz')).not.toBe(accountKey('b@example.kz'));
  });

  it('counts IPv4 per address, IPv4-mapped as IPv4, and IPv6 per /64', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
    expect(clientKey('not an address')).toBe('unknown');
  });
});
