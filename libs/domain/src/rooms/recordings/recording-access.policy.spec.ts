import { mayWatchRecording } from './recording-access.policy';
import { signRecordingLink, verifyRecordingLink } from './recording-link';

describe('who may watch a recording', () => {
  it('registered attendees, speakers and those who run sessions; not the waitlisted, cancelled or others', () => {
    const f = { roles: ['attendee'], isSpeaker: false, registrationStatus: null as string | null };
    expect(mayWatchRecording({ ...f, registrationStatus: 'registered' })).toBe(true);
    expect(mayWatchRecording({ ...f, registrationStatus: 'waitlisted' })).toBe(false);
    expect(mayWatchRecording({ ...f, registrationStatus: 'cancelled' })).toBe(false);
    expect(mayWatchRecording(f)).toBe(false);
    expect(mayWatchRecording({ ...f, isSpeaker: true })).toBe(true);
    expect(mayWatchRecording({ ...f, roles: ['organizer'] })).toBe(true);
    expect(mayWatchRecording({ ...f, roles: ['moderator'] })).toBe(true);
    expect(mayWatchRecording({ ...f, roles: ['coordinator'] })).toBe(false);
  });
});

describe('recording links', () => {
  const secret = 'a-secret-that-is-long-enough-for-tests';
  const claims = {
    sessionId: '0b9c2c7e-1111-4222-8333-944455556666',
    userId: '1c9c2c7e-1111-4222-8333-944455556666',
  };
  const now = new Date('2026-12-05T10:00:00Z');

  it('opens the one recording for the one person until it expires', () => {
    const { token, expiresAt } = signRecordingLink(secret, claims, now);
    expect(expiresAt.toISOString()).toBe('2026-12-05T16:00:00.000Z');
    expect(verifyRecordingLink(secret, token, now)).toEqual(claims);
    expect(verifyRecordingLink(secret, token, expiresAt)).toBeNull();
    expect(verifyRecordingLink('another-secret-that-is-long-enough', token, now)).toBeNull();
  });

  it('refuses a link with another session, person or expiry written in', () => {
    const { token } = signRecordingLink(secret, claims, now);
    const [s, u, e, sig] = token.split('.');
    const other = '2d9c2c7e-1111-4222-8333-944455556666';
    expect(verifyRecordingLink(secret, [other, u, e, sig].join('.'), now)).toBeNull();
    expect(verifyRecordingLink(secret, [s, other, e, sig].join('.'), now)).toBeNull();
    expect(verifyRecordingLink(secret, [s, u, String(Number(e) + 3600), sig].join('.'), now)).toBeNull();
    expect(verifyRecordingLink(secret, 'garbage', now)).toBeNull();
  });
});
