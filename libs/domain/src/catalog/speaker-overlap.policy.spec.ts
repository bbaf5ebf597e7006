import {
  findSpeakerConflicts,
  rangesOverlap,
  SpeakerBooking,
  speakerConflictError,
} from './speaker-overlap.policy';

const at = (iso: string) => new Date(iso);
const booking = (over: Partial<SpeakerBooking>): SpeakerBooking => ({
  speakerId: 'sp1',
  speakerName: 'Aigerim Sadykova',
  sessionId: 'other',
  title: 'Primaries 101',
  startAt: at('2024-06-20T05:00:00Z'),
  endAt: at('2024-06-20T09:00:00Z'),
  timeZone: 'Asia/Almaty',
  status: 'scheduled',
  ...over,
});

describe('rangesOverlap', () => {
  it('treats ranges as half-open', () => {
    const [a, b, c, d] = ['05:00', '09:00', '08:59', '10:00'].map((t) => at(`2024-06-20T${t}:00Z`));
    expect(rangesOverlap(a, b, c, d)).toBe(true);
    expect(rangesOverlap(a, b, b, d)).toBe(false);
    expect(rangesOverlap(c, d, a, b)).toBe(true);
    expect(rangesOverlap(a, d, c, b)).toBe(true); // containment
  });
});

describe('findSpeakerConflicts', () => {
  const slot = {
    startAt: at('2024-06-20T08:00:00Z'),
    endAt: at('2024-06-20T10:00:00Z'),
    speakerIds: ['sp1', 'sp2'],
  };

  it('finds overlapping bookings of the same speakers', () => {
    const found = findSpeakerConflicts(slot, [
      booking({}),
      booking({
        speakerId: 'sp2',
        speakerName: 'Bolat',
        sessionId: 's3',
        startAt: at('2024-06-20T09:30:00Z'),
        endAt: at('2024-06-20T11:00:00Z'),
      }),
      booking({ speakerId: 'sp9', sessionId: 's4' }),
    ]);
    expect(found.map((c) => [c.speakerId, c.sessionId])).toEqual([
      ['sp1', 'other'],
      ['sp2', 's3'],
    ]);
  });

  it('ignores cancelled sessions, touching ranges and the session itself', () => {
    expect(
      findSpeakerConflicts({ ...slot, sessionId: 'self' }, [
        booking({ status: 'cancelled' }),
        booking({ startAt: at('2024-06-20T10:00:00Z'), endAt: at('2024-06-20T12:00:00Z') }),
        booking({ sessionId: 'self' }),
      ]),
    ).toEqual([]);
  });

  it('still counts ended and live sessions', () => {
    expect(
      findSpeakerConflicts(slot, [booking({ status: 'ended' }), booking({ status: 'live', sessionId: 'x' })]),
    ).toHaveLength(2);
  });
});

describe('speakerConflictError', () => {
  it('names the speaker and the conflicting session with its local time, and lists every conflict', () => {
    const err = speakerConflictError([
      booking({}),
      booking({
        sessionId: 's2',
        title: 'Oratory',
        startAt: at('2024-02-28T18:00:00Z'),
        endAt: at('2024-02-29T20:00:00Z'),
      }),
    ]);
    expect(err.kind).toBe('conflict');
    expect(err.code).toBe('speaker_conflict');
    expect(err.message).toContain(
      'Aigerim Sadykova is already booked in "Primaries 101" (2024-06-20 10:00–14:00 Asia/Almaty',
    );
    expect(err.message).toContain('"Oratory" (2024-02-29 00:00–2024-03-01 01:00 Asia/Almaty');
    expect(err.details).toEqual({
      conflicts: [
        expect.objectContaining({
          speakerId: 'sp1',
          sessionId: 'other',
          title: 'Primaries 101',
          startAt: '2024-06-20T05:00:00.000Z',
          endAt: '2024-06-20T09:00:00.000Z',
        }),
        expect.objectContaining({ sessionId: 's2', title: 'Oratory' }),
      ],
    });
  });
});
