import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSection, createSession, regionByCode } from '../support/factories';
import { eventCount, seatCounts, signInMany, statusCounts } from '../support/registrations-support';

/**
 * Seats under concurrency against real PostgreSQL. A registration without a section takes its seat
 * (or its place in line) in one statement that locks the session row only inside the server; one
 * with a section still decides under the session lock across its reads. Both kinds, cancellations
 * and promotions racing one another must leave the counters equal to the rows, never more seats
 * than capacity, nobody waiting while a seat is free, and the waitlist first come first served.
 */
jest.setTimeout(180_000);
describe('registrations under concurrency (e2e)', () => {
  let h: ApiHarness;
  let programId: string;
  let regionId: number;

  const register = (user: SignedIn, sessionId: string, body: object = {}) =>
    h.http.post(`/sessions/${sessionId}/registrations`).set(user.auth).send(body);
  const cancel = (user: SignedIn, registrationId: string) =>
    h.http.delete(`/me/registrations/${registrationId}`).set(user.auth);

  /** The rows against the counters and the events: every invariant the ledger promises. */
  async function expectLedgerExact(sessionId: string, capacity: number) {
    const counts = await statusCounts(h.ds, sessionId);
    const seats = await seatCounts(h.ds, sessionId);
    expect(seats.session).toBe(counts.registered ?? 0);
    expect(seats.session).toBeLessThanOrEqual(capacity);
    // Nobody waits for the session while it has a free seat (no section in these waits).
    if ((counts.waitlisted ?? 0) > 0) expect(seats.session).toBe(capacity);
    const bySection: { section_id: string; n: number }[] = await h.ds.query(
      `SELECT section_id, count(*)::int AS n FROM registrations
        WHERE session_id = $1 AND status = 'registered' AND section_id IS NOT NULL GROUP BY 1`,
      [sessionId],
    );
    for (const [id, n] of Object.entries(seats.sections))
      expect(n).toBe(bySection.find((s) => s.section_id === id)?.n ?? 0);
    // Every registration has exactly one created event, saying the status it was placed with.
    const [{ mismatched, missing }] = await h.ds.query(
      `SELECT count(*) FILTER (WHERE e.id IS NOT NULL AND r.status <> 'cancelled'
                                 AND NOT EXISTS (SELECT 1 FROM domain_events p
                                                  WHERE p.type = 'registration.promoted' AND p.aggregate_id = r.id)
                                 AND e.payload->>'status' <> r.status)::int AS mismatched,
              count(*) FILTER (WHERE e.id IS NULL)::int AS missing
         FROM registrations r
         LEFT JOIN domain_events e ON e.type = 'registration.created' AND e.aggregate_id = r.id
        WHERE r.session_id = $1`,
      [sessionId],
    );
    expect({ mismatched, missing }).toEqual({ mismatched: 0, missing: 0 });
    // FIFO is the lock order: distinct waitlist times, and everyone promoted joined the line
    // before everyone still in it who would have fitted as well (no section; a person waiting for
    // a full section is rightly passed over).
    const [w] = await h.ds.query(
      `SELECT count(*)::int AS waiting, count(DISTINCT waitlisted_at)::int AS distinct_times,
              (SELECT max(r.waitlisted_at) FROM registrations r
                WHERE r.session_id = $1 AND r.status = 'registered' AND r.waitlisted_at IS NOT NULL)
                < min(waitlisted_at) FILTER (WHERE section_id IS NULL) AS promoted_first
         FROM registrations WHERE session_id = $1 AND status = 'waitlisted'`,
      [sessionId],
    );
    expect(w.distinct_times).toBe(w.waiting);
    if (w.promoted_first !== null) expect(w.promoted_first).toBe(true);
  }

  beforeAll(async () => {
    h = await startApi();
    regionId = (await regionByCode(h.ds, 'KZ-55')).id;
    programId = (await createProgram(h.ds)).id;
  });
  afterAll(() => h.close());

  it('gives 200 parallel requests exactly 50 seats, with and without a section, and 150 places in line', async () => {
    const sessionId = (await createSession(h.ds, programId, { capacity: 50 })).id;
    const section = await createSection(h.ds, sessionId, { capacity: 10 });
    const users = await signInMany(h, 200, { homeRegionId: regionId });
    // Every fifth person chooses the section (the locked path); the others take the one-statement path.
    const responses = await Promise.all(
      users.map((u, i) => register(u, sessionId, i % 5 === 0 ? { sectionId: section.id } : {})),
    );
    expect(responses.map((r) => r.status)).toEqual(users.map(() => 201));
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 50, waitlisted: 150 });
    const seats = await seatCounts(h.ds, sessionId);
    expect(seats.session).toBe(50);
    expect(seats.sections[section.id]).toBeLessThanOrEqual(10);
    // The answers say what the rows say.
    const rows: { id: string; status: string }[] = await h.ds.query(
      `SELECT id, status FROM registrations WHERE session_id = $1`,
      [sessionId],
    );
    const byId = new Map(rows.map((r) => [r.id, r.status]));
    for (const r of responses) expect(r.body.status).toBe(byId.get(r.body.id));
    expect(await eventCount(h.ds, 'registration.created', sessionId)).toBe(200);
    await expectLedgerExact(sessionId, 50);

    // Three seats freed at once go to the three who waited longest and fit (someone waiting for
    // the full section is passed over).
    const line: { id: string; section_id: string | null }[] = await h.ds.query(
      `SELECT id, section_id FROM registrations WHERE session_id = $1 AND status = 'waitlisted'
        ORDER BY waitlisted_at, created_at, id`,
      [sessionId],
    );
    let sectionFree = 10 - seats.sections[section.id];
    const firstInLine: string[] = [];
    for (const r of line) {
      if (firstInLine.length === 3) break;
      if (r.section_id !== null) {
        if (sectionFree === 0) continue;
        sectionFree--;
      }
      firstInLine.push(r.id);
    }
    const freeing = responses
      .map((r, i) => ({ r, u: users[i] }))
      .filter(({ r }) => r.body.status === 'registered' && r.body.sectionId === null)
      .slice(0, 3);
    const cancelled = await Promise.all(freeing.map(({ r, u }) => cancel(u, r.body.id)));
    expect(cancelled.map((c) => c.status)).toEqual([200, 200, 200]);
    const promoted = cancelled.flatMap((c) => c.body.promoted.map((p: { id: string }) => p.id));
    expect(promoted.sort()).toEqual(firstInLine.sort());
    await expectLedgerExact(sessionId, 50);
  });

  it('keeps seats and line exact while registrations and cancellations race', async () => {
    const capacity = 20;
    const sessionId = (await createSession(h.ds, programId, { capacity })).id;
    const users = await signInMany(h, 80, { homeRegionId: regionId });
    const seated = [];
    for (const u of users.slice(0, capacity))
      seated.push({ u, id: (await register(u, sessionId).expect(201)).body.id as string });
    const [regs, cancels] = await Promise.all([
      Promise.all(users.slice(capacity).map((u) => register(u, sessionId))),
      Promise.all(seated.slice(0, 10).map(({ u, id }) => cancel(u, id))),
    ]);
    expect(regs.map((r) => r.status)).toEqual(regs.map(() => 201));
    expect(cancels.map((r) => r.status)).toEqual(cancels.map(() => 200));
    // 70 people still want a seat: 20 have one, 50 wait.
    expect(await statusCounts(h.ds, sessionId)).toEqual({ registered: 20, waitlisted: 50, cancelled: 10 });
    await expectLedgerExact(sessionId, capacity);
  });
});
