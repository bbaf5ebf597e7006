/**
 * What the attendee page shows for a session: a countdown, the live view, the end or the
 * cancellation. The session's status wins over the clock: once the organizer has started it,
 * the page is live even before the scheduled start (no "starts in 00:03:44" under a running
 * session), and once ended or cancelled it says so whatever the time.
 */
export type AttendeePhase = 'countdown' | 'live' | 'ended' | 'cancelled';

export function attendeePhase(
  status: string,
  nowMs: number,
  times: { startAt: string; endAt: string } | null,
): AttendeePhase {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'ended') return 'ended';
  if (status === 'live') return 'live';
  if (!times) return 'live';
  if (nowMs >= Date.parse(times.endAt)) return 'ended';
  return nowMs < Date.parse(times.startAt) ? 'countdown' : 'live';
}
