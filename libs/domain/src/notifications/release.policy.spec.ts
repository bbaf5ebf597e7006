import { earliestSend, MAX_RELEASE_LEAD_MS, maxReleaseLeadMs, releaseLeadMs } from './release.policy';

describe('early release of reminder bursts', () => {
  it('gives a burst the time the deployment needs to send it, so it ends near the due instant', () => {
    // 20,000 at 400/s: 50 s of sending; a 24-hour reminder may move that much.
    expect(releaseLeadMs(20_000, 400, 1440)).toBe(50_000);
    expect(releaseLeadMs(1_000, 400, 60)).toBe(2_500);
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

  it('lets a job send no earlier than the policy allows, whatever it asks', () => {
    const due = new Date('2024-03-04T06:50:00Z');
    expect(earliestSend(due, undefined, 10)).toEqual(due);
    expect(earliestSend(due, 'not a date', 10)).toEqual(due);
    expect(earliestSend(due, '2024-03-04T06:49:30Z', 10)).toEqual(new Date('2024-03-04T06:49:30Z'));
    // Asking for ten minutes early on a 10-minute reminder gets one minute.
    expect(earliestSend(due, '2024-03-04T06:40:00Z', 10)).toEqual(new Date('2024-03-04T06:49:00Z'));
    // A notice (no offset) is never early; a later "release" than the due instant is ignored.
    expect(earliestSend(due, '2024-03-04T06:40:00Z', null)).toEqual(due);
    expect(earliestSend(due, '2024-03-04T07:00:00Z', 10)).toEqual(due);
  });
});
