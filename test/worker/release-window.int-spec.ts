/**
 * The release window of a reminder burst, the one rule of it (the delivery load statement's
 * `send_from`, which both the claim and the deferral use): a job sends no earlier than it asked,
 * never earlier than the policy allows for the row's offset (a share of the offset, at most
 * MAX_RELEASE_LEAD_MS), never later than due; a notice is never early. Real Postgres; the job's
 * clock is an hour before, so nothing is claimed and every call only reads.
 */
import { loadAndClaim } from '../../libs/domain/src/notifications/delivery.queries';
import { ApiHarness, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';

describe('the release window of a reminder (integration)', () => {
  let h: ApiHarness;
  let reminderId: string;
  let noticeId: string;
  const due = new Date('2031-03-04T06:50:00Z');

  beforeAll(async () => {
    h = await startApi();
    const program = await createProgram(h.ds);
    const session = await createSession(h.ds, program.id, { startAt: new Date('2031-03-04T07:00:00Z') });
    const p = await h.signIn();
    const [reg] = await h.ds.query(
      `INSERT INTO registrations (user_id, session_id, status) VALUES ($1, $2, 'registered') RETURNING id`,
      [p.id, session.id],
    );
    const rows: { id: string }[] = await h.ds.query(
      `INSERT INTO notifications (kind, dedupe_key, user_id, registration_id, session_id, session_version, offset_minutes, due_at)
       VALUES ('reminder', 'reminder-w-10-v1', $1, $2, $3, 1, 10, $4),
              ('registration.confirmed', 'notice-w', $1, $2, $3, 1, NULL, $4)
       RETURNING id`,
      [p.id, reg.id, session.id, due],
    );
    [reminderId, noticeId] = rows.map((r) => r.id);
  });
  afterAll(() => h?.close());

  const sendFrom = async (id: string, asked: string | null) => {
    const [row] = await loadAndClaim(
      h.ds,
      [{ id, dueAt: due.toISOString(), sendFrom: asked, now: new Date(due.getTime() - 3_600_000) }],
      30,
      null,
    );
    return row.send_from.toISOString();
  };

  it('lets a job send no earlier than the policy allows, whatever it asks', async () => {
    expect(await sendFrom(reminderId, null)).toBe(due.toISOString());
    expect(await sendFrom(reminderId, '2031-03-04T06:49:30Z')).toBe('2031-03-04T06:49:30.000Z');
    // Asking for ten minutes early on a 10-minute reminder gets one minute (a tenth of the offset).
    expect(await sendFrom(reminderId, '2031-03-04T06:40:00Z')).toBe('2031-03-04T06:49:00.000Z');
    // A later "release" than the due instant is ignored; a notice (no offset) is never early.
    expect(await sendFrom(reminderId, '2031-03-04T07:00:00Z')).toBe(due.toISOString());
    expect(await sendFrom(noticeId, '2031-03-04T06:40:00Z')).toBe(due.toISOString());
    // Nothing was claimed: the job's clock was an hour early.
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM notification_deliveries`);
    expect(n).toBe(0);
  });
});
