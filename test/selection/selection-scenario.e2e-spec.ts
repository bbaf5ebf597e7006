/**
 * The Young Politician School from DOMAIN.md, end to end through the API: a call with a form,
 * 154 applications from 20 regions (20 nominated by the youth wing), a commission of 5 reviewers,
 * a cohort of 50 with 20 seats reserved for the nominated and at least one seat per region that
 * has a ranked applicant; ranking with ties, overrides, a preview, concurrent-safe commit,
 * enrolment in the program's sessions, and a declined seat promoting the next on the waitlist.
 *
 * Scores: reviewers 1 and 2 score every application through the API (308 requests); reviewers 3-5
 * through ReviewsService.submitScores (the same domain method the controller calls) to keep the
 * suite fast. Every score lands in the same tables with the same checks either way.
 */
import { Actor, Region, ReviewsService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession } from '../support/factories';
import { answers, count, inBatches, openCall } from './selection-support';

jest.setTimeout(300_000);

const N = 154;
const CRITERIA = ['career', 'leadership', 'motivation'] as const;
const LANGS = ['kk', 'ru', 'en'] as const;

/** Regions 0-4 are crowded, 5-18 have a few applicants, region 19 has exactly one (the last). */
const regionIndex = (i: number) => (i === N - 1 ? 19 : i < 100 ? i % 5 : i % 19);
const isNominated = (i: number) => i % 7 === 3 && i < 140; // 3, 10, ..., 136: 20 applicants
const TIE = { same: 40, lowMotivation: 41, sameMotivation: 42 };
const INCOMPLETE = 60; // reviewer 5 scores one criterion only
const INSUFFICIENT = 61; // one complete review: not ranked
const LONE = N - 1;

/** A reviewer's three scores of an application (null: does not score it). */
function scoresOf(i: number, r: number): (number | null)[] | null {
  if (i === INSUFFICIENT) return r === 0 ? [6, 6, 6] : null;
  if (i === INCOMPLETE && r === 4) return [7, null, null];
  // Three applications with equal means of exactly 8: ties for the tie-break to settle.
  if (i === TIE.same) return [8, 8, 8];
  if (i === TIE.lowMotivation) return [9, 8, 7];
  if (i === TIE.sameMotivation) return [7, 9, 8];
  if (i === LONE) return [2, 2, 2.5];
  const v = (c: number) =>
    isNominated(i) ? 2 + ((i * 13 + r * 5 + c * 3) % 4) : 4 + ((i * 31 + r * 17 + c * 7) % 7);
  const s = [v(0), v(1), v(2)];
  // One half point per application keeps everybody else's total off a whole number: no accidental ties at 8.
  if (r === 0) s[0] = s[0] < 10 ? s[0] + 0.5 : s[0] - 0.5;
  return s;
}

