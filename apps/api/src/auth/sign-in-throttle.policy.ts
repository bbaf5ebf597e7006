import { createHash } from 'crypto';
import { isIPv4, isIPv6 } from 'net';

export interface LockRule {
  /** Consecutive failures allowed before the first lock. */
  freeFailures: number;
  /** The first lock; each further failure doubles it. */
  lockSeconds: number;
  maxLockSeconds: number;
}

/**
 * How long an e-mail address is locked after its `failures`-th consecutive failure: nothing
 * before the free ones are used up, then the first lock, doubling with every further failure
 * up to the cap (a person who mistyped a few times waits seconds; a guesser waits ever longer).
 */
export function lockSecondsAfter(failures: number, rule: LockRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.lockSeconds * 2 ** doublings, rule.maxLockSeconds);
}

/**
 * The key an e-mail address is counted under: normalised as the identity context stores it
 * (trimmed, lower-cased), hashed so Redis holds no addresses. Unknown and known addresses are
 * counted alike, so a lock says nothing about whether an account exists.
 */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * The key a client address is counted under. An IPv6 client usually owns a whole /64, so it is
 * counted per /64 (otherwise it could take a fresh address for every attempt); an IPv4-mapped
 * IPv6 address is the IPv4 address it maps.
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip)) return ip;
  const bare = ip.split('%')[0];
  if (!isIPv6(bare)) return 'unknown';
  return `${ipv6Groups(bare).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, in lower-case hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const [head, tail] = ip.toLowerCase().split('::') as [string, string | undefined];
  const split = (s: string | undefined): string[] =>
    !s ? [] : s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const h = split(head);
  const t = split(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...zeros, ...t].map((g) => parseInt(g, 16).toString(16));
}
