import { ReviewsService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, regionByCode } from '../support/factories';
import { answers, count, openCall, wallIn } from './selection-support';

jest.setTimeout(120_000);

describe('selection: bad input, access and concurrency (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let pavlodarId: number;
  let programId: string;

  const apply = (
    user: SignedIn,
    callId: string,
    body: object = { birthDate: '2000-05-01', answers: answers() },
  ) => h.http.post(`/calls/${callId}/applications`).set(user.auth).send(body);
  const score = (user: SignedIn, applicationId: string, scores: object[]) =>
    h.http.post(`/applications/${applicationId}/scores`).set(user.auth).send({ scores });
  const full = (v: number[]) => [
    { criterion: 'career', value: v[0] },
    { criterion: 'leadership', value: v[1] },
    { criterion: 'motivation', value: v[2], comment: 'clear plan' },
  ];

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    pavlodarId = (await regionByCode(h.ds, 'KZ-55')).id;
    programId = (await createProgram(h.ds)).id;
  });
  afterAll(() => h.close());

  describe('opening a call', () => {
    it('stores the window in UTC from wall times across the 2024-03-01 change, refusing a time that happens twice', async () => {
      const call = await openCall(h, organizer, programId, {
        opens: '2024-02-20T09:00',
        closes: '2024-03-05T18:00',
      });
      expect(call.opensAt.utc).toBe('2024-02-20T03:00:00.000Z');
      expect(call.closesAt.utc).toBe('2024-03-05T13:00:00.000Z');
      expect(call.closesAt.ofRecord).toMatchObject({
        local: '2024-03-05T18:00:00+05:00',
        zone: 'Asia/Almaty',
      });
      expect(call.ageOn).toBe('2024-03-05');
      expect(call.rubric.criteria.map((c: { key: string }) => c.key)).toEqual([
        'career',
        'leadership',
        'motivation',
      ]);
      expect(call.state).toBe('closed');

      const before = await count(h.ds, 'selection_calls');
      const res = await h.http
        .post(`/programs/${programId}/calls`)
        .set(organizer.auth)
        .send({
          title: { en: 'X' },
          capacity: 50,
          timeZone: 'Asia/Almaty',
          opens: '2024-02-29T23:30',
          closes: '2024-03-05T18:00',
        })
        .expect(400);
      expect(res.body.error).toBe('ambiguous_wall_time');
      expect(await count(h.ds, 'selection_calls')).toBe(before);

      // The 400 names both occurrences with their offsets; sending one back picks it.
      expect(res.body.details.choices).toEqual(['2024-02-29T23:30+06:00', '2024-02-29T23:30+05:00']);
      const later = await openCall(h, organizer, programId, {
        opens: res.body.details.choices[1],
        closes: '2024-03-05T18:00',
      });
      expect(later.opensAt.utc).toBe('2024-02-29T18:30:00.000Z');
    });

    it('refuses quotas that cannot add up to the capacity, with the numbers, writing nothing', async () => {
      const before = await count(h.ds, 'selection_calls');
      const post = (quotas: object, extra: object = {}) =>
        h.http
          .post(`/programs/${programId}/calls`)
          .set(organizer.auth)
          .send({ title: { en: 'X' }, capacity: 50, opens: wallIn(-1), closes: wallIn(5), quotas, ...extra });
      let res = await post({ nominatedSeats: 20, regionMin: 3 }).expect(400);
      expect(res.body).toMatchObject({
        error: 'quotas_infeasible',
        message:
          'the per-region minimums add up to 60 seats over the 20 regions that may apply, but the cohort has 50',
      });
      res = await post({ nominatedSeats: 51 }).expect(400);
      expect(res.body.message).toBe('quotas.nominatedSeats (51) exceeds the capacity of the cohort (50)');
      res = await post({ regionMax: 2 }).expect(400);
      expect(res.body.message).toBe(
        'the per-region maximums allow at most 40 seats over the 20 regions that may apply, but the cohort has 50',
      );
      res = await post({ regionMax: 10 }, { allowedRegionIds: [pavlodarId] }).expect(400);
      expect(res.body.message).toBe(
        'the per-region maximums allow at most 10 seats over the 1 regions that may apply, but the cohort has 50',
      );
      res = await post({ regions: [{ regionId: pavlodarId, min: 4, max: 2 }] }).expect(400);
      expect(res.body.message).toBe(`region ${pavlodarId}: the minimum (4) is greater than the maximum (2)`);
      expect(await count(h.ds, 'selection_calls')).toBe(before);
    });

    it('is for organizers only, and validates the form', async () => {
      const attendee = await h.signIn({ homeRegionId: pavlodarId });
      await h.http
        .post(`/programs/${programId}/calls`)
        .set(attendee.auth)
        .send({ title: { en: 'X' }, capacity: 5, opens: wallIn(-1), closes: wallIn(5) })
        .expect(403);
      const res = await h.http
        .post(`/programs/${programId}/calls`)
        .set(organizer.auth)
        .send({
          title: { en: 'X' },
          capacity: 5,
          opens: wallIn(-1),
          closes: wallIn(5),
          form: [{ key: 'pick', type: 'choice', label: { en: 'Pick' }, options: [] }],
        })
        .expect(400);
      expect(res.body.message).toBe('form[0].options: a choice needs at least one option');
    });
  });

  describe('applying', () => {
    let callId: string;
    beforeAll(async () => {
      callId = (await openCall(h, organizer, programId, { capacity: 5, quotas: { nominatedSeats: 1 } })).id;
    });

    it('takes one application per person while the call is open', async () => {
      const me = await h.signIn({ homeRegionId: pavlodarId, language: 'kk' });
      const res = await apply(me, callId).expect(201);
      expect(res.body).toMatchObject({
        status: 'submitted',
        regionId: pavlodarId,
        regionCode: 'KZ-55',
        nominated: false,
      });
      expect(res.body.answers).toEqual(answers());
      expect(res.body.applicant).toBeUndefined();

      const again = await apply(me, callId).expect(409);
      expect(again.body.error).toBe('already_applied');
      expect(again.body.message).toMatch(
        new RegExp(`You applied to call ${callId} already \\(application ${res.body.id}`),
      );
      expect(
        await count(h.ds, 'selection_applications', 'call_id = $1 AND user_id = $2', [callId, me.id]),
      ).toBe(1);

      // Parallel first applications of one person: exactly one wins.
      const twin = await h.signIn({ homeRegionId: pavlodarId });
      const codes = (await Promise.all(Array.from({ length: 6 }, () => apply(twin, callId)))).map(
        (r) => r.status,
      );
      expect(codes.sort()).toEqual([201, 409, 409, 409, 409, 409]);

      const mine = await h.http.get('/applications').set(me.auth).expect(200);
      expect(mine.body).toHaveLength(1);
      expect(mine.body[0]).toMatchObject({
        id: res.body.id,
        status: 'submitted',
        callTitle: 'Жас саясаткер мектебі',
      });
    });

    it('refuses applying before or after the window with the window in the call’s zone, writing nothing', async () => {
      const early = await openCall(h, organizer, programId, {
        opens: '2031-01-10T09:00',
        closes: '2031-02-10T18:00',
      });
      const late = await openCall(h, organizer, programId, {
        opens: '2024-02-20T09:00',
        closes: '2024-03-05T18:00',
      });
      const me = await h.signIn({ homeRegionId: pavlodarId });
      let res = await apply(me, early.id).expect(409);
      expect(res.body).toMatchObject({
        error: 'call_not_open',
        message: `Call ${early.id} opens for applications at 2031-01-10T09:00 Asia/Almaty (2031-01-10T04:00:00.000Z)`,
      });
      res = await apply(me, late.id).expect(409);
      expect(res.body).toMatchObject({
        error: 'call_closed',
        message: `Call ${late.id} closed for applications at 2024-03-05T18:00 Asia/Almaty (2024-03-05T13:00:00.000Z)`,
      });
      expect(await count(h.ds, 'selection_applications', 'user_id = $1', [me.id])).toBe(0);
    });

    it('checks the answers against the form and the eligibility rules', async () => {
      const me = await h.signIn({ homeRegionId: pavlodarId });
      let res = await apply(me, callId, {
        birthDate: '2000-05-01',
        answers: { motivation_letter: '', education: 'phd', years_of_activity: 2.5, cv: 'ftp://x', extra: 1 },
      }).expect(400);
      expect(res.body.error).toBe('invalid_answers');
      expect(res.body.details.errors).toEqual([
        'answers.extra: the form has no such question',
        'answers.motivation_letter is required',
        'answers.education must be one of bachelor, master',
        'answers.years_of_activity must be a whole number',
        'answers.cv must be an http(s) link to the file (at most 2000 characters)',
      ]);
      res = await apply(me, callId, { birthDate: '1980-01-01', answers: answers() }).expect(400);
      expect(res.body.error).toBe('not_eligible');
      expect(res.body.message).toMatch(
        /^Applicants must be at most 35 on \d{4}-\d{2}-\d{2}; born 1980-01-01 is \d+$/,
      );
      res = await apply(me, callId, { birthDate: '2000-02-30', answers: answers() }).expect(400);
      expect(res.body).toMatchObject({
        error: 'invalid_date',
        message: 'birthDate must be a date YYYY-MM-DD (got "2000-02-30")',
      });
      const nowhere = await h.signIn({});
      res = await apply(nowhere, callId).expect(400);
      expect(res.body.error).toBe('home_region_required');
      // Nomination is for organizers, not a field of the application.
      res = await apply(me, callId, { birthDate: '2000-05-01', answers: answers(), nominated: true }).expect(
        400,
      );
      expect(res.body.message).toMatch(/property nominated should not exist/);
      expect(await count(h.ds, 'selection_applications', 'user_id IN ($1, $2)', [me.id, nowhere.id])).toBe(0);
    });
  });

  describe('the commission', () => {
    let callId: string;
    let reviewerA: SignedIn;
    let reviewerB: SignedIn;
    let outsider: SignedIn;
    let applicants: SignedIn[];
    let appIds: string[];

    beforeAll(async () => {
      callId = (await openCall(h, organizer, programId, { capacity: 2, quotas: { nominatedSeats: 0 } })).id;
      reviewerA = await h.signIn({ roles: ['speaker'] });
      reviewerB = await h.signIn({});
      outsider = await h.signIn({ roles: ['moderator'] });
      applicants = await Promise.all(
        [0, 1, 2].map(() => h.signIn({ homeRegionId: pavlodarId, displayName: 'Aigerim' })),
      );
      appIds = [];
      for (const a of applicants) appIds.push((await apply(a, callId).expect(201)).body.id);
      for (const r of [reviewerA, reviewerB]) {
        await h.http
          .post(`/calls/${callId}/reviewers`)
          .set(organizer.auth)
          .send({ userId: r.id })
          .expect(201);
      }
      // naming twice changes nothing
      await h.http
        .post(`/calls/${callId}/reviewers`)
        .set(organizer.auth)
        .send({ userId: reviewerA.id })
        .expect(201);
      await h.http
        .post(`/calls/${callId}/reviewers`)
        .set(reviewerA.auth)
        .send({ userId: outsider.id })
        .expect(403);
    });

    it('refuses a score off the scale, an unknown criterion or 3 decimals, writing nothing', async () => {
      let res = await score(reviewerA, appIds[0], full([8, 11, 7])).expect(400);
      expect(res.body).toMatchObject({
        error: 'score_out_of_scale',
        message: 'scores[1]: leadership 11 is outside the scale 0-10',
      });
      res = await score(reviewerA, appIds[0], [{ criterion: 'career', value: -1 }]).expect(400);
      expect(res.body.message).toBe('scores[0]: career -1 is outside the scale 0-10');
      res = await score(reviewerA, appIds[0], [{ criterion: 'charisma', value: 5 }]).expect(400);
      expect(res.body.error).toBe('unknown_criterion');
      res = await score(reviewerA, appIds[0], [{ criterion: 'career', value: 7.125 }]).expect(400);
      expect(res.body.error).toBe('score_precision');
      res = await score(reviewerA, appIds[0], [{ criterion: 'career', value: '7' }]).expect(400);
      expect(res.body.error).toBe('validation_failed');
      expect(await count(h.ds, 'selection_scores', 'call_id = $1', [callId])).toBe(0);
      expect(
        await count(h.ds, 'selection_audit', `call_id = $1 AND action = 'score.submitted'`, [callId]),
      ).toBe(0);
    });

    it('refuses scoring by someone who is not a reviewer of this call (whatever their global role)', async () => {
      const res = await score(outsider, appIds[0], full([5, 5, 5])).expect(403);
      expect(res.body.message).toBe(`You are not a reviewer of call ${callId}`);
      const org = await score(organizer, appIds[0], full([5, 5, 5])).expect(403);
      expect(org.body.message).toBe(`You are not a reviewer of call ${callId}`);
      await h.http.get(`/applications/${appIds[0]}`).set(outsider.auth).expect(404);
      await h.http.get(`/calls/${callId}/applications`).set(outsider.auth).expect(403);
      expect(await count(h.ds, 'selection_scores', 'call_id = $1', [callId])).toBe(0);
    });

    it('scores each criterion once: a second score of a criterion is a 409 and nothing of the request is written', async () => {
      await score(reviewerA, appIds[0], [{ criterion: 'career', value: 8, comment: 'strong record' }]).expect(
        201,
      );
      let res = await score(reviewerA, appIds[0], [
        { criterion: 'leadership', value: 6 },
        { criterion: 'career', value: 9 },
      ]).expect(409);
      expect(res.body.error).toBe('already_scored');
      expect(res.body.message).toMatch(
        new RegExp(`^You already scored career \\(.+\\) of application ${appIds[0]}; a score is given once$`),
      );
      expect(await count(h.ds, 'selection_scores', 'application_id = $1', [appIds[0]])).toBe(1);
      // in parallel: one wins
      const codes = (
        await Promise.all(
          [1, 2, 3].map(() => score(reviewerA, appIds[0], [{ criterion: 'leadership', value: 6 }])),
        )
      ).map((r) => r.status);
      expect(codes.sort()).toEqual([201, 409, 409]);
      res = await score(reviewerA, appIds[0], [{ criterion: 'motivation', value: 7 }]).expect(201);
      expect(res.body.othersVisible).toBe(true);
      expect(await count(h.ds, 'selection_scores', 'application_id = $1', [appIds[0]])).toBe(3);
      const app = await h.http.get(`/applications/${appIds[0]}`).set(applicants[0].auth).expect(200);
      expect(app.body.status).toBe('under_review');
    });

    it("hides the others' scores from a reviewer until they have scored every criterion themselves", async () => {
      await score(reviewerA, appIds[1], full([9, 9, 9])).expect(201);
      let res = await h.http.get(`/applications/${appIds[1]}/scores`).set(reviewerB.auth).expect(200);
      expect(res.body).toMatchObject({ othersVisible: false, scores: [] });
      await score(reviewerB, appIds[1], [{ criterion: 'career', value: 4 }]).expect(201);
      res = await h.http.get(`/applications/${appIds[1]}/scores`).set(reviewerB.auth).expect(200);
      expect(res.body.othersVisible).toBe(false);
      expect(res.body.scores.map((s: { reviewerId: string }) => s.reviewerId)).toEqual([reviewerB.id]);
      const mine = await h.http.get(`/applications/${appIds[1]}`).set(reviewerB.auth).expect(200);
      expect(mine.body.myReview).toBe('partial');
      await score(reviewerB, appIds[1], [
        { criterion: 'leadership', value: 5 },
        { criterion: 'motivation', value: 6 },
      ]).expect(201);
      res = await h.http.get(`/applications/${appIds[1]}/scores`).set(reviewerB.auth).expect(200);
      expect(res.body.othersVisible).toBe(true);
      expect(new Set(res.body.scores.map((s: { reviewerId: string }) => s.reviewerId))).toEqual(
        new Set([reviewerA.id, reviewerB.id]),
      );
      // The applicant never sees scores; organizers see all.
      await h.http.get(`/applications/${appIds[1]}/scores`).set(applicants[1].auth).expect(403);
      res = await h.http.get(`/applications/${appIds[1]}/scores`).set(organizer.auth).expect(200);
      expect(res.body.scores).toHaveLength(6);
    });

    it('takes a reviewer who declares a conflict of interest off the application, scores included', async () => {
      await score(reviewerB, appIds[0], full([2, 2, 2])).expect(201);
      let ranking = await h.http.get(`/calls/${callId}/ranking`).set(organizer.auth).expect(200);
      const entry = () =>
        ranking.body.entries.find((e: { applicationId: string }) => e.applicationId === appIds[0]);
      expect(entry()).toMatchObject({ completeReviews: 2, rank: 2 });
      await h.http
        .post(`/applications/${appIds[0]}/conflict`)
        .set(reviewerB.auth)
        .send({ reason: 'Former colleague' })
        .expect(201);
      ranking = await h.http.get(`/calls/${callId}/ranking`).set(organizer.auth).expect(200);
      expect(entry()).toMatchObject({ completeReviews: 1, rank: null, flags: ['insufficient_reviews'] });
      const res = await score(reviewerB, appIds[0], [{ criterion: 'career', value: 1 }]).expect(403);
      expect(res.body.message).toBe(
        `You declared a conflict of interest with application ${appIds[0]}: you do not review it`,
      );
      await h.http.get(`/applications/${appIds[0]}`).set(reviewerB.auth).expect(404);
      const list = await h.http.get(`/calls/${callId}/applications`).set(reviewerB.auth).expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual([appIds[1], appIds[2]].sort());
    });

    it('in explicit mode, refuses scoring an application not assigned to the reviewer', async () => {
      await h.http
        .patch(`/calls/${callId}`)
        .set(organizer.auth)
        .send({ assignmentMode: 'explicit' })
        .expect(200);
      const res = await score(reviewerA, appIds[2], full([5, 5, 5])).expect(403);
      expect(res.body.message).toBe(`Application ${appIds[2]} is not assigned to you`);
      expect(await count(h.ds, 'selection_scores', 'application_id = $1', [appIds[2]])).toBe(0);
      const assigned = await h.http
        .post(`/calls/${callId}/assignments`)
        .set(organizer.auth)
        .send({ reviewerId: reviewerA.id, applicationIds: [appIds[2]] })
        .expect(200);
      expect(assigned.body).toEqual({ added: 1 });
      await score(reviewerA, appIds[2], full([5, 5, 5])).expect(201);
      await h.http.patch(`/calls/${callId}`).set(organizer.auth).send({ assignmentMode: 'all' }).expect(200);
      // the rubric is locked once scores exist
      const locked = await h.http
        .patch(`/calls/${callId}`)
        .set(organizer.auth)
        .send({ rubric: { scale: { min: 1, max: 5 } } })
        .expect(409);
      expect(locked.body.error).toBe('rubric_locked');
    });

    it('exports the ranking as CSV with formulas defused', async () => {
      const evil = await h.signIn({
        homeRegionId: pavlodarId,
        displayName: '=HYPERLINK("http://evil.example","x")',
      });
      await apply(evil, callId).expect(201);
      const res = await h.http.get(`/calls/${callId}/ranking.csv`).set(organizer.auth).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(
        'rank,application_id,applicant,email,region,nominated,nominated_by,score,tie_break_mean,complete_reviews,incomplete_reviews,flags,tie_broken_by,submitted_at,status,override',
      );
      expect(lines).toHaveLength(6); // header, 4 applications, trailing CRLF
      const evilLine = lines.find((l) => l.includes('HYPERLINK'))!;
      expect(evilLine).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      await h.http.get(`/calls/${callId}/ranking.csv`).set(reviewerA.auth).expect(403);
    });

    it('schedules an online interview as a session with the applicant registered', async () => {
      const res = await h.http
        .post(`/applications/${appIds[2]}/interview`)
        .set(organizer.auth)
        .send({
          start: wallIn(72).replace(/:\d\d$/, ':00'),
          durationMinutes: 30,
          joinUrl: 'https://meet.example/i-1',
        })
        .expect(201);
      expect(res.body.status).toBe('interview_scheduled');
      const sessionId = res.body.interviewSessionId;
      const [session] = await h.ds.query(
        `SELECT s.program_id, s.format, s.join_url, p.status FROM sessions s JOIN programs p ON p.id = s.program_id WHERE s.id = $1`,
        [sessionId],
      );
      const [call] = await h.ds.query(`SELECT interview_program_id FROM selection_calls WHERE id = $1`, [
        callId,
      ]);
      expect(session).toMatchObject({
        program_id: call.interview_program_id,
        format: 'online',
        join_url: 'https://meet.example/i-1',
        status: 'draft',
      });
      const regs = await h.http.get('/me/registrations').set(applicants[2].auth).expect(200);
      expect(
        regs.body.items.map((r: { sessionId: string; status: string }) => [r.sessionId, r.status]),
      ).toEqual([[sessionId, 'registered']]);
      const again = await h.http
        .post(`/applications/${appIds[2]}/interview`)
        .set(organizer.auth)
        .send({ start: wallIn(80).replace(/:\d\d$/, ':00'), joinUrl: 'https://meet.example/i-2' })
        .expect(409);
      expect(again.body.error).toBe('interview_already_scheduled');
    });

    it('refuses a preview whose quotas cannot add up (400, nothing stored), and a stale commit (409)', async () => {
      const runs = await count(h.ds, 'selection_runs', 'call_id = $1', [callId]);
      const res = await h.http
        .post(`/calls/${callId}/selection-runs`)
        .set(organizer.auth)
        .send({ quotas: { nominatedSeats: 3 } })
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'quotas_infeasible',
        message: 'quotas.nominatedSeats (3) exceeds the capacity of the cohort (2)',
      });
      expect(await count(h.ds, 'selection_runs', 'call_id = $1', [callId])).toBe(runs);

      const preview = await h.http
        .post(`/calls/${callId}/selection-runs`)
        .set(organizer.auth)
        .send({})
        .expect(201);
      await score(reviewerB, appIds[2], full([6, 6, 6])).expect(201);
      const stale = await h.http
        .post(`/selection-runs/${preview.body.id}/commit`)
        .set(organizer.auth)
        .expect(409);
      expect(stale.body.error).toBe('run_stale');
      expect(await count(h.ds, 'selection_runs', `call_id = $1 AND status = 'committed'`, [callId])).toBe(0);
      expect(
        await count(h.ds, 'selection_applications', `call_id = $1 AND decided_at IS NOT NULL`, [callId]),
      ).toBe(0);
    });

    it('lets exactly one of two concurrent commits win; the call is then closed to changes', async () => {
      const [a, b] = await Promise.all(
        [0, 1].map(() =>
          h.http.post(`/calls/${callId}/selection-runs`).set(organizer.auth).send({}).expect(201),
        ),
      );
      expect(a.body.inputsHash).toBe(b.body.inputsHash);
      const results = await Promise.all(
        [a, b, a].map((r) => h.http.post(`/selection-runs/${r.body.id}/commit`).set(organizer.auth)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body.error).toBe('selection_already_committed');
      expect(await count(h.ds, 'selection_runs', `call_id = $1 AND status = 'committed'`, [callId])).toBe(1);
      const winner = results.find((r) => r.status === 200)!;
      expect(winner.body.run.summary).toMatchObject({ capacity: 2, selected: 2 });
      const decided = await count(h.ds, 'selection_applications', `call_id = $1 AND decided_at IS NOT NULL`, [
        callId,
      ]);
      expect(decided).toBe(4);
      expect(
        await count(h.ds, 'domain_events', `type = 'application.decided' AND payload->>'callId' = $1`, [
          callId,
        ]),
      ).toBe(4);

      let res = await score(reviewerA, appIds[1], [{ criterion: 'career', value: 1 }]);
      expect([403, 409]).toContain(res.status);
      res = await h.http.post(`/calls/${callId}/selection-runs`).set(organizer.auth).send({}).expect(409);
      expect(res.body.error).toBe('call_decided');
      const newcomer = await h.signIn({ homeRegionId: pavlodarId });
      res = await apply(newcomer, callId).expect(409);
      expect(res.body.error).toBe('call_closed');
    });
  });

  it('finishes an interrupted enrolment later, without doing anything twice', async () => {
    const callId = (await openCall(h, organizer, programId, { capacity: 2, quotas: {} })).id;
    const people = await Promise.all([0, 1, 2].map(() => h.signIn({ homeRegionId: pavlodarId })));
    const ids: string[] = [];
    for (const p of people) ids.push((await apply(p, callId).expect(201)).body.id);
    const reviewers = await Promise.all([0, 1].map(() => h.signIn({})));
    const service = h.app.get(ReviewsService);
    for (const r of reviewers) {
      await h.http.post(`/calls/${callId}/reviewers`).set(organizer.auth).send({ userId: r.id }).expect(201);
      for (const [k, id] of ids.entries()) {
        await service.submitScores(
          { userId: r.id, roles: ['attendee'], coordinatorRegionIds: [], timeZone: 'UTC', language: 'ru' },
          id,
          full([9 - k, 9 - k, 9 - k]).map(({ criterion, value }) => ({ criterion, value })),
        );
      }
    }
    const run = await h.http.post(`/calls/${callId}/selection-runs`).set(organizer.auth).send({}).expect(201);
    // The second selected cannot be enrolled right now (their account is disabled): the commit stands.
    await h.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [people[1].id]);
    const commit = await h.http.post(`/selection-runs/${run.body.id}/commit`).set(organizer.auth).expect(200);
    expect(commit.body.enrollment).toMatchObject({ enrolled: 0, pending: 2 });
    await h.drainOutbox();
    const status = () =>
      h.http.get(`/selection-runs/${run.body.id}/enrollment`).set(organizer.auth).expect(200);
    const first = await status();
    expect(first.body.enrollment).toMatchObject({ enrolled: 1, pending: 1 });
    expect(first.body.enrollment.failed).toEqual([
      {
        applicationId: ids[1],
        code: 'unknown_user',
        message: `userId: user ${people[1].id} does not exist or is disabled`,
      },
    ]);
    expect(first.body.run.enrollmentCompletedAt).toBeNull();
    expect(
      await count(h.ds, 'selection_audit', `call_id = $1 AND action = 'enrollment.failed'`, [callId]),
    ).toBe(1);

    await h.ds.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [people[1].id]);
    await h.http.post(`/selection-runs/${run.body.id}/enrollment`).set(organizer.auth).expect(200);
    await h.drainOutbox();
    const done = await status();
    expect(done.body.enrollment).toEqual({ enrolled: 2, unenrolled: 0, failed: [], pending: 0 });
    expect(done.body.run.enrollmentCompletedAt).not.toBeNull();
    await h.http.post(`/selection-runs/${run.body.id}/enrollment`).set(organizer.auth).expect(200);
    await h.drainOutbox();
    expect((await status()).body.enrollment).toEqual({ enrolled: 2, unenrolled: 0, failed: [], pending: 0 });
    expect(
      await count(
        h.ds,
        'program_enrollments',
        `program_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'active'`,
        [programId, [people[0].id, people[1].id]],
      ),
    ).toBe(2);
    expect(
      await count(h.ds, 'program_enrollments', `program_id = $1 AND user_id = $2`, [programId, people[2].id]),
    ).toBe(0);
  });

  it('keeps reviewers per call: a reviewer of one call is nobody on another', async () => {
    const one = (await openCall(h, organizer, programId, { capacity: 2, quotas: {} })).id;
    const two = (await openCall(h, organizer, programId, { capacity: 2, quotas: {} })).id;
    const reviewer = await h.signIn({});
    await h.http
      .post(`/calls/${one}/reviewers`)
      .set(organizer.auth)
      .send({ userId: reviewer.id })
      .expect(201);
    const applicant = await h.signIn({ homeRegionId: pavlodarId });
    const app = (await apply(applicant, two).expect(201)).body.id;
    const res = await score(reviewer, app, full([5, 5, 5])).expect(403);
    expect(res.body.message).toBe(`You are not a reviewer of call ${two}`);
    // the domain checks it too, for any caller
    await expect(
      h.app.get(ReviewsService).submitScores(
        {
          userId: reviewer.id,
          roles: ['attendee'],
          coordinatorRegionIds: [],
          timeZone: 'UTC',
          language: 'ru',
        },
        app,
        [{ criterion: 'career', value: 5 }],
      ),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
