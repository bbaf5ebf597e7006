import { decideJoin, decideStay, JoinFacts, StayFacts, staffScopeOf } from './join.policy';

const start = new Date('2024-06-20T05:00:00Z');
const end = new Date('2024-06-20T09:00:00Z');
const at = (iso: string) => new Date(iso);

const facts = (over: Partial<JoinFacts> = {}): JoinFacts => ({
  now: at('2024-06-20T05:30:00Z'),
  session: { startAt: start, endAt: end, status: 'scheduled', targetRegionIds: [55, 39] },
  joinWindowMinutes: 15,
  staff: { roles: ['attendee'], coordinatorRegionIds: [], isSpeaker: false },
  registration: { status: 'registered' },
  userDisabled: false,
  ...over,
});

describe('decideJoin: attendees', () => {
  it('lets a registered attendee in from the window before the start until the end', () => {
    expect(decideJoin(facts({ now: at('2024-06-20T04:45:00Z') }))).toEqual({
      ok: true,
      staff: null,
      counted: true,
    });
    expect(decideJoin(facts({ now: at('2024-06-20T08:59:59Z') }))).toMatchObject({ ok: true, counted: true });
  });

  it('refuses before the window with the opening instant, and after the end', () => {
    const early = decideJoin(facts({ now: at('2024-06-20T04:44:59Z') }));
    expect(early).toMatchObject({
      ok: false,
      code: 'join_window_closed',
      details: { opensAt: '2024-06-20T04:45:00.000Z' },
    });
    expect(decideJoin(facts({ now: end }))).toMatchObject({ ok: false, code: 'session_ended' });
    expect(
      decideJoin(
        facts({ session: { ...facts().session, status: 'ended' }, now: at('2024-06-20T06:00:00Z') }),
      ),
    ).toMatchObject({ ok: false, code: 'session_ended' });
  });

  it('honours the organizer-set window', () => {
    const f = facts({ now: at('2024-06-20T04:30:00Z'), joinWindowMinutes: 30 });
    expect(decideJoin(f)).toMatchObject({ ok: true, counted: true });
    expect(decideJoin({ ...f, joinWindowMinutes: 0, now: at('2024-06-20T04:59:00Z') })).toMatchObject({
      code: 'join_window_closed',
    });
  });

  it('refuses the unregistered, the waitlisted, the cancelled and disabled accounts', () => {
    expect(decideJoin(facts({ registration: null }))).toMatchObject({ ok: false, code: 'not_registered' });
    expect(decideJoin(facts({ registration: { status: 'waitlisted' } }))).toMatchObject({
      code: 'not_registered',
      message: expect.stringMatching(/waitlist/),
    });
    expect(decideJoin(facts({ registration: { status: 'cancelled' } }))).toMatchObject({
      code: 'not_registered',
    });
    expect(decideJoin(facts({ userDisabled: true }))).toMatchObject({ code: 'forbidden' });
    expect(decideJoin(facts({ session: { ...facts().session, status: 'cancelled' } }))).toMatchObject({
      code: 'session_cancelled',
    });
  });

  it('gives a join-token socket attendee rights only', () => {
    expect(decideJoin(facts({ staff: null }))).toEqual({ ok: true, staff: null, counted: true });
    expect(decideJoin(facts({ staff: null, registration: null }))).toMatchObject({ code: 'not_registered' });
  });
});

