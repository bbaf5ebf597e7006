/**
 * Refresh-token families: a sign-in starts one, each rotation continues it, and a token that
 * comes back after it was rotated (copied by someone) revokes the whole family.
 */
import { RefreshTokenFamilies1796100000000 } from '../../libs/persistence/src/migrations/1796100000000-RefreshTokenFamilies';
import { ApiHarness, startApi } from '../support/api-harness';

describe('refresh-token families (e2e)', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h.close());

  const refresh = (refreshToken: string) => h.http.post('/auth/refresh').send({ refreshToken });

  it('revokes the whole family when a rotated token is presented again, the token that replaced it included', async () => {
    const u = await h.signIn();
    const other = await h.signIn({ email: `other-${Date.now()}@test.qatys` });
    // The legitimate client rotates twice; the thief replays the first token afterwards.
    const r1 = await refresh(u.refreshToken).expect(200);
    const r2 = await refresh(r1.body.refreshToken).expect(200);
    const replay = await refresh(u.refreshToken).expect(401);
    expect(replay.body).toMatchObject({ statusCode: 401, error: 'unauthorized' });

    await refresh(r2.body.refreshToken).expect(401);
    // A fresh sign-in starts a new family; another person's family is untouched.
    await refresh(other.refreshToken).expect(200);
    const again = await h.http
      .post('/auth/login')
      .send({ email: u.email, password: 'correct horse battery' })
      .expect(200);
    await refresh(again.body.refreshToken).expect(200);
  });

  it('stops the thief as well when the legitimate client comes back with the rotated token', async () => {
    const u = await h.signIn();
    const stolen = await refresh(u.refreshToken).expect(200); // the thief rotates first
    await refresh(u.refreshToken).expect(401); // the victim's copy is already used: family revoked
    await refresh(stolen.body.refreshToken).expect(401);
  });

  it('two parallel rotations of one token: exactly one wins, and the family does not survive the loser', async () => {
    const u = await h.signIn();
    const both = await Promise.all([refresh(u.refreshToken), refresh(u.refreshToken)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = both.find((r) => r.status === 200)!;
    await refresh(winner.body.refreshToken).expect(401);
  });

  it('keeps a logged-out token dead without touching the other sign-ins of the person', async () => {
    const u = await h.signIn();
    const second = await h.http
      .post('/auth/login')
      .send({ email: u.email, password: 'correct horse battery' })
      .expect(200);
    await h.http.post('/auth/logout').send({ refreshToken: u.refreshToken }).expect(204);
    await refresh(u.refreshToken).expect(401);
    await refresh(second.body.refreshToken).expect(200);
  });

  it('migration: every token issued before families existed becomes a family of its own', async () => {
    await h.signIn();
    const migration = new RefreshTokenFamilies1796100000000();
    // In one transaction, rolled back: the schema as it was, tokens of then, then the migration.
    const runner = h.ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await migration.down(runner);
      const user = (await runner.query(`SELECT id FROM users LIMIT 1`)) as { id: string }[];
      await runner.query(
        `INSERT INTO refresh_tokens (user_id, token_hash, expires_at)
         SELECT $1, 'old-' || g, now() + interval '1 day' FROM generate_series(1, 3) g`,
        [user[0].id],
      );
      await migration.up(runner);
      const rows = (await runner.query(
        `SELECT id, family_id FROM refresh_tokens WHERE token_hash LIKE 'old-%'`,
      )) as { id: string; family_id: string }[];
      expect(rows).toHaveLength(3);
      for (const r of rows) expect(r.family_id).toBe(r.id);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
