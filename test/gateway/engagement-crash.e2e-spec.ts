/**
 * The engagement figures survive a SIGKILL of one gateway process: answers acknowledged by the
 * killed process are in Postgres and in the final tally exactly once, hands it raised stay in the
 * queue in order (Redis), and a person who answered through it cannot answer again elsewhere.
 */
import type { ChildProcess } from 'child_process';
import type { Socket } from 'socket.io-client';
import type { EngagementState, PollResults, PollView } from '@qatys/contracts';
import { spawnGateway } from './gateway-process';
import { emit, FAST, LiveHarness, nextEvent, okData, RunningGateway, TestUser } from './live-harness';

describe('gateway: engagement across a SIGKILLed process (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    h = await LiveHarness.start();
    a = await h.startGateway();
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await h?.close();
  });

  async function joined(url: string, u: TestUser, sessionId: string): Promise<Socket> {
    const s = await h.connect(url, u.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }

  it('keeps every acknowledged answer and the raised hands when the process that took them dies', async () => {
    const [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
    const session = await h.liveSession({ targetRegionIds: [pavlodar, kostanay] });
    const fromP = await h.users(6, { homeRegionId: pavlodar });
    const fromK = await h.users(4, { homeRegionId: kostanay });
    await h.register(session.id, [...fromP, ...fromK]);
    const moderator = await h.user({ roles: ['moderator'] });
    const staff = await joined(a.url, moderator, session.id);
    const { child, url } = await spawnGateway({ ...h.gatewayEnv, LOG_LEVEL: 'warn', ...FAST });
    children.push(child);

    const poll = await okData<PollView>(staff, 'poll:create', {
      sessionId: session.id,
      open: true,
      poll: { kind: 'single', question: { ru: 'Готовы?' }, options: [{ ru: 'Да' }, { ru: 'Нет' }] },
    });
    // Everyone from Pavlodar and two from Kostanay answer through the child; two from Kostanay through a.
    const onChild = [...fromP, ...fromK.slice(0, 2)];
    const childSockets = await Promise.all(onChild.map((u) => joined(url, u, session.id)));
    const acks = await Promise.all(
      childSockets.map((s, i) => okData(s, 'poll:answer', { pollId: poll.id, choices: [i % 2] })),
    );
    expect(acks).toHaveLength(8);
    for (const u of fromK.slice(2)) {
      await okData(await joined(a.url, u, session.id), 'poll:answer', { pollId: poll.id, choices: [1] });
    }
    // Two hands go up through the child, in this order.
    await okData(childSockets[3], 'hand:raise', { sessionId: session.id });
    await okData(childSockets[7], 'hand:raise', { sessionId: session.id });

    child.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
    );

    // A person whose answer the dead process took reconnects elsewhere: answered already.
    const again = await joined(a.url, onChild[0], session.id);
    expect(await emit(again, 'poll:answer', { pollId: poll.id, choices: [1] })).toMatchObject({
      ok: false,
      error: { code: 'already_answered' },
    });

    const final = nextEvent<PollResults>(
      staff,
      'poll:results',
      (r) => r.pollId === poll.id && r.status === 'closed',
    );
    await okData(staff, 'poll:close', { pollId: poll.id });
    const r = await final;
    expect(r.total).toBe(10);
    expect(r.counts).toEqual([4, 6]);
    expect(r.regions.find((x) => x.regionId === pavlodar)).toMatchObject({ total: 6, counts: [3, 3] });
    expect(r.regions.find((x) => x.regionId === kostanay)).toMatchObject({ total: 4, counts: [1, 3] });
    const [{ n }] = await h.ds.query(`SELECT count(*)::int AS n FROM poll_answers WHERE poll_id = $1`, [
      poll.id,
    ]);
    expect(n).toBe(10);

    const state = await okData<EngagementState>(staff, 'engagement:sync', { sessionId: session.id });
    expect(state.hands?.hands.map((x) => x.userId)).toEqual([onChild[3].id, onChild[7].id]);
    expect(state.hands?.hands.map((x) => x.regionId)).toEqual([pavlodar, kostanay]);
  });
});
