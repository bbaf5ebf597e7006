import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram, createSession, regionByCode } from '../support/factories';

jest.setTimeout(60_000);
/**
 * POST /app/join-view: what the attendee page opened from a join link reads beside the socket.
 * The visitor has no account session, only the token; the list still knows them: their votes
 * (votedByMe) and their own questions waiting for a moderator come back after a reload.
 */
describe('join view (e2e)', () => {
  let h: ApiHarness;
  let asker: SignedIn;
  let other: SignedIn;
  let sessionId: string;
  let token: string;
  const ids: Record<string, string> = {};

  async function question(author: SignedIn, text: string, status: string, ageSeconds: number) {
    const [row] = await h.ds.query(
      `INSERT INTO questions (session_id, author_id, text, anonymous, status, created_at)
       VALUES ($1, $2, $3, false, $4, now() - make_interval(secs => $5)) RETURNING id`,
      [sessionId, author.id, text, status, ageSeconds],
    );
    ids[text] = row.id;
  }

  beforeAll(async () => {
    h = await startApi();
    const pavlodar = await regionByCode(h.ds, 'KZ-55');
    asker = await h.signIn({ homeRegionId: pavlodar.id });
    other = await h.signIn({ homeRegionId: pavlodar.id });
    const program = await createProgram(h.ds, { status: 'published' });
    sessionId = (await createSession(h.ds, program.id, { joinUrl: 'https://meet.example.kz/j' })).id;
    const reg = await h.http
      .post(`/sessions/${sessionId}/registrations`)
      .set(asker.auth)
      .send({})
      .expect(201);
    token = (await h.http.get(`/me/registrations/${reg.body.id}/join-token`).set(asker.auth).expect(200)).body
      .token;
    await question(other, 'old approved', 'approved', 300);
    await question(other, 'new approved', 'approved', 10);
    await question(asker, 'mine waiting', 'pending', 20);
    await question(other, 'theirs waiting', 'pending', 5);
    await question(asker, 'mine dismissed', 'dismissed', 15);
    await h.ds.query(`INSERT INTO question_votes (question_id, user_id) VALUES ($1, $2)`, [
      ids['old approved'],
      asker.id,
    ]);
    await h.ds.query(`UPDATE questions SET upvotes = 1 WHERE id = $1`, [ids['old approved']]);
  });
  afterAll(() => h.close());

  const view = (body: Record<string, unknown>) => h.http.post('/app/join-view').send({ token, ...body });
  const rows = (items: { text: string; status: string; votedByMe?: boolean }[]) =>
    items.map((q) => [q.text, q.status, q.votedByMe]);

  it('gives the visitor their votes and their own waiting question, nobody else’s', async () => {
    const res = await view({}).expect(200);
    expect(rows(res.body.questions.items)).toEqual([
      ['old approved', 'approved', true],
      ['mine waiting', 'pending', false],
      ['new approved', 'approved', false],
    ]);
  });

  it('lists the newest first on request (the catch-up after joining), and refuses another order', async () => {
    const res = await view({ questionsOrder: 'time' }).expect(200);
    expect(rows(res.body.questions.items).map(([text]) => text)).toEqual([
      'new approved',
      'mine waiting',
      'old approved',
    ]);
    const bad = await view({ questionsOrder: 'loudest' }).expect(400);
    expect(bad.body.error).toBe('validation_failed');
  });
});

/**
 * The first page also says what runs the session's video, after the fallback to `link` that a
 * grant would apply, so the attendee page asks for no grant when the video is a plain link.
 */
describe('join view: the video provider on the first page (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let sessionId: string;
  let programId: string;
  let token: string;

  beforeAll(async () => {
    // BigBlueButton is runnable here (a URL and a secret); Janus is not (no nodes).
    h = await startApi({ BBB_URL: 'https://bbb.example.kz/bigbluebutton/', BBB_SECRET: 'test-bbb-secret' });
    const pavlodar = await regionByCode(h.ds, 'KZ-55');
    const visitor = await h.signIn({ homeRegionId: pavlodar.id });
    organizer = await h.signIn({ roles: ['organizer'] });
    const program = await createProgram(h.ds, { status: 'published' });
    programId = program.id;
    sessionId = (await createSession(h.ds, program.id, { joinUrl: 'https://meet.example.kz/j' })).id;
    const reg = await h.http.post(`/sessions/${sessionId}/registrations`).set(visitor.auth).send({}).expect(201);
    token = (await h.http.get(`/me/registrations/${reg.body.id}/join-token`).set(visitor.auth).expect(200)).body
      .token;
  });
  afterAll(() => h.close());

  const providerOn = async (questionsPage: number) =>
    (await h.http.post('/app/join-view').send({ token, questionsPage }).expect(200)).body.videoProvider;
  const setVideo = (scope: 'programs' | 'sessions', id: string, provider: string | null) =>
    h.http.put(`/${scope}/${id}/video-settings`).set(organizer.auth).send({ provider }).expect(200);

  it('is the install default (link) when nothing is set, and null on later pages', async () => {
    expect(await providerOn(1)).toBe('link');
    expect(await providerOn(2)).toBeNull();
  });

  it("follows the program's choice, the session's over it, and falls back to link where a grant would", async () => {
    await setVideo('programs', programId, 'bigbluebutton');
    expect(await providerOn(1)).toBe('bigbluebutton');
    // Janus has no node here: a grant would fall back to the link, and so does the view.
    await setVideo('sessions', sessionId, 'builtin');
    expect(await providerOn(1)).toBe('link');
    await setVideo('sessions', sessionId, null);
    expect(await providerOn(1)).toBe('bigbluebutton');
  });
});
