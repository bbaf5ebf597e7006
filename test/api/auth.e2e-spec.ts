import { ApiHarness, startApi } from '../support/api-harness';

describe('auth and health (e2e)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h.close());

  it('reports Postgres and Redis up on /health without a token', async () => {
    const res = await h.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', app: 'api', checks: { postgres: 'up', redis: 'up' } });
    expect(res.headers['x-request-id']).toMatch(/[\w-]{8,}/);
  });

  it('registers an attendee, ignores no field silently and never lets a client pick a role', async () => {
    const bad = await h.http
      .post('/auth/register')
      .send({ email: 'a@b.kz', password: 'longenough', displayName: 'A', roles: ['admin'] })
      .expect(400);
    expect(bad.body.message).toMatch(/property roles should not exist/);

    const res = await h.http
      .post('/auth/register')
      .send({
        email: 'Aigerim@Example.kz',
        password: 'longenough',
        displayName: 'Aigerim',
        language: 'kk',
        timeZone: 'Asia/Qostanay',
      })
      .expect(201);
    expect(res.body.user).toMatchObject({
      email: 'aigerim@example.kz',
      roles: ['attendee'],
      language: 'kk',
      timeZone: 'Asia/Qostanay',
    });
    const me = await h.http.get('/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.id).toBe(res.body.user.id);

    const dup = await h.http
      .post('/auth/register')
      .send({ email: 'aigerim@example.kz', password: 'longenough', displayName: 'Again' })
      .expect(409);
    expect(dup.body.error).toBe('email_taken');
  });

  it('signs up with a home region in one step: a retired or unknown region creates nothing, and the first refresh token works', async () => {
    const admin = await h.signIn({ roles: ['admin'] });
    const [kept, retired] = (await h.http.get('/regions').expect(200)).body as { id: number }[];
    await h.http.post(`/regions/${retired.id}/retire`).set(admin.auth).expect(200);
    const signUp = (email: string, homeRegionId: number) =>
      h.http
        .post('/auth/register')
        .send({ email, password: 'longenough', displayName: 'Ерлан', homeRegionId });
    for (const [email, regionId] of [
      ['retired-region@example.kz', retired.id],
      ['unknown-region@example.kz', 999999],
    ] as const) {
      const res = await signUp(email, regionId).expect(400);
      expect(res.body.error).toBe('unknown_region');
      expect(await h.ds.query(`SELECT 1 FROM users WHERE email = $1`, [email])).toEqual([]);
    }
    const ok = await signUp('home-region@example.kz', kept.id).expect(201);
    expect(ok.body.user).toMatchObject({
      email: 'home-region@example.kz',
      homeRegionId: kept.id,
      roles: ['attendee'],
    });
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1`, [
      ok.body.user.id,
    ]);
    expect(n).toBe(1);
    const refreshed = await h.http
      .post('/auth/refresh')
      .send({ refreshToken: ok.body.refreshToken })
      .expect(200);
    expect(refreshed.body.user.id).toBe(ok.body.user.id);
    await h.http.post(`/regions/${retired.id}/restore`).set(admin.auth).expect(200);
  });

  it('rejects wrong credentials, missing and forged tokens with 401', async () => {
    const u = await h.signIn();
    await h.http.post('/auth/login').send({ email: u.email, password: 'wrong password' }).expect(401);
    await h.http.post('/auth/login').send({ email: 'nobody@x.kz', password: 'wrong password' }).expect(401);
    await h.http.get('/me').expect(401);
    await h.http.get('/me').set('Authorization', 'Bearer not.a.jwt').expect(401);
    const [head, body] = u.token.split('.');
    await h.http.get('/me').set('Authorization', `Bearer ${head}.${body}.forgedsignature`).expect(401);
  });

  it('rotates refresh tokens and refuses a used one', async () => {
    const u = await h.signIn();
    const r1 = await h.http.post('/auth/refresh').send({ refreshToken: u.refreshToken }).expect(200);
    expect(r1.body.refreshToken).not.toBe(u.refreshToken);
    await h.http.post('/auth/refresh').send({ refreshToken: u.refreshToken }).expect(401);
    await h.http.get('/me').set('Authorization', `Bearer ${r1.body.accessToken}`).expect(200);
  });

  it('rejects malformed JSON, unknown zones and oversize bodies with precise errors', async () => {
    const u = await h.signIn();
    const malformed = await h.http
      .patch('/me')
      .set(u.auth)
      .set('Content-Type', 'application/json')
      .send('{"x":')
      .expect(400);
    expect(malformed.body.error).toBe('malformed_json');
    const zone = await h.http.patch('/me').set(u.auth).send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(zone.body.message).toMatch(/timeZone/);
    const big = await h.http
      .patch('/me')
      .set(u.auth)
      .send({ displayName: 'x'.repeat(200 * 1024) })
      .expect(413);
    expect(big.body.error).toBe('payload_too_large');
    const me = await h.http.get('/me').set(u.auth).expect(200);
    expect(me.body.timeZone).toBe('Asia/Almaty');
  });

  it('serves the OpenAPI document', async () => {
    const res = await h.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/health', '/me']));
  });
});
