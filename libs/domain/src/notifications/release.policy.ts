/**
 * Early release of reminder bursts. A national webinar puts thousands of reminders on the same
 * instant (same start, same offset, or the 21:59 quiet-hours edge). Nothing can send 20,000 mails
 * in the second they are due, so a burst that would otherwise arrive up to a minute LATE is
 * released early instead, by the time the deployment needs to send it
 * (count / REMINDER_BURST_RATE), so its last mail goes out around the due instant. A 24-hour
 * reminder a minute early is as true as one on time; one a minute late after 22:00 is not.
 *
 * The lead is bounded by a share of the offset (a 10-minute reminder moves at most one minute)
 * and by an absolute cap. Pure: the relay computes it, the sender re-checks it (a job may never
 * claim a larger lead than the policy allows).
 *
 * A burst also grows after its first reminders were queued (people register one by one), so the
 * relay counts it again and re-queues the burst when its lead grows. Leads move in steps of a
 * ladder (x1.25 from 1 s, rounded up): a burst built by thousands of registrations is re-queued
 * once per step, a dozen times at most, not once per registration — and it goes out at most a
 * fifth of its lead earlier than strictly needed.
 */

/** No reminder is released more than this early, however large the burst. */
export const MAX_RELEASE_LEAD_MS = 15 * 60_000;
/** ...nor earlier than this share of its offset before the due instant. */
export const RELEASE_LEAD_SHARE_OF_OFFSET = 0.1;

/** The most a reminder with this offset may be released early; 0 for notices (no offset). */
export function maxReleaseLeadMs(offsetMinutes: number | null): number {
  if (!offsetMinutes || offsetMinutes <= 0) return 0;
  return Math.min(MAX_RELEASE_LEAD_MS, Math.floor(offsetMinutes * 60_000 * RELEASE_LEAD_SHARE_OF_OFFSET));
}

/** Each step of the lead ladder is this much longer than the one before. */
export const LEAD_STEP_RATIO = 1.25;
const LADDER: readonly number[] = (() => {
  const steps = [1000];
  while (steps[steps.length - 1] < MAX_RELEASE_LEAD_MS)
    steps.push(Math.ceil(steps[steps.length - 1] * LEAD_STEP_RATIO));
  return steps;
})();

/** The first step of the ladder at or above `ms`. */
export function leadStep(ms: number): number {
  return LADDER.find((step) => step >= ms) ?? LADDER[LADDER.length - 1];
}

/**
 * How early to release a reminder that shares its due instant with `sameInstant` planned
 * reminders (itself included), given the sending rate the deployment sustains: the time needed
 * to send them, rounded up to a step of the ladder. Under a second of work is no burst: lead 0.
 */
export function releaseLeadMs(
  sameInstant: number,
  ratePerSecond: number,
  offsetMinutes: number | null,
): number {
  if (!(ratePerSecond > 0) || sameInstant <= 0) return 0;
  const need = Math.ceil((sameInstant / ratePerSecond) * 1000);
  if (need < 1000) return 0;
  return Math.min(leadStep(need), maxReleaseLeadMs(offsetMinutes));
}
