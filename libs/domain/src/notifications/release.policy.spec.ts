import {
  LEAD_STEP_RATIO,
  leadStep,
  MAX_RELEASE_LEAD_MS,
  maxReleaseLeadMs,
  releaseLeadMs,
} from './release.policy';

describe('early release of reminder bursts', () => {
  it('gives a burst the time the deployment needs to send it, rounded up to a step, so it ends near the due instant', () => {
    // 20,000 at 400/s: 50 s of sending; a 24-hour reminder may move that much (the step above: 55.6 s).
    expect(releaseLeadMs(20_000, 400, 1440)).toBe(55_582);
    expect(releaseLeadMs(1_000, 400, 60)).toBe(3_054);
    for (const [n, rate] of [
      [20_000, 400],
      [1_000, 400],
      [1_000, 50],
      [777, 3],
    ]) {
      const need = (n / rate) * 1000;
      expect(releaseLeadMs(n, rate, 1440)).toBeGreaterThanOrEqual(need);
      expect(releaseLeadMs(n, rate, 1440)).toBeLessThanOrEqual(need * LEAD_STEP_RATIO + 1);
    }
  });

  it('moves in few steps as a burst grows one reminder at a time', () => {
    const leads = new Set<number>();
    for (let n = 1; n <= 20_000; n++) leads.add(releaseLeadMs(n, 300, 1440));
    // 0, then 1 s ... 66.7 s in steps of a quarter: 21 distinct leads for 20,000 sizes.
    expect(leads.size).toBe(21);
    expect([...leads].every((l) => l === 0 || leadStep(l) === l)).toBe(true);
    expect(leadStep(1)).toBe(1000);
    expect(leadStep(1001)).toBe(1250);
  });

  it('releases nothing early for less than a second of work, a notice, or no rate', () => {
    expect(releaseLeadMs(3, 300, 10)).toBe(0);
    expect(releaseLeadMs(299, 300, 1440)).toBe(0);
    expect(releaseLeadMs(20_000, 300, null)).toBe(0);
    expect(releaseLeadMs(20_000, 0, 1440)).toBe(0);
  });

  it('moves a reminder at most a tenth of its offset, and never more than the cap', () => {
    expect(maxReleaseLeadMs(10)).toBe(60_000);
    expect(releaseLeadMs(20_000, 100, 10)).toBe(60_000);
    expect(maxReleaseLeadMs(1440)).toBe(MAX_RELEASE_LEAD_MS);
    expect(releaseLeadMs(1_000_000, 100, 1440)).toBe(MAX_RELEASE_LEAD_MS);
    expect(maxReleaseLeadMs(0)).toBe(0);
  });
});
