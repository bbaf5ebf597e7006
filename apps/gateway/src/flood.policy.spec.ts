import { TokenBucket } from './flood.policy';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    const b = new TokenBucket(10, 3, 0);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(50)).toBe(false); // half a token
    expect(b.take(100)).toBe(true); // 100 ms at 10/s = one more
    expect(b.take(100)).toBe(false);
  });

  it('never holds more than the burst, and ignores a clock going backwards', () => {
    const b = new TokenBucket(10, 2, 0);
    expect([b.take(60_000), b.take(60_000), b.take(60_000)]).toEqual([true, true, false]);
    expect(b.take(59_000)).toBe(false);
  });
});
