import type { SessionJoinResult } from '@qatys/contracts';
import { SessionRosters } from '@qatys/domain';
import { LiveSockets } from '../../apps/gateway/src/live-sockets';
import { waitFor } from '../support/wait';
import { addSpeaker, createSpeaker } from '../support/factories';
import { emit, eventually, LiveHarness, RunningGateway, TestUser } from './live-harness';

/**
 * The gateway answers a session's joins from its roster in memory (one read per session start),
 * so every change to who may join, or as whom, must reach it: these run against real Postgres
 * triggers and NOTIFY, with the changes made behind the gateway's back (as the API or an import
 * would make them).
 */
describe('gateway: session rosters in memory follow every change (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  let rosters: SessionRosters;
  let sockets: LiveSockets;
  let pavlodar: number;
  let kostanay: number;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
    rosters = gw.app.get(SessionRosters, { strict: false });
    sockets = gw.app.get(LiveSockets);
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  /**
   * A fresh connection's join (a join is decided once per connection), closed again once answered:
   * a connection left inside would have its rights re-checked at every change, which reads the
   * roster again at once (and would hold one of the person's places in the session).
   */
  async function join(u: TestUser, sessionId: string) {
    const socket = await h.connect(gw.url, u.token);
    const res = await emit<SessionJoinResult>(socket, 'session:join', { sessionId });
    socket.disconnect();
    await waitFor('the gateway to let the connection go', () => [...sockets.all()].length === 0);
    return res;
  }

  it('reads a roster once, then follows registrations, regions, disabled users and speakers', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    const [a, b, c] = await h.users(3, { homeRegionId: pavlodar });
    const [regA, regB] = await h.register(session.id, [a, b]);

    expect(await join(a, session.id)).toMatchObject({
      ok: true,
      data: { counted: true, regionId: pavlodar },
    });
    expect(rosters.cachedSessions).toContain(session.id);

    // A cancelled registration: the roster is dropped and the next join is refused.
    await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      regB,
    ]);
    await eventually(async () => expect(rosters.cachedSessions).not.toContain(session.id));
    expect(await join(b, session.id)).toMatchObject({ ok: false, error: { code: 'not_registered' } });

    // A registration made after the roster was read.
    await h.register(session.id, [c], { regionId: kostanay });
    await eventually(async () => expect(rosters.cachedSessions).not.toContain(session.id));
    expect(await join(c, session.id)).toMatchObject({
      ok: true,
      data: { counted: true, regionId: kostanay },
    });

    // The registration's region moved: a new join is counted in the new region.
    expect(rosters.cachedSessions).toContain(session.id);
    await h.ds.query(`UPDATE registrations SET region_id = $2 WHERE id = $1`, [regA, kostanay]);
    await eventually(async () => expect(rosters.cachedSessions).not.toContain(session.id));
    expect(await join(a, session.id)).toMatchObject({ ok: true, data: { regionId: kostanay } });

    // A user disabled (a user's fact, not the session's): only that person is read afresh.
    await h.ds.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [a.id]);
    await eventually(async () =>
      expect(await join(a, session.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } }),
    );
    expect(rosters.cachedSessions).toContain(session.id);
    expect(await join(c, session.id)).toMatchObject({ ok: true, data: { regionId: kostanay } });
  });

  it('sees a registered person become a speaker of the session', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar] });
    const [u] = await h.users(1, { homeRegionId: pavlodar, roles: ['speaker'] });
    await h.register(session.id, [u]);
    expect(await join(u, session.id)).toMatchObject({ ok: true, data: { role: 'attendee' } });
    expect(rosters.cachedSessions).toContain(session.id);

    const speaker = await createSpeaker(h.ds, { userId: u.id });
    await addSpeaker(h.ds, session.id, speaker.id);
    await eventually(async () =>
      expect(await join(u, session.id)).toMatchObject({
        ok: true,
        data: { role: 'staff', staffScope: 'all' },
      }),
    );
  });

  it('stops using rosters while its LISTEN connection is down, and uses them again once it is back', async () => {
    const session = await h.liveSession({ targetRegionIds: [pavlodar] });
    const [a, b] = await h.users(2, { homeRegionId: pavlodar });
    const [, regB] = await h.register(session.id, [a, b]);
    expect(await join(a, session.id)).toMatchObject({ ok: true });
    expect(rosters.cachedSessions).toContain(session.id);

    const killed = await h.ds.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'qatys-gateway-listen' AND datname = current_database()`,
    );
    expect(killed.length).toBeGreaterThan(0);
    await eventually(async () => expect(rosters.cachedSessions).toEqual([]));

    // A change made around the gap (its notification may be lost): it is seen all the same.
    await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      regB,
    ]);
    expect(await join(b, session.id)).toMatchObject({ ok: false, error: { code: 'not_registered' } });

    await eventually(async () => {
      expect(await join(a, session.id)).toMatchObject({ ok: true });
      expect(rosters.cachedSessions).toContain(session.id);
    });
    expect(await join(b, session.id)).toMatchObject({ ok: false, error: { code: 'not_registered' } });
  });
});
