import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash, randomUUID } from 'crypto';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { LIVE_REDIS } from '../attendance/live.tokens';
import type { PollStatus } from '@qatys/contracts';
import { SingleFlight } from '../shared/single-flight';
import { PollAnswersWriter } from './poll-answers.writer';
import type { AnswerShape } from './poll.policy';

/*
 * Poll answers between the ack and Postgres, in Redis (under REDIS_PREFIX), shared by every
 * gateway process:
 *   eng:p:<poll>:st   string: the poll's status as answers see it (draft, open, closed)
 *   eng:p:<poll>:who  hash user -> 1: who has answered (one answer per person, every process)
 *   eng:p:<poll>:q    list of answers acknowledged and not yet in Postgres, in order
 *   eng:p:<poll>:fl   string, PX: the flush lock (one process moves a poll's answers at a time)
 *   eng:pq            set of polls with answers waiting
 * An answer is checked, recorded and queued by one script, so it costs one Redis round trip and
 * the ack waits for nothing else; a gateway process killed after an ack loses nothing (the queue is
 * in Redis, any other process moves it). Closing stops the answers in Redis first, then moves what
 * waits, then closes in Postgres: the final tally and the quiz points see every acknowledged answer.
 */

/** The status and who-answered keys live this long after the poll's last answer or step. */
const KEEP_MS = 7 * 24 * 3600 * 1000;
/** A flush that outlives its lock (a killed process) is taken over after this. */
const LOCK_MS = 3000;
const BATCH = 1000;

/**
 * KEYS: status, who, queue, waiting set. ARGV: user, entry (JSON without its closing brace),
 * changeable (1/0), poll. -> {-1} status unknown, {0} not open, {2} answered already,
 * {1, fresh (1/0), at ms}. As few commands as an answer needs (10,000 of them in seconds): the
 * poll joins the waiting set only when its queue was empty (a queue is emptied, and the poll
 * taken out of the set, only together, by RELEASE), and the keys' expiry is renewed by the move
 * to Postgres (RELEASE), not by every answer.
 */
const ACCEPT = `
local st = redis.call('GET', KEYS[1])
if not st then return {-1} end
if st ~= 'open' then return {0} end
local fresh
if ARGV[3] == '1' then
  fresh = redis.call('HSET', KEYS[2], ARGV[1], '1')
else
  fresh = redis.call('HSETNX', KEYS[2], ARGV[1], '1')
  if fresh == 0 then return {2} end
end
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if redis.call('RPUSH', KEYS[3], ARGV[2] .. ',"at":' .. string.format('%d', ms) .. '}') == 1 then
  redis.call('SADD', KEYS[4], ARGV[4])
end
return {1, fresh, ms}`;
const ACCEPT_SHA = createHash('sha1').update(ACCEPT).digest('hex');

/** KEYS: status. ARGV: status, keep ms. A closed poll stays closed (a late "open" changes nothing). */
const SET_STATUS = `
if redis.call('GET', KEYS[1]) == 'closed' then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * KEYS: lock, queue, waiting set, status, who. ARGV: token, n taken, poll, keep ms. Drops the n
 * moved answers if the lock is still ours, and keeps the poll's status and who-answered keys
 * another KEEP_MS (answers leave that to the moves: every answer is moved within moments).
 */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('LTRIM', KEYS[2], tonumber(ARGV[2]), -1)
local left = redis.call('LLEN', KEYS[2])
if left == 0 then redis.call('SREM', KEYS[3], ARGV[3]) end
redis.call('DEL', KEYS[1])
redis.call('PEXPIRE', KEYS[4], ARGV[4])
redis.call('PEXPIRE', KEYS[5], ARGV[4])
return left`;

interface Commands {
  engSetStatus(st: string, status: string, keep: number): Promise<number>;
  engRelease(
    lock: string,
    q: string,
    waiting: string,
    st: string,
    who: string,
    token: string,
    n: number,
    poll: string,
    keep: number,
  ): Promise<number>;
}

const k = {
  st: (p: string) => `eng:p:${p}:st`,
  who: (p: string) => `eng:p:${p}:who`,
  q: (p: string) => `eng:p:${p}:q`,
  lock: (p: string) => `eng:p:${p}:fl`,
  waiting: 'eng:pq',
};

export interface QueuedAnswer {
  pollId: string;
  userId: string;
  regionId: number | null;
  answer: AnswerShape;
  correct: boolean | null;
  changeable: boolean;
}

export type QueueOutcome =
  | { kind: 'accepted'; replaced: boolean; answeredAt: Date }
  | { kind: 'already_answered' }
  | { kind: 'not_open' };

