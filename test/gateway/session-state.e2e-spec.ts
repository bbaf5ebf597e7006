import type { SessionStateEvent } from '@qatys/contracts';
import { LiveHarness, nextEvent, okData, RunningGateway } from './live-harness';

describe('gateway: session:state (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
  });
  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  it('tells the people in a session when it ends, through the API, without a reload', async () => {
    const session = await h.liveSession();
    const attendee = await h.user();
    await h.register(session.id, [attendee]);
    const organizer = await h.user({ roles: ['organizer'] });
    const socket = await h.connect(gw.url, attendee.token);
    await okData(socket, 'session:join', { sessionId: session.id });

    const ended = nextEvent<SessionStateEvent>(socket, 'session:state', (s) => s.status === 'ended');
    await h.api.http
      .post(`/sessions/${session.id}/status`)
      .set(h.auth(organizer))
      .send({ status: 'ended' })
      .expect(200);
    expect(await ended).toEqual({ sessionId: session.id, status: 'ended' });
    expect(socket.connected).toBe(true);
  });
});
