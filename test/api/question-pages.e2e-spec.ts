import { compareQuestions, QuestionsService } from '@qatys/domain';
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createOrganization, createProgram, createSession } from '../support/factories';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);
/**
 * Question lists are sorted and cut into pages by PostgreSQL (one page reads its own rows, not
 * the whole session's), in exactly the order of question.policy's compareQuestions; and the page
 * a join link opens already says how many pages of questions its reader will see.
 */
describe('question pages (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let attendee: SignedIn;
  let sessionId: string;
  let registrationId: string;
  let token: string;

  beforeAll(async () => {
    h = await startApi();
    const orgId = (await createOrganization(h.ds)).id;
    organizer = await h.signIn({ roles: ['organizer'], organizationId: orgId });
    attendee = await h.signIn();
    const program = await createProgram(h.ds, { organizationId: orgId, status: 'published' });
    sessionId = (await createSession(h.ds, program.id, { joinUrl: 'https://meet.example.kz/p' })).id;
    const reg = await h.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(attendee.auth)
      .send({})
      .expect(201);
    registrationId = reg.body.id;
    token = (
      await h.http.get(`/me/registrations/${registrationId}/join-token`).set(attendee.auth).expect(200)
    ).body.token;
    // 43 questions full of ties: 4 vote counts, 3 instants (two questions share each
    // millisecond, one differs below it), some pinned, every status.
    await h.ds.query(
      `INSERT INTO questions (session_id, author_id, text, anonymous, status, pinned, upvotes, created_at)
       SELECT $1, $2, 'q' || g, false,
              (ARRAY['approved','answered','pending','dismissed'])[1 + g % 4],
              g % 11 = 0, g % 4,
              timestamptz '2026-12-01 10:00:00.123456+00' + (g % 3) * interval '1 second'
                + CASE WHEN g % 5 = 0 THEN interval '300 microseconds' ELSE interval '0' END
         FROM generate_series(1, 43) g`,
      [sessionId, organizer.id],
    );
  });
  afterAll(() => h.close());

  /** Every question of the session in the policy's order, sorted in JavaScript. */
  async function expected(order: 'votes' | 'time', where = 'true'): Promise<string[]> {
    const rows: { id: string; pinned: boolean; upvotes: number; created_at: Date }[] = await h.ds.query(
      `SELECT id, pinned, upvotes, created_at FROM questions WHERE session_id = $1 AND ${where}`,
      [sessionId],
    );
    return rows
      .map((r) => ({ id: r.id, pinned: r.pinned, upvotes: r.upvotes, createdAt: r.created_at }))
      .sort(compareQuestions(order))
      .map((r) => r.id);
  }

  it.each(['votes', 'time'] as const)('pages in the %s order of the policy, ties included', async (order) => {
    const seen: string[] = [];
    for (let page = 1; page <= 7; page++) {
      const res = await h.http
        .get(`/sessions/${sessionId}/questions?order=${order}&pageSize=7&page=${page}`)
        .set(organizer.auth)
        .expect(200);
      expect(res.body.total).toBe(43);
      expect(res.body.items.length).toBe(page < 7 ? 7 : 1);
      seen.push(...res.body.items.map((q: { id: string }) => q.id));
    }
    expect(seen).toEqual(await expected(order));
    // Past the last page: no question, the total still said.
    const past = await h.http
      .get(`/sessions/${sessionId}/questions?order=${order}&pageSize=7&page=9`)
      .set(organizer.auth)
      .expect(200);
    expect(past.body).toMatchObject({ items: [], total: 43, page: 9 });
  });

  it('gives a join-link visitor the audience’s questions only, paged the same way', async () => {
    const res = await h.http
      .post('/app/join-view')
      .send({ token, questionsPage: 1, questionsOrder: 'votes' })
      .expect(200);
    const audience = await expected('votes', `status IN ('approved', 'answered')`);
    expect(res.body.questions.total).toBe(audience.length);
    expect(res.body.questions.items.map((q: { id: string }) => q.id)).toEqual(audience);
  });

  it('writes the page count into the page a join link opens, for that link only', async () => {
    const page = await h.http.get(`/join/${registrationId}?t=${token}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<meta name="qatys-question-pages" content="1" />');
    // 450 more approved questions: 22 + 450 = 472 the audience sees, three pages of 200.
    await h.ds.query(
      `INSERT INTO questions (session_id, author_id, text, anonymous, status)
       SELECT $1, $2, 'more ' || g, false, 'approved' FROM generate_series(1, 450) g`,
      [sessionId, organizer.id],
    );
    const more = await h.http.get(`/join/${registrationId}?t=${token}`).expect(200);
    expect(more.text).toContain('<meta name="qatys-question-pages" content="3" />');

    // A forged token, another registration's address, no token: the plain page, no count.
    const [head, body] = token.split('.');
    for (const url of [
      `/join/${registrationId}?t=${head}.${body}.forged`,
      `/join/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}?t=${token}`,
      `/join/${registrationId}`,
    ]) {
      const plain = await h.http.get(url).expect(200);
      expect(plain.text).toContain('<div id="root">');
      expect(plain.text).not.toContain('qatys-question-pages');
    }
  });

  it('reads a join link’s question pages when it serves the page, for that link’s first requests only', async () => {
    const other = await h.signIn();
    const otherReg = await h.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(other.auth)
      .send({})
      .expect(201);
    const otherToken = (
      await h.http.get(`/me/registrations/${otherReg.body.id}/join-token`).set(other.auth).expect(200)
    ).body.token;
    const view = (t: string, questionsPage: number, questionsOrder = 'votes') =>
      h.http.post('/app/join-view').send({ token: t, questionsPage, questionsOrder }).expect(200);
    // Twice: the first may take what the previous test's page loads left prepared (once each).
    await Promise.all([1, 2, 3].map((page) => view(token, page)));
    const fresh = await Promise.all([1, 2, 3].map((page) => view(token, page)));
    // Every read of question pages, whoever asks it (one read may give several pages).
    const reads = jest.spyOn(h.app.get(QuestionsService), 'listPages');
    try {
      await h.http.get(`/join/${registrationId}?t=${token}`).expect(200);
      // Its three pages are read once the page is sent (while a browser loads the scripts), all
      // three with one read: one sorted statement, not one per page.
      await waitFor('the three pages read for the link', () => reads.mock.calls.length === 1);
      expect(reads.mock.calls[0][3]).toBe(3);
      // The page's own requests take them: no read, the same questions as read one by one just
      // before (the slices of the one read are the pages).
      for (const page of [1, 2, 3]) expect((await view(token, page)).body).toEqual(fresh[page - 1].body);
      expect(reads).toHaveBeenCalledTimes(1);
      // Once each: asked again, a page is read anew; as are another person's, and another order.
      await view(token, 1);
      await view(otherToken, 1);
      await view(token, 1, 'time');
      expect(reads).toHaveBeenCalledTimes(4);
      // The same page served again within a second reads nothing more (no tenfold reads per reload).
      await h.http.get(`/join/${registrationId}?t=${token}`).expect(200);
      await h.http.get(`/join/${registrationId}?t=${token}`).expect(200);
      await waitFor('the pages read for the link again', () => reads.mock.calls.length >= 5);
      // A forged token is refused as always, whatever was read for the real one.
      const [head, body] = token.split('.');
      await h.http
        .post('/app/join-view')
        .send({ token: `${head}.${body}.forged`, questionsPage: 1 })
        .expect(401);
      expect(reads.mock.calls.length).toBe(5);
    } finally {
      reads.mockRestore();
    }
  });
});
