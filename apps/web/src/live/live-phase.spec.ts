import { attendeePhase } from './live-phase';

const times = { startAt: '2026-06-01T06:00:00Z', endAt: '2026-06-01T08:00:00Z' };
const at = (iso: string) => Date.parse(iso);

describe('attendeePhase', () => {
  it('is live as soon as the organizer starts the session, even before the scheduled start', () => {
    expect(attendeePhase('live', at('2026-06-01T05:56:16Z'), times)).toBe('live');
  });

  it('counts down before the start of a session that is only scheduled', () => {
    expect(attendeePhase('scheduled', at('2026-06-01T05:56:16Z'), times)).toBe('countdown');
    expect(attendeePhase('scheduled', at('2026-06-01T06:00:00Z'), times)).toBe('live');
  });

  it('says ended or cancelled from the status, whatever the clock says', () => {
    expect(attendeePhase('ended', at('2026-06-01T06:30:00Z'), times)).toBe('ended');
    expect(attendeePhase('cancelled', at('2026-06-01T05:00:00Z'), times)).toBe('cancelled');
    expect(attendeePhase('scheduled', at('2026-06-01T08:00:00Z'), times)).toBe('ended');
  });
});