describe('selection: the Young Politician School (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let regions: Region[];
  let programId: string;
  let sessionIds: string[];
  let callId: string;
  let applicants: SignedIn[];
  let appIds: string[];
  let reviewers: SignedIn[];
  const indexOf = new Map<string, number>();
  /** Submission instants in microseconds, as the database keeps them (the API shows milliseconds). */
  const submittedAt = new Map<string, bigint>();

  const get = (user: SignedIn, path: string) => h.http.get(path).set(user.auth);

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    regions = await h.ds.getRepository(Region).find({ order: { id: 'ASC' } });
    expect(regions).toHaveLength(20);
    programId = (await createProgram(h.ds)).id;
    sessionIds = [];
    for (const day of ['2031-06-03T10:00', '2031-06-04T10:00']) {
      sessionIds.push((await createSession(h.ds, programId, { localStart: day })).id);
    }
  });
  afterAll(() => h.close());

  it('opens the call with its form', async () => {
    const call = await openCall(h, organizer, programId);
    callId = call.id;
    expect(call).toMatchObject({
      capacity: 50,
      minReviews: 2,
      state: 'open',
      quotas: { nominatedSeats: 20, regionMin: 1 },
    });
    const form = await get(organizer, `/calls/${callId}/form?lang=kk`).expect(200);
    expect(form.body.fields.map((f: { label: string }) => f.label)).toEqual([
      'Уәждеме хаты',
      'Білімі',
      'Тәжірибе (жыл)',
      'Түйіндеме',
    ]);
  });

  it('takes 154 applications from 20 regions, 20 of them nominated by the youth wing', async () => {
    applicants = await inBatches(
      Array.from({ length: N }, (_, i) => i),
      25,
      (i) =>
        h.signIn({
          homeRegionId: regions[regionIndex(i)].id,
          language: LANGS[i % 3],
          displayName: `Applicant ${i}`,
        }),
    );
    const created = await inBatches(applicants, 20, (a, i) =>
      h.http
        .post(`/calls/${callId}/applications`)
        .set(a.auth)
        .send({ birthDate: `${1992 + (i % 12)}-0${1 + (i % 9)}-15`, answers: answers(i) })
        .expect(201),
    );
    appIds = created.map((r) => r.body.id);
    appIds.forEach((id, i) => indexOf.set(id, i));
    const times: { id: string; us: string }[] = await h.ds.query(
      `SELECT id, (extract(epoch FROM submitted_at) * 1000000)::bigint::text AS us FROM selection_applications WHERE call_id = $1`,
      [callId],
    );
    for (const t of times) submittedAt.set(t.id, BigInt(t.us));
    const nominated = appIds.filter((_, i) => isNominated(i));
    expect(nominated).toHaveLength(20);
    await inBatches(nominated, 10, (id) =>
      h.http
        .put(`/applications/${id}/nomination`)
        .set(organizer.auth)
        .send({ nominatedBy: 'Youth wing "Jas Otan"' })
        .expect(200),
    );
    const page = await get(organizer, `/calls/${callId}/applications?nominated=true&pageSize=100`).expect(
      200,
    );
    expect(page.body.total).toBe(20);
    const [{ n }] = await h.ds.query(
      `SELECT count(DISTINCT region_id)::int AS n FROM selection_applications WHERE call_id = $1`,
      [callId],
    );
    expect(n).toBe(20);
  });

  it('names a commission of 5 (any role) who score the applications', async () => {
    reviewers = await Promise.all([
      h.signIn({ roles: ['speaker'] }),
      h.signIn({ roles: ['attendee'] }),
      h.signIn({ roles: ['coordinator'], coordinatorRegionIds: [regions[0].id] }),
      h.signIn({ roles: ['attendee'] }),
      h.signIn({ roles: ['moderator'] }),
    ]);
    for (const r of reviewers) {
      await h.http.post(`/calls/${callId}/reviewers`).set(organizer.auth).send({ userId: r.id }).expect(201);
    }
    // Reviewers 1 and 2: every application through the API.
    const jobs = appIds.flatMap((id, i) => [0, 1].map((r) => ({ id, i, r })));
    await inBatches(jobs, 20, async ({ id, i, r }) => {
      const s = scoresOf(i, r);
      if (!s) return;
      await h.http
        .post(`/applications/${id}/scores`)
        .set(reviewers[r].auth)
        .send({
          scores: s.flatMap((value, c) =>
            value === null
              ? []
              : [{ criterion: CRITERIA[c], value, ...(c === 2 ? { comment: `reviewer ${r + 1}` } : {}) }],
          ),
        })
        .expect(201);
    });

    // Before reviewer 3 scores an application, the other scores stay hidden from them.
    const hidden = await get(reviewers[2], `/applications/${appIds[0]}/scores`).expect(200);
    expect(hidden.body).toMatchObject({ othersVisible: false, scores: [] });

    // Reviewers 3-5: through the domain service.
    const service = h.app.get(ReviewsService);
    const actor = (u: SignedIn): Actor => ({
      userId: u.id,
      roles: ['attendee'],
      coordinatorRegionIds: [],
      timeZone: 'Asia/Almaty',
      language: 'ru',
    });
    const bulk = appIds.flatMap((id, i) => [2, 3, 4].map((r) => ({ id, i, r })));
    await inBatches(bulk, 20, async ({ id, i, r }) => {
      const s = scoresOf(i, r);
      if (!s) return;
      await service.submitScores(
        actor(reviewers[r]),
        id,
        s.flatMap((value, c) => (value === null ? [] : [{ criterion: CRITERIA[c], value }])),
      );
    });
    const visible = await get(reviewers[2], `/applications/${appIds[0]}/scores`).expect(200);
    expect(visible.body.othersVisible).toBe(true);
    expect(visible.body.scores).toHaveLength(15);

    const list = await get(organizer, `/calls/${callId}/reviewers`).expect(200);
    expect(list.body.map((r: { completeReviews: number }) => r.completeReviews)).toEqual([
      154, 153, 153, 153, 152,
    ]);
    expect(await count(h.ds, 'selection_scores', 'call_id = $1', [callId])).toBe(154 * 15 - 4 * 3 - 2);
  });

  /** The expected ranking, computed here from the score table above with the documented rules. */
  function expectedRanking(): { ranked: string[]; unranked: string[] } {
    const rows = appIds.map((id, i) => {
      const complete = [0, 1, 2, 3, 4]
        .map((r) => scoresOf(i, r))
        .filter((s): s is number[] => !!s && s.every((v) => v !== null));
      const score = complete.reduce((sum, s) => sum + (s[0] + s[1] + s[2]) / 3, 0) / complete.length;
      const motivation = complete.reduce((sum, s) => sum + s[2], 0) / complete.length;
      return { id, n: complete.length, score, motivation };
    });
    const ranked = rows
      .filter((r) => r.n >= 2)
      .sort(
        (a, b) =>
          b.score - a.score ||
          b.motivation - a.motivation ||
          Number(submittedAt.get(a.id)! - submittedAt.get(b.id)!) ||
          (a.id < b.id ? -1 : 1),
      );
    return { ranked: ranked.map((r) => r.id), unranked: rows.filter((r) => r.n < 2).map((r) => r.id) };
  }

  interface RankingEntry {
    applicationId: string;
    rank: number | null;
    score: number | null;
    tieBreakMean: number | null;
    tieBrokenBy: string | null;
    nominated: boolean;
    flags: string[];
    completeReviews: number;
    incompleteReviews: number;
  }
  let ranking: RankingEntry[];

  it('ranks by the mean of reviewers’ weighted means, breaks ties as documented and flags incomplete reviews', async () => {
    const res = await get(organizer, `/calls/${callId}/ranking`).expect(200);
    expect(res.body.order).toBe(
      'score desc, then motivation mean desc, then earlier submission, then application id',
    );
    ranking = res.body.entries;
    const expected = expectedRanking();
    expect(ranking.filter((e) => e.rank !== null).map((e) => e.applicationId)).toEqual(expected.ranked);
    expect(ranking.filter((e) => e.rank === null).map((e) => e.applicationId)).toEqual(expected.unranked);
    expect(ranking.filter((e) => e.rank !== null).map((e) => e.rank)).toEqual(
      expected.ranked.map((_, k) => k + 1),
    );

    const at = (i: number) => ranking.find((e) => e.applicationId === appIds[i])!;
    // The three tied at 8: motivation 8 twice (earlier submission first), then motivation 7.
    const tied = [TIE.same, TIE.sameMotivation, TIE.lowMotivation].map(at);
    for (const e of tied) expect(e.score).toBeCloseTo(8, 10);
    const [first, second] = [at(TIE.same), at(TIE.sameMotivation)].sort((a, b) => a.rank! - b.rank!);
    expect(submittedAt.get(first.applicationId)! <= submittedAt.get(second.applicationId)!).toBe(true);
    expect(second.rank).toBe(first.rank! + 1);
    expect(second.tieBrokenBy).toBe('submitted_at');
    expect(at(TIE.lowMotivation)).toMatchObject({
      rank: second.rank! + 1,
      tieBrokenBy: 'tie_break_criterion',
      tieBreakMean: 7,
    });
    expect(first.tieBrokenBy).toBeNull();

    expect(at(INCOMPLETE)).toMatchObject({
      completeReviews: 4,
      incompleteReviews: 1,
      flags: ['incomplete_reviews'],
    });
    expect(at(INCOMPLETE).rank).not.toBeNull();
    expect(at(INSUFFICIENT)).toMatchObject({
      rank: null,
      completeReviews: 1,
      flags: ['insufficient_reviews'],
    });
    expect(at(LONE).rank).toBe(expected.ranked.length); // last

    const csv = await get(organizer, `/calls/${callId}/ranking.csv`).expect(200);
    expect(csv.text.split('\r\n')).toHaveLength(N + 2);
  });

  let forcedIn: string;
  let forcedOut: string;

  it('records overrides with who, when and why', async () => {
    const ranked = ranking.filter((e) => e.rank !== null);
    forcedOut = ranked[0].applicationId;
    // the lowest ranked non-nominated applicant of a crowded region
    forcedIn = [...ranked]
      .reverse()
      .find((e) => !e.nominated && regionIndex(indexOf.get(e.applicationId)!) === 0)!.applicationId;
    await h.http
      .put(`/applications/${forcedOut}/override`)
      .set(organizer.auth)
      .send({ decision: 'reject', reason: 'Already in the 2023 cohort' })
      .expect(200);
    const res = await h.http
      .put(`/applications/${forcedIn}/override`)
      .set(organizer.auth)
      .send({ decision: 'select', reason: 'Commission decision: strongest project' })
      .expect(200);
    expect(res.body).toMatchObject({ decision: 'select', createdBy: organizer.id });
    await h.http
      .put(`/applications/${forcedIn}/override`)
      .set(organizer.auth)
      .send({ decision: 'select', reason: '' })
      .expect(400);
    const audit = await get(organizer, `/calls/${callId}/audit?applicationId=${forcedIn}`).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'application.submitted',
      'score.submitted',
      'score.submitted',
      'score.submitted',
      'score.submitted',
      'score.submitted',
      'override.set',
    ]);
    expect(audit.body.items[6]).toMatchObject({
      actorId: organizer.id,
      details: { decision: 'select', reason: 'Commission decision: strongest project' },
    });
    const scorers = audit.body.items.slice(1, 6).map((a: { actorId: string }) => a.actorId);
    expect(new Set(scorers)).toEqual(new Set(reviewers.map((r) => r.id)));
  });

  let runId: string;
  let outcomes: Array<{
    applicationId: string;
    decision: string;
    rank: number | null;
    waitlistRank: number | null;
    reason: string;
  }>;

  it('refuses a preview whose quotas need more seats than the cohort has, storing nothing', async () => {
    const before = await count(h.ds, 'selection_runs', 'call_id = $1', [callId]);
    const crowded = [0, 1, 2].map((k) => ({ regionId: regions[k].id, min: 10 }));
    const res = await h.http
      .post(`/calls/${callId}/selection-runs`)
      .set(organizer.auth)
      .send({ quotas: { nominatedSeats: 20, regionMin: 1, regions: crowded } })
      .expect(400);
    expect(res.body.error).toBe('quotas_infeasible');
    expect(res.body.message).toMatch(
      /^The quotas need at least (\d+) seats but 49 are left after 1 forced selections in a cohort of 50: 20 reserved for nominated applicants \(\d+ of whom can also fill a regional minimum\) and \d+ to give 20 regions their minimum/,
    );
    expect(res.body.details.required).toBeGreaterThan(49);
    expect(await count(h.ds, 'selection_runs', 'call_id = $1', [callId])).toBe(before);
  });

  it('previews the cohort: 50 seats, 20 nominated, every region with a ranked applicant, then rank; the rest waitlisted', async () => {
    const res = await h.http.post(`/calls/${callId}/selection-runs`).set(organizer.auth).send({}).expect(201);
    runId = res.body.id;
    outcomes = res.body.outcomes;
    expect(res.body).toMatchObject({ status: 'preview', callId });
    expect(res.body.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    const s = res.body.summary;
    expect(s).toMatchObject({ capacity: 50, selected: 50, nominatedSelected: 20 });
    expect(s.waitlisted + s.rejected + s.selected).toBe(N);
    expect(s.warnings).toEqual([
      '1 applications have fewer than 2 complete reviews: they are not ranked and will be rejected unless forced in',
    ]);

    const by = new Map(outcomes.map((o) => [o.applicationId, o]));
    const selected = outcomes.filter((o) => o.decision === 'selected');
    expect(selected).toHaveLength(50);
    expect(selected.filter((o) => isNominated(indexOf.get(o.applicationId)!))).toHaveLength(20);
    expect(new Set(selected.map((o) => regionIndex(indexOf.get(o.applicationId)!))).size).toBe(20);
    expect(by.get(forcedIn)).toMatchObject({ decision: 'selected', reason: 'forced' });
    expect(by.get(forcedOut)).toMatchObject({ decision: 'rejected', reason: 'override' });
    expect(by.get(appIds[INSUFFICIENT])).toMatchObject({
      decision: 'rejected',
      reason: 'insufficient_reviews',
    });
    expect(by.get(appIds[LONE])).toMatchObject({ decision: 'selected', reason: 'region_quota' });
    // The nominated applicants scored low: they are in on the reserved seats.
    expect(selected.filter((o) => o.reason === 'nominated_quota').length).toBeGreaterThan(0);

    // Seats won on rank are the top of the ranking: every one of them ranks above everyone waitlisted.
    const waitlisted = outcomes.filter((o) => o.decision === 'waitlisted');
    const worstOnRank = Math.max(...selected.filter((o) => o.reason === 'rank').map((o) => o.rank!));
    expect(Math.min(...waitlisted.map((o) => o.rank!))).toBeGreaterThan(worstOnRank);
    // The waitlist is in rank order, numbered 1..n.
    expect(waitlisted.map((o) => o.waitlistRank)).toEqual(waitlisted.map((_, k) => k + 1));
    expect(waitlisted.map((o) => o.rank)).toEqual([...waitlisted.map((o) => o.rank)].sort((a, b) => a! - b!));

    // Nothing is decided by a preview.
    expect(
      await count(h.ds, 'selection_applications', 'call_id = $1 AND decided_at IS NOT NULL', [callId]),
    ).toBe(0);
  });

  it('commits once (concurrent commits: exactly one wins), enrols the selected in every session, and records the decisions', async () => {
    const other = await h.http
      .post(`/calls/${callId}/selection-runs`)
      .set(organizer.auth)
      .send({})
      .expect(201);
    const [a, b] = await Promise.all([
      h.http.post(`/selection-runs/${runId}/commit`).set(organizer.auth),
      h.http.post(`/selection-runs/${other.body.id}/commit`).set(organizer.auth),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error).toBe('selection_already_committed');
    runId = winner.body.run.id;
    outcomes = winner.body.run.outcomes;
    expect(winner.body.run).toMatchObject({ status: 'committed', committedBy: organizer.id });
    // The commit does not enrol inline: the 50 are pending until the outbox's handler runs.
    expect(winner.body.enrollment).toEqual({ enrolled: 0, unenrolled: 0, failed: [], pending: 50 });
    expect(winner.body.run.enrollmentCompletedAt).toBeNull();
    expect(await count(h.ds, 'program_enrollments', `program_id = $1`, [programId])).toBe(0);
    await h.drainOutbox();
    const done = await h.http.get(`/selection-runs/${runId}/enrollment`).set(organizer.auth).expect(200);
    expect(done.body.enrollment).toEqual({ enrolled: 50, unenrolled: 0, failed: [], pending: 0 });
    expect(done.body.run.enrollmentCompletedAt).not.toBeNull();
    expect(await count(h.ds, 'selection_runs', `call_id = $1 AND status = 'committed'`, [callId])).toBe(1);

    const statuses = await h.ds.query(
      `SELECT status, count(*)::int AS n FROM selection_applications WHERE call_id = $1 GROUP BY status ORDER BY status`,
      [callId],
    );
    const waitlisted = outcomes.filter((o) => o.decision === 'waitlisted').length;
    expect(statuses).toEqual([
      { status: 'rejected', n: 2 },
      { status: 'selected', n: 50 },
      { status: 'waitlisted', n: waitlisted },
    ]);
    expect(waitlisted).toBe(102);

    // Enrolled in the program and registered for each of its sessions.
    expect(
      await count(h.ds, 'program_enrollments', `program_id = $1 AND status = 'active'`, [programId]),
    ).toBe(50);
    for (const s of sessionIds) {
      expect(await count(h.ds, 'registrations', `session_id = $1 AND status = 'registered'`, [s])).toBe(50);
    }

    // One decision event per application, in the applicant's language, for the worker's notices.
    const events: { payload: Record<string, unknown> }[] = await h.ds.query(
      `SELECT payload FROM domain_events WHERE type = 'application.decided' AND payload->>'callId' = $1`,
      [callId],
    );
    expect(events).toHaveLength(N);
    const sample = events.find((e) => e.payload.applicationId === appIds[LONE])!.payload;
    expect(sample).toMatchObject({
      userId: applicants[LONE].id,
      decision: 'selected',
      language: LANGS[LONE % 3],
      programId,
    });

    // Every decision is in the audit trail with who and when.
    expect(
      await count(h.ds, 'selection_audit', `call_id = $1 AND action = 'decision' AND actor_id = $2`, [
        callId,
        organizer.id,
      ]),
    ).toBe(N);

    // Applicants see their status.
    const mine = await get(applicants[LONE], '/applications').expect(200);
    expect(mine.body[0]).toMatchObject({
      status: 'selected',
      decisionReason: 'region_quota',
      enrolled: true,
    });
    const out = await get(applicants[indexOf.get(forcedOut)!], `/applications/${forcedOut}`).expect(200);
    expect(out.body).toMatchObject({
      status: 'rejected',
      decisionReason: 'override: Already in the 2023 cohort',
    });

    // Asking for the enrolment again does nothing more.
    const again = await h.http.post(`/selection-runs/${runId}/enrollment`).set(organizer.auth).expect(200);
    expect(again.body.enrollment).toEqual({ enrolled: 50, unenrolled: 0, failed: [], pending: 0 });
    await h.drainOutbox();
    expect(
      await count(h.ds, 'program_enrollments', `program_id = $1 AND status = 'active'`, [programId]),
    ).toBe(50);
  });

  it('gives a declined seat to the next on the waitlist, enrols them and unenrols the decliner', async () => {
    // A seat won on rank in a crowded region (the region keeps its minimum without it).
    const decliner = outcomes.find(
      (o) => o.reason === 'rank' && regionIndex(indexOf.get(o.applicationId)!) < 5,
    )!;
    const next = outcomes.find((o) => o.waitlistRank === 1)!;
    const who = applicants[indexOf.get(decliner.applicationId)!];

    const waiting = applicants[indexOf.get(next.applicationId)!];
    let res = await h.http
      .post(`/applications/${next.applicationId}/decline`)
      .set(waiting.auth)
      .send({})
      .expect(409);
    expect(res.body.error).toBe('not_selected');
    await h.http
      .post(`/applications/${decliner.applicationId}/decline`)
      .set(waiting.auth)
      .send({})
      .expect(404);

    res = await h.http
      .post(`/applications/${decliner.applicationId}/decline`)
      .set(who.auth)
      .send({ reason: 'Cannot travel to Astana in June' })
      .expect(201);
    // Withdrawn at once; still enrolled until the outbox unenrols them.
    expect(res.body.application).toMatchObject({ status: 'withdrawn', enrolled: true });
    expect(res.body.promotedApplicationIds).toEqual([next.applicationId]);
    // The decliner leaves and the promoted joins through the outbox: both pending in the answer.
    expect(res.body.enrollment).toMatchObject({ enrolled: 49, unenrolled: 0, pending: 2 });
    await h.drainOutbox();
    const after = await h.http.get(`/selection-runs/${runId}/enrollment`).set(organizer.auth).expect(200);
    expect(after.body.enrollment).toEqual({ enrolled: 50, unenrolled: 1, failed: [], pending: 0 });
    expect((await get(who, `/applications/${decliner.applicationId}`).expect(200)).body.enrolled).toBe(false);

    const promoted = await get(waiting, `/applications/${next.applicationId}`).expect(200);
    expect(promoted.body).toMatchObject({
      status: 'selected',
      decisionReason: 'waitlist_promotion',
      enrolled: true,
      waitlistRank: null,
    });
    const [enrolment] = await h.ds.query(
      `SELECT status FROM program_enrollments WHERE program_id = $1 AND user_id = $2`,
      [programId, who.id],
    );
    expect(enrolment.status).toBe('cancelled');
    expect(
      await count(h.ds, 'program_enrollments', `program_id = $1 AND status = 'active'`, [programId]),
    ).toBe(50);
    for (const s of sessionIds) {
      expect(await count(h.ds, 'registrations', `session_id = $1 AND status = 'registered'`, [s])).toBe(50);
    }
    const [event] = await h.ds.query(
      `SELECT payload FROM domain_events WHERE type = 'application.decided' AND aggregate_id = $1 AND payload->>'promoted' = 'true'`,
      [next.applicationId],
    );
    expect(event.payload).toMatchObject({
      decision: 'selected',
      userId: waiting.id,
      language: LANGS[indexOf.get(next.applicationId)! % 3],
    });
    expect(
      await count(h.ds, 'selection_applications', `call_id = $1 AND status = 'selected'`, [callId]),
    ).toBe(50);

    // Declining again changes nothing.
    res = await h.http
      .post(`/applications/${decliner.applicationId}/decline`)
      .set(who.auth)
      .send({})
      .expect(201);
    expect(res.body.promotedApplicationIds).toEqual([]);
    expect(
      await count(h.ds, 'selection_applications', `call_id = $1 AND status = 'selected'`, [callId]),
    ).toBe(50);
  });

  it('gives the seat of a region’s only participant to the next on the waitlist when nobody from that region waits', async () => {
    const lone = applicants[LONE];
    const waiting: { id: string; region_id: number }[] = await h.ds.query(
      `SELECT id, region_id FROM selection_applications WHERE call_id = $1 AND status = 'waitlisted' ORDER BY waitlist_rank`,
      [callId],
    );
    expect(waiting.some((w) => w.region_id === regions[19].id)).toBe(false);
    const res = await h.http
      .post(`/applications/${appIds[LONE]}/decline`)
      .set(lone.auth)
      .send({})
      .expect(201);
    expect(res.body.promotedApplicationIds).toEqual([waiting[0].id]);
    expect(
      await count(h.ds, 'selection_applications', `call_id = $1 AND status = 'selected'`, [callId]),
    ).toBe(50);
  });
});
