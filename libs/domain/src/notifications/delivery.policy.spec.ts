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

  it('sends follow-ups after the end, until a week has passed, to people still registered', () => {
    const ended = { ...session, status: 'ended' };
    const after = new Date(session.endAt.getTime() + 60_000);
    for (const kind of ['session.followup.attended', 'session.followup.missed'] as const) {
      const facts: SendFacts = { ...reminder, kind, session: ended, now: after };
      expect(sendVerdict(facts)).toEqual({ send: true });
      // Ended early by the organizer: sent before the scheduled end too.
      expect(sendVerdict({ ...facts, now })).toEqual({ send: true });
      const week = session.endAt.getTime() + 7 * 24 * 3600_000;
      expect(sendVerdict({ ...facts, now: new Date(week) })).toEqual({ send: true });
      expect(sendVerdict({ ...facts, now: new Date(week + 1) })).toEqual({
        send: false,
        status: 'skipped',
        reason: 'stale',
      });
      expect(sendVerdict({ ...facts, session: { ...session, status: 'cancelled' } })).toMatchObject({
        status: 'skipped',
        reason: 'session_cancelled',
      });
      for (const st of ['cancelled', 'waitlisted', null]) {
        expect(sendVerdict({ ...facts, registrationStatus: st })).toMatchObject({
          status: 'skipped',
          reason: 'not_registered',
        });
      }
      expect(sendVerdict({ ...facts, recipientDisabled: true })).toMatchObject({
        reason: 'recipient_disabled',
      });
    }
    // The other notices still stop at the end.
    expect(
      sendVerdict({ ...reminder, kind: 'registration.confirmed', session: ended, now: after }),
    ).toMatchObject({ reason: 'session_ended' });
  });

  it('sends a decision while the application still has that status, with no session at all', () => {
    const decision = (kind: SendFacts['kind'], applicationStatus: string | null) =>
      sendVerdict({ ...reminder, kind, session: null, registrationStatus: null, applicationStatus });
    expect(decision('application.selected', 'selected')).toEqual({ send: true });
    expect(decision('application.waitlisted', 'waitlisted')).toEqual({ send: true });
    expect(decision('application.rejected', 'rejected')).toEqual({ send: true });
    // Declined before the mail went out; promoted off the waitlist; the application gone.
    expect(decision('application.selected', 'withdrawn')).toEqual({
      send: false,
      status: 'skipped',
      reason: 'superseded',
    });
    expect(decision('application.waitlisted', 'selected')).toMatchObject({ reason: 'superseded' });
    expect(decision('application.rejected', null)).toMatchObject({ reason: 'superseded' });
    expect(
      sendVerdict({
        ...reminder,
        kind: 'application.selected',
        session: null,
        applicationStatus: 'selected',
        recipientDisabled: true,
      }),
    ).toMatchObject({ reason: 'recipient_disabled' });
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
