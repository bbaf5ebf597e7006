/**
 * What the selection screens need from the API beyond the selection workflow itself: a reviewer
 * finds the calls they are on (GET /me/review-calls), and a preview with quotas to try can be
 * committed (its inputs hash survives the quotas' round trip through jsonb).
 */
import { ApiHarness, SignedIn, startApi } from '../support/api-harness';
import { createProgram } from '../support/factories';
import { openCall } from './selection-support';

jest.setTimeout(120_000);

describe('selection: what the browser screens rely on (e2e)', () => {
  let h: ApiHarness;
  let organizer: SignedIn;
  let programId: string;

  beforeAll(async () => {
    h = await startApi();
    organizer = await h.signIn({ roles: ['organizer'] });
    programId = (await createProgram(h.ds, { status: 'published' })).id;
  });
  afterAll(() => h.close());

  it('lists the calls whose commission I am on, and only those', async () => {
    const [a, b] = [await openCall(h, organizer, programId), await openCall(h, organizer, programId)];
    const reviewer = await h.signIn();
    const other = await h.signIn();
    await h.http.get('/me/review-calls').set(reviewer.auth).expect(200, []);
    await h.http
      .post(`/calls/${b.id}/reviewers`)
      .set(organizer.auth)
      .send({ userId: reviewer.id })
      .expect(201);
    const mine = await h.http.get('/me/review-calls').set(reviewer.auth).expect(200);
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([b.id]);
    expect(mine.body[0].opensAt.utc).toEqual(expect.any(String));
    await h.http.get('/me/review-calls').set(other.auth).expect(200, []);
    await h.http.get('/me/review-calls').expect(401);
    expect(a.id).not.toBe(b.id);
  });

  it('commits a preview made with quotas to try (not only with the call’s own)', async () => {
    const call = await openCall(h, organizer, programId);
    const run = await h.http
      .post(`/calls/${call.id}/selection-runs`)
      .set(organizer.auth)
      .send({ quotas: { nominatedSeats: 0, regionMin: 0, regionMax: 10 } })
      .expect(201);
    expect(run.body.quotas.regionMax).toBe(10);
    const committed = await h.http
      .post(`/selection-runs/${run.body.id}/commit`)
      .set(organizer.auth)
      .expect(200);
    expect(committed.body.run.status).toBe('committed');
  });
});
