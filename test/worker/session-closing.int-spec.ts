/**
 * Sessions nobody ended are ended by the clock (the worker's SessionCloser runs this every
 * minute): recently overdue ones only, once, with their `session.ended` event — whose handler then
 * cancels the reminders still planned, as for a session the organizer ended. Real Postgres; the
 * clock is given.
 */
import { DateTime } from 'luxon';
import { endSessions } from '@qatys/domain';
import { ApiHarness, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';

describe('ending overdue sessions (integration)', () => {
  let h: ApiHarness;

  beforeAll(async () => {
    h = await startApi();
  });

  afterAll(async () => {
    await h?.close();
  });

  const now = DateTime.fromISO('2026-03-02T12:00:00', { zone: 'Asia/Almaty' });
  const endingAt = (minutesAgo: number) => ({
    startAt: now.minus({ minutes: minutesAgo + 90 }).toJSDate(),
    endAt: now.minus({ minutes: minutesAgo }).toJSDate(),
  });
  const run = () =>
    h.ds.transaction((em) => endSessions(em, { graceMinutes: 15, maxAgeHours: 24, now: now.toJSDate() }));
  const statusOf = async (id: string) =>
    ((await h.ds.query(`SELECT status FROM sessions WHERE id = $1`, [id])) as { status: string }[])[0].status;
  const endedEvents = async (id: string) =>
    (await h.ds.query(
      `SELECT payload FROM domain_events WHERE type = 'session.ended' AND aggregate_id = $1`,
      [id],
    )) as { payload: Record<string, unknown> }[];

  it('ends the recently overdue ones, once, with their event; leaves the rest', async () => {
    const program = await createProgram(h.ds);
    const overdue = await createSession(h.ds, program.id, endingAt(20));
    const overdueLive = await createSession(h.ds, program.id, { ...endingAt(60), status: 'live' });
    const justEnded = await createSession(h.ds, program.id, endingAt(5));
    const longAgo = await createSession(h.ds, program.id, endingAt(3 * 24 * 60));
    const cancelled = await createSession(h.ds, program.id, { ...endingAt(20), status: 'cancelled' });
    const future = await createSession(h.ds, program.id, {
      startAt: now.plus({ hours: 1 }).toJSDate(),
      endAt: now.plus({ hours: 2 }).toJSDate(),
    });
    const user = await h.signIn();
    const [reg] = (await h.ds.query(
      `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered') RETURNING id`,
      [user.id, overdue.id],
    )) as { id: string }[];
    // A reminder row the clock overtook (the worker would skip it; ending cancels it outright).
    await h.ds.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
       VALUES ('reminder', $1, $2, $3, $4, 1, 10, $5)`,
      [`reminder-${reg.id}-10-v1`, user.id, reg.id, overdue.id, now.minus({ hours: 2 }).toJSDate()],
    );

    const ended = await run();
    expect(new Set(ended)).toEqual(new Set([overdue.id, overdueLive.id]));
    expect(await statusOf(overdue.id)).toBe('ended');
    expect(await statusOf(overdueLive.id)).toBe('ended');
    expect(await statusOf(justEnded.id)).toBe('scheduled');
    expect(await statusOf(longAgo.id)).toBe('scheduled');
    expect(await statusOf(cancelled.id)).toBe('cancelled');
    expect(await statusOf(future.id)).toBe('scheduled');

    const [event] = await endedEvents(overdue.id);
    expect(event.payload).toEqual(
      expect.objectContaining({ sessionId: overdue.id, version: overdue.version, automatic: true }),
    );
    const reminder = async () =>
      (
        (await h.ds.query(`SELECT status, last_error FROM notifications WHERE registration_id = $1`, [
          reg.id,
        ])) as unknown[]
      )[0];
    expect(await reminder()).toEqual({ status: 'planned', last_error: null });
    // The event is taken once settled (the gateway's last presences in): as if 11 s had passed.
    await h.ds.query(
      `UPDATE domain_events SET occurred_at = occurred_at - interval '11 seconds' WHERE type = 'session.ended'`,
    );
    await h.drainOutbox();
    expect(await reminder()).toEqual({ status: 'cancelled', last_error: 'session_ended' });

    // Again: nothing more to end, no second event.
    expect(await run()).toEqual([]);
    expect(await endedEvents(overdue.id)).toHaveLength(1);
    expect(await endedEvents(justEnded.id)).toHaveLength(0);
  });
});