describe('decideJoin: staff', () => {
  const staff = (roles: string[], coordinatorRegionIds: number[] = [], isSpeaker = false) => ({
    roles,
    coordinatorRegionIds,
    isSpeaker,
  });

  it('lets organizers, admins, moderators and the speakers in at any time, not counted unless registered', () => {
    const early = at('2024-06-19T05:00:00Z');
    for (const s of [
      staff(['organizer']),
      staff(['admin']),
      staff(['moderator']),
      staff(['attendee'], [], true),
    ]) {
      expect(decideJoin(facts({ now: early, staff: s, registration: null }))).toEqual({
        ok: true,
        staff: { kind: 'all' },
        counted: false,
      });
    }
    expect(decideJoin(facts({ staff: staff(['organizer']) }))).toMatchObject({ counted: true });
    expect(decideJoin(facts({ now: end, staff: staff(['organizer']), registration: null }))).toMatchObject({
      ok: true,
    });
  });

  it('lets a coordinator of a targeted region in, scoped to their regions', () => {
    expect(decideJoin(facts({ staff: staff(['coordinator'], [39, 10]), registration: null }))).toEqual({
      ok: true,
      staff: { kind: 'regions', regionIds: [10, 39] },
      counted: false,
    });
    expect(decideJoin(facts({ staff: staff(['coordinator'], [10]), registration: null }))).toMatchObject({
      ok: false,
      code: 'not_registered',
    });
  });

  it('lets any coordinator into a session open to every region', () => {
    expect(staffScopeOf(staff(['coordinator'], [10]), [])).toEqual({ kind: 'regions', regionIds: [10] });
    expect(staffScopeOf(staff(['coordinator'], []), [])).toBeNull();
    expect(staffScopeOf(null, [])).toBeNull();
  });
});

describe('decideStay: rights re-checked while inside', () => {
  const stay = (over: Partial<StayFacts> = {}): StayFacts => ({
    joinedAsStaff: false,
    counted: true,
    staffNow: null,
    registration: { id: 'reg-1', status: 'registered' },
    userDisabled: false,
    ...over,
  });

  it('keeps a registered attendee, counted as before', () => {
    expect(decideStay(stay())).toEqual({ ok: true, counted: true });
  });

  it('takes out an attendee whose registration was cancelled, waitlisted or deleted', () => {
    for (const registration of [
      { id: 'reg-1', status: 'cancelled' as const },
      { id: 'reg-1', status: 'waitlisted' as const },
      null,
    ]) {
      expect(decideStay(stay({ registration }))).toEqual({
        ok: false,
        code: 'not_registered',
        message: 'Your registration for this session is no longer active',
      });
    }
  });

  it('takes out a disabled account, staff included', () => {
    expect(decideStay(stay({ userDisabled: true }))).toMatchObject({ ok: false, code: 'forbidden' });
    expect(
      decideStay(stay({ userDisabled: true, joinedAsStaff: true, staffNow: { kind: 'all' } })),
    ).toMatchObject({ ok: false, code: 'forbidden', message: 'This account is disabled' });
  });

  it('takes out a join-link socket whose registration is no longer the one in its link', () => {
    expect(decideStay(stay({ joinTokenRegistrationId: 'reg-1' }))).toEqual({ ok: true, counted: true });
    expect(
      decideStay(
        stay({ joinTokenRegistrationId: 'reg-1', registration: { id: 'reg-2', status: 'registered' } }),
      ),
    ).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decideStay(stay({ joinTokenRegistrationId: 'reg-1', registration: null }))).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
  });

  it('keeps staff while they are staff; a cancelled seat only stops them counting', () => {
    const staff = { joinedAsStaff: true, staffNow: { kind: 'all' as const } };
    expect(decideStay(stay(staff))).toEqual({ ok: true, counted: true });
    expect(decideStay(stay({ ...staff, registration: { id: 'reg-1', status: 'cancelled' } }))).toEqual({
      ok: true,
      counted: false,
    });
    expect(decideStay(stay({ ...staff, counted: false, registration: null }))).toEqual({
      ok: true,
      counted: false,
    });
    // A speaker taken off the session is no longer staff there.
    expect(decideStay(stay({ ...staff, staffNow: null }))).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'You are no longer staff of this session',
    });
  });

  it('never starts counting someone who was not counted', () => {
    expect(decideStay(stay({ counted: false }))).toEqual({ ok: true, counted: false });
  });
});
