import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { PollAnswersQueue, PollAnswersWriter, PollsService } from '@qatys/domain';
import { LiveHarness, TestUser } from './live-harness';

/**
 * The write-behind path of poll answers against real Redis and Postgres, with two queue
 * instances standing for two gateway processes: acknowledged answers wait in Redis until one of
 * them moves them; a process that died holding the flush lock delays the move but loses nothing;
 * moving a batch twice (or a changed answer's batches out of order) stores each person once, with
 * their last answer.
 */
describe('poll answers: queued in Redis, moved to Postgres (e2e)', () => {
  let h: LiveHarness;
  let redisA: Redis;
  let redisB: Redis;
  let a: PollAnswersQueue;
  let b: PollAnswersQueue;
  let writer: PollAnswersWriter;
  let people: TestUser[];
  let sessionId: string;
  let regionId: number;

  beforeAll(async () => {
    h = await LiveHarness.start();
    const prefix = `${h.gatewayEnv.REDIS_PREFIX}:`;
    redisA = new Redis(h.gatewayEnv.REDIS_URL, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
    redisB = new Redis(h.gatewayEnv.REDIS_URL, { keyPrefix: prefix, maxRetriesPerRequest: 2 });
    writer = new PollAnswersWriter(h.ds);
    a = new PollAnswersQueue(redisA, h.ds, writer);
    b = new PollAnswersQueue(redisB, h.ds, writer);
    regionId = await h.regionId('KZ-55');
    sessionId = (await h.liveSession({ targetRegionIds: [regionId] })).id;
    people = await h.users(3, { homeRegionId: regionId });
  });

  afterAll(async () => {
    // Each queue's own answer connection first, then the shared ones.
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all([redisA?.quit(), redisB?.quit()]);
    await h?.close();
  });

  /** An open poll made straight in Postgres: Redis learns its status at the first answer. */
  async function openPoll(changeable = false): Promise<string> {
    const [row] = await h.ds.query(
      `INSERT INTO polls (session_id, kind, question, options, changeable, status, opened_at)
       VALUES ($1, 'single', '{"ru":"?"}', '[{"ru":"a"},{"ru":"b"}]', $2, 'open', now()) RETURNING id`,
      [sessionId, changeable],
    );
    return row.id;
  }
  const stored = async (pollId: string) =>
    (await h.ds.query(`SELECT user_id, choices FROM poll_answers WHERE poll_id = $1 ORDER BY user_id`, [
      pollId,
    ])) as { user_id: string; choices: number[] }[];
  const vote = (q: PollAnswersQueue, pollId: string, u: TestUser, choice: number, changeable = false) =>
    q.accept({
      pollId,
      userId: u.id,
      regionId,
      answer: { choices: [choice], rating: null, words: null },
      correct: null,
      changeable,
    });

  it('keeps acknowledged answers through a process that died holding the flush lock, and closes with all of them', async () => {
    const pollId = await openPoll();
    expect(await vote(a, pollId, people[0], 0)).toMatchObject({ kind: 'accepted', replaced: false });
    expect(await vote(a, pollId, people[1], 1)).toMatchObject({ kind: 'accepted' });
    // The same person through the other process: refused, nothing queued.
    expect(await vote(b, pollId, people[0], 1)).toEqual({ kind: 'already_answered' });
    expect(await stored(pollId)).toEqual([]);
    // Waiting to be moved (the poll joined the set with its first queued answer only).
    expect(await redisA.sismember('eng:pq', pollId)).toBe(1);

    // Process A "died" in the middle of a move: its lock stays until it runs out.
    await redisA.set(`eng:p:${pollId}:fl`, 'dead-process', 'PX', 800);
    expect(await b.flush()).toEqual([]);
    expect(await stored(pollId)).toEqual([]);

    await vote(b, pollId, people[2], 1);
    const started = Date.now();
    await b.closing(pollId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    const rows = await stored(pollId);
    expect(rows).toHaveLength(3);
    // Moved: no longer waiting, and the who-answered keys kept (their expiry renewed by the move).
    expect(await redisA.sismember('eng:pq', pollId)).toBe(0);
    expect(await redisA.pttl(`eng:p:${pollId}:who`)).toBeGreaterThan(0);
    expect(rows.find((r) => r.user_id === people[0].id)?.choices).toEqual([0]);
    // Closed in Redis: later answers are refused and never queued.
    expect(await vote(a, pollId, people[0], 0, false)).toEqual({ kind: 'not_open' });
    expect(await redisA.llen(`eng:p:${pollId}:q`)).toBe(0);
  });

  it('stores each person once, with their last answer, however often and in whatever order batches are moved', async () => {
    const pollId = await openPoll(true);
    const first = await vote(a, pollId, people[0], 0, true);
    const second = await vote(b, pollId, people[0], 1, true);
    expect(first).toMatchObject({ kind: 'accepted', replaced: false });
    expect(second).toMatchObject({ kind: 'accepted', replaced: true });
    const entries = await redisA.lrange(`eng:p:${pollId}:q`, 0, -1);
    expect(entries).toHaveLength(2);
    // The later answer first, then the earlier one again, then both: the last answer stays.
    await writer.store(pollId, [entries[1]]);
    await writer.store(pollId, [entries[0]]);
    await writer.store(pollId, entries);
    await a.flush();
    expect(await stored(pollId)).toEqual([{ user_id: people[0].id, choices: [1] }]);
    expect(await redisA.llen(`eng:p:${pollId}:q`)).toBe(0);
  });

  it('answers that come while a batch is written wait for the next flush instead of a batch of their own each', async () => {
    const pollId = await openPoll();
    const crowd = await h.users(3, { homeRegionId: regionId });
    // The real writer, with an answer arriving while each of the first batches is written (as a
    // steady stream of answers does): before, the flush chased each of them with a batch of its own.
    const batches: number[] = [];
    const busy = new (class extends PollAnswersWriter {
      override async store(id: string, entries: readonly string[]): Promise<void> {
        batches.push(entries.length);
        const next = crowd[batches.length];
        if (next) expect(await vote(a, pollId, next, 0)).toMatchObject({ kind: 'accepted' });
        await super.store(id, entries);
      }
    })(h.ds);
    const redis = new Redis(h.gatewayEnv.REDIS_URL, { keyPrefix: `${h.gatewayEnv.REDIS_PREFIX}:` });
    const q = new PollAnswersQueue(redis, h.ds, busy);
    try {
      await vote(q, pollId, crowd[0], 1);
      expect(await q.flush()).toEqual([pollId]);
      expect(batches).toEqual([1]);
      expect(await stored(pollId)).toHaveLength(1);
      // The one that came meanwhile waits in the queue, and the poll in the waiting set.
      expect(await redis.llen(`eng:p:${pollId}:q`)).toBe(1);
      expect(await redis.sismember('eng:pq', pollId)).toBe(1);
      expect(await q.flush()).toEqual([pollId]);
      expect(batches).toEqual([1, 1]);
      // Closing moves everything, however it trickles in.
      await q.closing(pollId);
      expect(await stored(pollId)).toHaveLength(3);
      expect(await redis.llen(`eng:p:${pollId}:q`)).toBe(0);
    } finally {
      await q.close();
      await redis.quit();
    }
  });

  /** The real DataSource, counting the statements that read a poll row (the seed's and the facts'). */
  function counting(): { ds: DataSource; pollReads: () => number } {
    let reads = 0;
    const ds = new Proxy(h.ds, {
      get(target, prop, receiver) {
        if (prop === 'query') {
          return (sql: string, params?: unknown[]) => {
            if (/FROM\s+"?polls"?/i.test(sql)) reads++;
            return target.query(sql, params);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    return { ds, pollReads: () => reads };
  }

  it('a crowd answering a poll Redis has no status for seeds it from Postgres once, and counts everyone once', async () => {
    const pollId = await openPoll();
    const crowd = await h.users(40, { homeRegionId: regionId });
    const c = counting();
    const redis = new Redis(h.gatewayEnv.REDIS_URL, { keyPrefix: `${h.gatewayEnv.REDIS_PREFIX}:` });
    const q = new PollAnswersQueue(redis, c.ds, writer);
    try {
      const outcomes = await Promise.all(crowd.map((u, i) => vote(q, pollId, u, i % 2)));
      expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
      // Everyone arrived before the status did: one seed for all of them (it was one per answer).
      expect(c.pollReads()).toBe(1);
      await q.closing(pollId);
      expect(await stored(pollId)).toHaveLength(40);
    } finally {
      await q.close();
      await redis.quit();
    }
  });

  it("reads a poll's facts once for answers that all arrive before the first read returns", async () => {
    const pollId = await openPoll();
    const c = counting();
    // Only the facts are asked for here: the other collaborators are never reached.
    const polls = new PollsService(c.ds, undefined as never, undefined as never, a);
    const facts = await Promise.all(Array.from({ length: 50 }, () => polls.factsOf(pollId)));
    expect(new Set(facts.map((f) => f.sessionId))).toEqual(new Set([sessionId]));
    expect(c.pollReads()).toBe(1);
    // Cached afterwards; an unknown poll is still refused, and not remembered as a read under way.
    await polls.factsOf(pollId);
    expect(c.pollReads()).toBe(1);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(polls.factsOf(unknown)).rejects.toMatchObject({ code: 'poll_not_found' });
    await expect(polls.factsOf(unknown)).rejects.toMatchObject({ code: 'poll_not_found' });
    expect(c.pollReads()).toBe(3);
  });
});
