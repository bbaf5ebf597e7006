import { chooseChannels, SendFacts, sendVerdict } from './delivery.policy';

const now = new Date('2024-06-20T05:00:00Z');
const session = {
  status: 'scheduled',
  version: 2,
  startAt: new Date('2024-06-20T06:00:00Z'),
  endAt: new Date('2024-06-20T10:00:00Z'),
};
const reminder: SendFacts = {
  kind: 'reminder',
  plannedVersion: 2,
  session,
  registrationStatus: 'registered',
  recipientDisabled: false,
  now,
};

describe('sendVerdict', () => {
  it('sends a reminder whose session, version and registration are unchanged', () => {
    expect(sendVerdict(reminder)).toEqual({ send: true });
  });

  it('cancels a reminder for a cancelled or moved session, or someone no longer registered', () => {
    expect(sendVerdict({ ...reminder, session: { ...session, status: 'cancelled' } })).toEqual({
      send: false,
      status: 'cancelled',
      reason: 'session_cancelled',
    });
    expect(sendVerdict({ ...reminder, session: { ...session, version: 3 } })).toMatchObject({
      status: 'cancelled',
      reason: 'session_moved',
    });
    for (const st of ['cancelled', 'waitlisted', null]) {
      expect(sendVerdict({ ...reminder, registrationStatus: st })).toMatchObject({
        reason: 'not_registered',
      });
    }
    expect(sendVerdict({ ...reminder, session: null })).toMatchObject({ reason: 'session_gone' });
  });

  it('never sends a reminder at or after the start: it is skipped', () => {
    expect(sendVerdict({ ...reminder, now: session.startAt })).toEqual({
      send: false,
      status: 'skipped',
      reason: 'session_started',
    });
    expect(sendVerdict({ ...reminder, now: session.endAt })).toMatchObject({ reason: 'session_ended' });
    expect(sendVerdict({ ...reminder, session: { ...session, status: 'ended' } })).toMatchObject({
      reason: 'session_ended',
    });
  });

  it('skips notices that a later change made untrue', () => {
    const notice = (kind: SendFacts['kind'], registrationStatus: string, extra: Partial<SendFacts> = {}) =>
      sendVerdict({ ...reminder, kind, registrationStatus, ...extra });
    expect(notice('registration.confirmed', 'registered')).toEqual({ send: true });
    expect(notice('registration.confirmed', 'cancelled')).toMatchObject({
      status: 'skipped',
      reason: 'superseded',
    });
    expect(notice('registration.waitlisted', 'waitlisted')).toEqual({ send: true });
    expect(notice('registration.waitlisted', 'registered')).toMatchObject({ reason: 'superseded' });
    expect(notice('registration.promoted', 'registered')).toEqual({ send: true });
    expect(notice('registration.cancelled', 'cancelled')).toEqual({ send: true });
    expect(notice('registration.cancelled', 'registered')).toMatchObject({ reason: 'superseded' });
    // A second reschedule overtakes the first one's notice.
    expect(notice('session.rescheduled', 'registered')).toEqual({ send: true });
    expect(notice('session.rescheduled', 'registered', { plannedVersion: 1 })).toMatchObject({
      reason: 'superseded',
    });
    expect(notice('session.rescheduled', 'cancelled')).toMatchObject({ reason: 'not_registered' });
    expect(
      notice('session.rescheduled', 'registered', { session: { ...session, status: 'cancelled' } }),
    ).toMatchObject({ reason: 'session_cancelled' });
  });

  it('tells waitlisted and registered people a session was cancelled, until it would have ended', () => {
    const cancelled = { ...session, status: 'cancelled' };
    const facts = { ...reminder, kind: 'session.cancelled' as const, session: cancelled };
    expect(sendVerdict(facts)).toEqual({ send: true });
    expect(sendVerdict({ ...facts, registrationStatus: 'waitlisted' })).toEqual({ send: true });
    expect(sendVerdict({ ...facts, registrationStatus: 'cancelled' })).toMatchObject({
      reason: 'not_registered',
    });
    expect(sendVerdict({ ...facts, now: session.endAt })).toMatchObject({ reason: 'session_ended' });
  });

  it('sends nothing to a disabled account', () => {
    expect(sendVerdict({ ...reminder, recipientDisabled: true })).toMatchObject({
      reason: 'recipient_disabled',
    });
  });
});

describe('chooseChannels', () => {
  const endpoints = [
    { id: 'e1', url: 'https://a.example/hook', secret: 's1' },
    { id: 'e2', url: 'https://b.example/hook', secret: 's2' },
  ];
  it('sends e-mail by default and to every endpoint of the organization on a webhook preference', () => {
    expect(chooseChannels('email', 'a@b.kz', endpoints)).toEqual([
      { key: 'email', channel: 'email', target: 'a@b.kz' },
    ]);
    expect(chooseChannels('webhook', 'a@b.kz', endpoints).map((c) => c.key)).toEqual([
      'webhook-e1',
      'webhook-e2',
    ]);
  });
  it('falls back to e-mail when the organization has no active endpoint', () => {
    expect(chooseChannels('webhook', 'a@b.kz', [])).toEqual([
      { key: 'email', channel: 'email', target: 'a@b.kz' },
    ]);
  });
});