/** Who an unknown poll's status and answers are read from (Postgres), to seed Redis once. */
export interface PollSeed {
  status: PollStatus;
  answered: string[];
}

/** A poll's keys as the answer connection (no key prefix of its own) names them. */
interface AnswerKeys {
  st: string;
  who: string;
  q: string;
}

@Injectable()
export class PollAnswersQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(PollAnswersQueue.name);
  private readonly r: Redis & Commands;
  /**
   * The answers' own connection, opened at the first answer, without auto-pipelining and without
   * scripts defined on it. Every answer is one EVALSHA; on the shared connection each went out
   * through an auto-pipeline, and ioredis builds a Pipeline per tick that copies every script
   * defined on its client (presence, Q&A, engagement: dozens) as own properties: measured in
   * bench:engagement, that was the largest single source of garbage of an answer (26 of the 164
   * MB a gateway allocated in 8 s of answers, against 79 MB for the whole bare server), hence
   * twice the young-generation collections, whose pauses set the ack's p99. Answers rarely share
   * a tick (each comes on its own socket), so pipelining them saved nothing.
   */
  private answers?: Redis;
  private readonly prefix: string;
  private readonly keys = new Map<string, AnswerKeys>();
  private corked = false;
  private readonly waitingKey: string;
  /** One seed per poll however many answers found no status in Redis (each read Postgres before). */
  private readonly seeding = new SingleFlight<void>();

  constructor(
    @Inject(LIVE_REDIS) private readonly redis: Redis,
    private readonly ds: DataSource,
    private readonly writer: PollAnswersWriter,
  ) {
    this.r = redis as Redis & Commands;
    this.prefix = redis.options.keyPrefix ?? '';
    this.waitingKey = this.prefix + k.waiting;
    if (!('engSetStatus' in redis)) {
      redis.defineCommand('engSetStatus', { numberOfKeys: 1, lua: SET_STATUS });
      redis.defineCommand('engRelease', { numberOfKeys: 5, lua: RELEASE });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Closes the answers' connection (if one was opened); the shared one is its owner's to close. */
  async close(): Promise<void> {
    const c = this.answers;
    this.answers = undefined;
    await c?.quit().catch(() => c.disconnect());
  }

  /**
   * Answers handled in one turn of the event loop (the sockets that were ready together, as after
   * any pause) go to Redis in one write: the connection's socket is corked until the turn's
   * check phase. Each write to Redis is a system call that costs more than the script it carries;
   * ioredis's auto-pipelining would do the same through a Pipeline object per turn, which costs
   * more than it saves here.
   */
  private gather(c: Redis): void {
    if (this.corked || c.status !== 'ready') return;
    const stream = c.stream;
    stream.cork();
    this.corked = true;
    setImmediate(() => {
      this.corked = false;
      stream.uncork();
    });
  }

  private answerConnection(): Redis {
    return (this.answers ??= this.redis.duplicate({ keyPrefix: '', enableAutoPipelining: false }));
  }

  private keysOf(pollId: string): AnswerKeys {
    let hit = this.keys.get(pollId);
    if (!hit) {
      if (this.keys.size >= 10_000) this.keys.clear();
      hit = {
        st: this.prefix + k.st(pollId),
        who: this.prefix + k.who(pollId),
        q: this.prefix + k.q(pollId),
      };
      this.keys.set(pollId, hit);
    }
    return hit;
  }

  /** Records and queues an answer if the poll is open and (unless changeable) the person's first. */
  async accept(a: QueuedAnswer): Promise<QueueOutcome> {
    const entry = JSON.stringify({
      user_id: a.userId,
      region_id: a.regionId,
      choices: a.answer.choices,
      rating: a.answer.rating,
      words: a.answer.words,
      correct: a.correct,
    }).slice(0, -1);
    for (let attempt = 0; attempt < 2; attempt++) {
      const keys = this.keysOf(a.pollId);
      const c = this.answerConnection();
      const args = [
        keys.st,
        keys.who,
        keys.q,
        this.waitingKey,
        a.userId,
        entry,
        a.changeable ? '1' : '0',
        a.pollId,
      ];
      let reply: number[];
      try {
        this.gather(c);
        reply = (await c.evalsha(ACCEPT_SHA, 4, ...args)) as number[];
      } catch (e) {
        // This Redis does not have the script yet (started, or flushed its scripts): EVAL loads it.
        if (!(e as Error).message.includes('NOSCRIPT')) throw e;
        reply = (await c.eval(ACCEPT, 4, ...args)) as number[];
      }
      const [code, fresh, ms] = reply;
      if (code === 1) return { kind: 'accepted', replaced: fresh === 0, answeredAt: new Date(ms) };
      if (code === 2) return { kind: 'already_answered' };
      if (code === 0) return { kind: 'not_open' };
      await this.seed(a.pollId);
    }
    return { kind: 'not_open' };
  }

  /**
   * The poll's status (and, when open, who answered) from Postgres into Redis when Redis has none
   * (a poll from before this queue, or keys expired). SET NX: a step that got there first wins.
   */
  private seed(pollId: string): Promise<void> {
    return this.seeding.run(pollId, () => this.readSeed(pollId));
  }

  private async readSeed(pollId: string): Promise<void> {
    const [row] = await this.ds.query<{ status: PollStatus }[]>(`SELECT status FROM polls WHERE id = $1`, [
      pollId,
    ]);
    if (!row) return;
    if (row.status === 'open') {
      const users = await this.ds.query<{ user_id: string }[]>(
        `SELECT user_id FROM poll_answers WHERE poll_id = $1`,
        [pollId],
      );
      for (let i = 0; i < users.length; i += 1000) {
        const chunk = users.slice(i, i + 1000).flatMap((u) => [u.user_id, '1']);
        await this.r.hset(k.who(pollId), ...chunk);
      }
      await this.r.pexpire(k.who(pollId), KEEP_MS);
    }
    await this.r.set(k.st(pollId), row.status, 'PX', KEEP_MS, 'NX');
  }

  /** After an open committed in Postgres. */
  async opened(pollId: string): Promise<void> {
    await this.r.engSetStatus(k.st(pollId), 'open', KEEP_MS);
  }

  /** Stops the answers (before the close in Postgres), then moves every answer still waiting. */
  async closing(pollId: string): Promise<void> {
    await this.r.set(k.st(pollId), 'closed', 'PX', KEEP_MS);
    await this.settle(pollId);
  }

  /**
   * Returns once every answer acknowledged so far is in Postgres (moving them itself, or waiting
   * for the process that is): a read of the tally then counts every ack its reader has seen.
   * An answer leaves the queue only after its statement committed, so an empty queue is enough.
   */
  async settle(pollId: string): Promise<void> {
    const deadline = Date.now() + LOCK_MS * 3;
    while ((await this.r.llen(k.q(pollId))) > 0) {
      const r = await this.flushPoll(pollId);
      if (r === 'busy') {
        if (Date.now() > deadline) throw new Error(`answers of poll ${pollId} still locked by another flush`);
        await new Promise((res) => setTimeout(res, 10));
      }
    }
  }

  /** Moves waiting answers of every poll to Postgres; the polls that got some (their results are due). */
  async flush(): Promise<string[]> {
    const polls = await this.r.smembers(k.waiting);
    const moved: string[] = [];
    await Promise.all(
      polls.map(async (pollId) => {
        try {
          let r: Awaited<ReturnType<PollAnswersQueue['flushPoll']>>;
          do r = await this.flushPoll(pollId);
          while (r === 'more');
          if (r !== 'busy') moved.push(pollId);
        } catch (e) {
          this.logger.warn(`answers of poll ${pollId} not moved yet: ${(e as Error).message}`);
        }
      }),
    );
    return moved;
  }

  /**
   * One batch under the poll's lock: 'busy' (another process has it); after it, 'empty', 'more'
   * (a full batch and more waiting) or 'rest' (answers that came meanwhile, for the next tick).
   */
  private async flushPoll(pollId: string): Promise<'busy' | 'more' | 'rest' | 'empty'> {
    const token = randomUUID();
    if (!(await this.r.set(k.lock(pollId), token, 'PX', LOCK_MS, 'NX'))) return 'busy';
    let taken = 0;
    try {
      const entries = await this.r.lrange(k.q(pollId), 0, BATCH - 1);
      taken = entries.length;
      if (taken) await this.writer.store(pollId, entries);
    } catch (e) {
      await this.r.eval(
        `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`,
        1,
        k.lock(pollId),
        token,
      );
      throw e;
    }
    const left = await this.r.engRelease(
      k.lock(pollId),
      k.q(pollId),
      k.waiting,
      k.st(pollId),
      k.who(pollId),
      token,
      taken,
      pollId,
      KEEP_MS,
    );
    // -1: the lock ran out under a slow statement; another process moves (again) what is left.
    if (left === -1) return 'busy';
    if (left === 0) return 'empty';
    // Answers that came in while this batch was written wait for the next tick, unless the batch
    // was full (a backlog): chasing each trickle at once made one tiny INSERT per round trip, 3-10
    // per tick under a steady stream of answers, each with its lock, read and release.
    return taken === BATCH ? 'more' : 'rest';
  }
}
