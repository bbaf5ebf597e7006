/**
 * Raised hands, reactions and chat across two gateway processes with real socket.io clients: the
 * staff queue in order with regions, taking and lowering; reactions summed into a handful of
 * bursts; chat off by default, pre-moderated, muted, rate-limited, deleted — and attendees
 * refused every staff action with a code, nothing stored, the socket up.
 */
import type { Socket } from 'socket.io-client';
import type {
  ChatMessageView,
  ChatState,
  EngagementState,
  HandChangedEvent,
  HandQueue,
  ReactionBurst,
} from '@qatys/contracts';
import {
  collect,
  emit,
  eventually,
  LiveHarness,
  nextEvent,
  okData,
  RunningGateway,
  TestUser,
} from './live-harness';

describe('gateway: hands, reactions and chat (e2e)', () => {
  let h: LiveHarness;
  let a: RunningGateway;
  let b: RunningGateway;
  let pavlodar: number;
  let kostanay: number;
  let sessionId: string;
  let people: TestUser[];
  let moderator: TestUser;
  let organizer: TestUser;

  beforeAll(async () => {
    h = await LiveHarness.start();
    const env = { GATEWAY_CHAT_MESSAGES_PER_WINDOW: '3', GATEWAY_ENGAGEMENT_UPDATE_MS: '100' };
    [a, b] = await Promise.all([h.startGateway(env), h.startGateway(env)]);
    [pavlodar, kostanay] = await Promise.all(['KZ-55', 'KZ-39'].map((c) => h.regionId(c)));
    sessionId = (await h.liveSession({ targetRegionIds: [pavlodar, kostanay] })).id;
    people = [
      ...(await h.users(3, { homeRegionId: pavlodar, displayName: 'Pavlodar' })),
      ...(await h.users(3, { homeRegionId: kostanay, displayName: 'Kostanay' })),
    ];
    await h.register(sessionId, people);
    moderator = await h.user({ roles: ['moderator'] });
    organizer = await h.user({ roles: ['organizer'] });
  });

  afterEach(() => h.disconnectAll());
  afterAll(async () => h?.close());

  async function joined(u: TestUser, gw = a): Promise<Socket> {
    const s = await h.connect(gw.url, u.token);
    await okData(s, 'session:join', { sessionId });
    return s;
  }
  const code = async (s: Socket, event: string, payload: unknown) => {
    const r = await emit(s, event, payload);
    return r.ok ? 'ok' : r.error.code;
  };

  it('queues raised hands in order with regions; staff take one or lower all', async () => {
    const staff = await joined(moderator, a);
    const [p0, k0, p1] = [people[0], people[3], people[1]];
    const s0 = await joined(p0, b);
    const s1 = await joined(k0, a);
    const s2 = await joined(p1, b);
    const three = nextEvent<HandQueue>(staff, 'hand:queue', (q) => q.total === 3);
    expect(await okData(s0, 'hand:raise', { sessionId })).toEqual({ raised: true, position: 1 });
    expect(await okData(s1, 'hand:raise', { sessionId })).toEqual({ raised: true, position: 2 });
    expect(await okData(s2, 'hand:raise', { sessionId })).toEqual({ raised: true, position: 3 });
    // Raising again keeps the place.
    expect(await okData(s0, 'hand:raise', { sessionId })).toEqual({ raised: true, position: 1 });
    const q = await three;
    expect(q.hands.map((x) => [x.userId, x.regionId, x.displayName])).toEqual([
      [p0.id, pavlodar, 'Pavlodar'],
      [k0.id, kostanay, 'Kostanay'],
      [p1.id, pavlodar, 'Pavlodar'],
    ]);

    // Attendees may not run the queue.
    expect(await code(s1, 'hand:take', { sessionId, userId: p0.id })).toBe('forbidden');
    expect(await code(s1, 'hand:lower', { sessionId, userId: p0.id })).toBe('forbidden');
    expect(await code(s1, 'hand:clear', { sessionId })).toBe('forbidden');
    expect(await code(s1, 'hand:raise', { sessionId, userId: p0.id })).toBe('invalid_payload');

    const taken = nextEvent<HandChangedEvent>(s0, 'hand:changed');
    const two = nextEvent<HandQueue>(staff, 'hand:queue', (x) => x.total === 2);
    expect(await okData(staff, 'hand:take', { sessionId, userId: p0.id })).toMatchObject({
      userId: p0.id,
      regionId: pavlodar,
    });
    expect(await taken).toEqual({ sessionId, reason: 'taken' });
    expect((await two).hands.map((x) => x.userId)).toEqual([k0.id, p1.id]);
    expect(await code(staff, 'hand:take', { sessionId, userId: p0.id })).toBe('hand_not_raised');

    // Lowering one's own; then the staff lower the rest at once.
    expect(await okData(s2, 'hand:lower', { sessionId })).toEqual({ raised: false, position: null });
    const cleared = nextEvent<HandChangedEvent>(s1, 'hand:changed');
    expect(await okData(staff, 'hand:clear', { sessionId })).toEqual({ lowered: 1 });
    expect(await cleared).toEqual({ sessionId, reason: 'cleared' });
    const state = await okData<EngagementState>(staff, 'engagement:sync', { sessionId });
    expect(state.hands).toEqual({ sessionId, total: 0, hands: [] });
    expect(state.canManage).toBe(true);
  });

  it('sums reactions into a handful of bursts per second, whichever process took them', async () => {
    const sockets = await Promise.all(people.map((u, i) => joined(u, i % 2 ? a : b)));
    const listener = sockets[0];
    const bursts = collect<ReactionBurst>(listener, 'reaction:burst');
    const sent = { clap: 0, heart: 0 };
    for (const [i, s] of sockets.entries()) {
      for (let n = 0; n < 5; n++) {
        const reaction = (i + n) % 2 ? 'clap' : 'heart';
        sent[reaction]++;
        await okData(s, 'reaction:send', { sessionId, reaction });
      }
    }
    await eventually(() => {
      const got = { clap: 0, heart: 0 };
      for (const x of bursts.items) for (const [k, v] of Object.entries(x.counts)) got[k as 'clap'] += v;
      expect(got).toEqual(sent);
    });
    // 30 reactions, a few messages (one per second per session at most).
    expect(bursts.items.length).toBeLessThanOrEqual(4);
    expect(await code(listener, 'reaction:send', { sessionId, reaction: 'poop' })).toBe('invalid_payload');
    // A socket may not fire reactions faster than a few a second.
    const fast = await Promise.all(
      Array.from({ length: 12 }, () => code(sockets[1], 'reaction:send', { sessionId, reaction: 'clap' })),
    );
    expect(fast).toContain('rate_limited');
  });

  it('keeps the chat off by default; pre-moderates, mutes, limits and deletes once on', async () => {
    const [u0, u1, u2] = [people[0], people[4], people[2]];
    const staff = await joined(moderator, a);
    const writer = await joined(u0, b);
    const reader = await joined(u1, a);
    expect(await code(writer, 'chat:send', { sessionId, text: 'Сәлем!' })).toBe('chat_disabled');

    const stateChanged = nextEvent<ChatState>(reader, 'chat:state', (s) => s.enabled, 10_000);
    await h.api.http
      .put(`/sessions/${sessionId}/engagement-settings`)
      .set(h.auth(organizer))
      .send({ chatEnabled: true })
      .expect(200, { sessionId, chatEnabled: true, chatPremoderation: true });
    expect(await stateChanged).toEqual({ sessionId, enabled: true, premoderation: true });

    // Pre-moderated: staff see it pending, the audience once approved. Text kept as typed.
    const raw = '  <script>alert(1)</script> =1+1  ';
    const staffGot = nextEvent<ChatMessageView>(staff, 'chat:message');
    const seen = collect<ChatMessageView>(reader, 'chat:message');
    const m = await okData<ChatMessageView>(writer, 'chat:send', { sessionId, text: raw });
    expect(m).toMatchObject({
      status: 'pending',
      to: 'all',
      text: raw.trim(),
      regionId: pavlodar,
      staff: false,
    });
    expect(await staffGot).toEqual(m);
    expect(await code(reader, 'chat:moderate', { messageId: m.id, action: 'approve' })).toBe('forbidden');
    const shown = nextEvent<ChatMessageView>(reader, 'chat:message', (x) => x.id === m.id);
    await okData(staff, 'chat:moderate', { messageId: m.id, action: 'approve' });
    expect(await shown).toMatchObject({ status: 'approved', text: raw.trim() });
    expect(seen.items.map((x) => x.status)).toEqual(['approved']);

    // To the staff only: never to the audience.
    const toStaff = await okData<ChatMessageView>(reader, 'chat:send', {
      sessionId,
      text: 'Микрофон?',
      to: 'staff',
    });
    expect(toStaff).toMatchObject({ status: 'approved', to: 'staff' });

    // Deleted: the audience is told to drop it (no text).
    const dropped = nextEvent<ChatMessageView>(reader, 'chat:message', (x) => x.status === 'deleted');
    await okData(staff, 'chat:moderate', { messageId: m.id, action: 'delete' });
    expect(await dropped).toMatchObject({ id: m.id, text: '' });
    expect(await code(staff, 'chat:moderate', { messageId: m.id, action: 'approve' })).toBe(
      'invalid_transition',
    );

    // Muted: refused, nothing stored, and the refusal does not use the allowance.
    const told = nextEvent(writer, 'chat:muted');
    expect(await okData(staff, 'chat:mute', { sessionId, userId: u0.id })).toEqual({
      sessionId,
      userId: u0.id,
      muted: true,
    });
    expect(await told).toEqual({ sessionId, userId: u0.id, muted: true });
    const count = async () =>
      (await h.ds.query(`SELECT count(*)::int AS n FROM chat_messages WHERE author_id = $1`, [u0.id]))[0].n;
    const before = await count();
    for (let i = 0; i < 4; i++)
      expect(await code(writer, 'chat:send', { sessionId, text: 'hello' })).toBe('muted');
    expect(await count()).toBe(before);
    await okData(staff, 'chat:mute', { sessionId, userId: u0.id, muted: false });
    // 3 a window: one sent before the mute, two more now, then rate_limited.
    expect(await code(writer, 'chat:send', { sessionId, text: 'one' })).toBe('ok');
    expect(await code(writer, 'chat:send', { sessionId, text: 'two' })).toBe('ok');
    expect(await code(writer, 'chat:send', { sessionId, text: 'three' })).toBe('rate_limited');
    expect(await count()).toBe(before + 2);

    // Attendees may not mute; bad input is refused with a code.
    const other = await joined(u2, b);
    expect(await code(other, 'chat:mute', { sessionId, userId: u1.id })).toBe('forbidden');
    expect(await code(other, 'chat:send', { sessionId, text: '   ' })).toBe('text_too_short');
    expect(await code(other, 'chat:send', { sessionId, text: 'x'.repeat(501) })).toBe('text_too_long');
    expect(await code(other, 'chat:send', { sessionId, text: 'hi', to: 'everyone' })).toBe('invalid_payload');
    expect(await code(other, 'chat:send', { sessionId, text: 'hi', regionId: kostanay })).toBe(
      'invalid_payload',
    );

    // History after a (re)join: the audience reads approved messages and its own; staff read all.
    const history = await okData<EngagementState>(other, 'engagement:sync', { sessionId });
    expect(history.chat).toMatchObject({ enabled: true, premoderation: true, muted: false });
    expect(history.chat.messages.every((x) => x.to === 'all' && x.status === 'approved')).toBe(true);
    const staffHistory = await okData<EngagementState>(staff, 'engagement:sync', { sessionId });
    expect(staffHistory.chat.messages.map((x) => x.id)).toContain(toStaff.id);
    for (const s of [staff, writer, reader, other]) expect(await okData(s, 'ping')).toHaveProperty('userId');
  });
});
