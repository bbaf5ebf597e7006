import type { SessionLeftEvent } from '@qatys/contracts';
import { LiveClient } from '../../apps/web/src/live/live-client';
import { waitFor } from '../support/wait';
import { LiveHarness, RunningGateway } from './live-harness';

/**
 * The web app's own live client (apps/web/src/live/live-client.ts) against the real gateway: it
 * hands its socket a fresh token with `auth:refresh` before the old one expires, so a live page
 * stays on one connection for as long as the person stays signed in.
 */
describe('gateway: the web live client keeps its socket signed in (e2e)', () => {
  let h: LiveHarness;
  let gw: RunningGateway;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    h = await LiveHarness.start();
    gw = await h.startGateway();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await h?.close();
  });

  it('refreshes a short-lived token over the socket and stays on the same connection past its expiry', async () => {
    const sessionId = (await h.liveSession()).id;
    const [u] = await h.users(1);
    await h.register(sessionId, [u]);
    let token = h.accessToken(u.id, {}, 2);
    const firstExpiry = Date.now() + 2_000;
    let renewals = 0;
    const client = new LiveClient({
      gatewayUrl: gw.url,
      token: () => token,
      renewToken: async () => {
        renewals++;
        token = h.accessToken(u.id, {}, 3);
        return true;
      },
    });
    clients.push(client);
    const drops: string[] = [];
    client.socket.on('disconnect', (reason) => drops.push(reason));
    await waitFor('the client to connect', () => client.current.status === 'connected');
    const socketId = client.socket.id;
    expect(await client.join(sessionId)).toMatchObject({ ok: true, data: { counted: true } });

    // The second renewal is scheduled from the first refreshed token: by then the first has expired.
    await waitFor('two renewals', () => renewals >= 2 && Date.now() > firstExpiry, { timeoutMs: 15_000 });
    expect(drops).toEqual([]);
    expect(client.socket.connected).toBe(true);
    expect(client.socket.id).toBe(socketId);
    expect(await client.ask(sessionId, 'Still on the first connection?', false)).toMatchObject({ ok: true });
  });

  it('hears that its registration was cancelled while inside', async () => {
    const sessionId = (await h.liveSession()).id;
    const [u] = await h.users(1);
    const [reg] = await h.register(sessionId, [u]);
    const client = new LiveClient({ gatewayUrl: gw.url, token: () => u.token });
    clients.push(client);
    await waitFor('the client to connect', () => client.current.status === 'connected');
    expect(await client.join(sessionId)).toMatchObject({ ok: true });
    const left: SessionLeftEvent[] = [];
    client.on('session:left', (e) => left.push(e));

    await h.ds.query(`UPDATE registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [
      reg,
    ]);
    await waitFor('session:left', () => left.length === 1);
    expect(left[0]).toMatchObject({ sessionId, error: { code: 'not_registered' } });
    expect(await client.ask(sessionId, 'Can I still ask?', false)).toMatchObject({
      ok: false,
      error: { code: 'not_joined' },
    });
  });
});
