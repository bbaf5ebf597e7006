import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { ChatState } from '@qatys/contracts';
import {
  ENGAGEMENT_OPTIONS,
  EngagementLiveStore,
  EngagementOptions,
  EngagementSettingsService,
  HandsService,
  PollsService,
} from '@qatys/domain';
import { LiveGateway } from '../live.gateway';
import { rooms } from '../live-rooms';
import { LiveSockets } from '../live-sockets';
import { EngagementBuffers } from './engagement-buffers';
import type { Emitter } from './engagement-context';
import { PollHandlers } from './poll.handlers';

/** Reactions are summed and sent once a second per session. */
const REACTION_BURST_MS = 1000;
/** How often this process hands its gathered reactions to Redis. */
const REACTION_FLUSH_MS = 250;
const CHAT_STATE_POLL_MS = 2000;
/** How often this process moves acknowledged answers from Redis to Postgres (when it has the lock). */
const ANSWER_FLUSH_MS = 100;

/**
 * The periodic work of engagement on a gateway process: coalesced poll results and hand queues
 * (at most one per poll / session per interval across all processes, whoever takes the Redis
 * lock sends), reaction bursts once a second per session, and chat settings told to the sockets
 * this process holds when they change. Loops are chained timeouts; a stop waits for ticks under way.
 */
@Injectable()
export class EngagementRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EngagementRuntime.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ticking = new Set<Promise<void>>();
  private readonly chatStates = new Map<string, string>();
  private stopping = false;

  constructor(
    private readonly gateway: LiveGateway,
    private readonly store: EngagementLiveStore,
    private readonly polls: PollsService,
    private readonly pollHandlers: PollHandlers,
    private readonly hands: HandsService,
    private readonly settings: EngagementSettingsService,
    private readonly buffers: EngagementBuffers,
    private readonly sockets: LiveSockets,
    @Inject(ENGAGEMENT_OPTIONS) private readonly options: EngagementOptions,
  ) {}

  onApplicationBootstrap(): void {
    this.loop('engagement updates', Math.max(50, this.options.updateIntervalMs / 2), () =>
      this.sendUpdates(),
    );
    this.loop('poll answers', ANSWER_FLUSH_MS, () => this.moveAnswers());
    this.loop('reactions', REACTION_FLUSH_MS, () => this.sendReactions());
    this.loop('chat state', CHAT_STATE_POLL_MS, () => this.sendChatStates());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.ticking]);
    // A process stopping on purpose moves what is queued: Postgres (and the API's reports) need
    // not wait for the next gateway to do it.
    await this.polls.flushAnswers().catch((e: Error) => this.logger.warn(`answers not moved: ${e.message}`));
  }

  private get emitter(): Emitter {
    return this.gateway.emitter;
  }

  /** Answers acknowledged by any process go to Postgres; the polls that got some are due results. */
  async moveAnswers(): Promise<void> {
    for (const id of await this.polls.flushAnswers()) this.buffers.answeredPoll(id);
  }

  async sendUpdates(): Promise<void> {
    await this.store.markDirty('poll', this.buffers.takeAnswered());
    const interval = this.options.updateIntervalMs;
    const [polls, sessions] = await Promise.all([
      this.store.takeDue('poll', interval),
      this.store.takeDue('hands', interval),
    ]);
    const failed = (what: string) => (e: Error) => this.logger.warn(`${what} not sent: ${e.message}`);
    await Promise.all([
      ...polls
        .map(async (id) => {
          const row = await this.polls.row(id);
          if (!this.stopping) await this.pollHandlers.sendResults(this.emitter, row);
        })
        .map((p, i) => p.catch(failed(`results of poll ${polls[i]}`))),
      ...sessions
        .map(async (sessionId) => {
          const queue = await this.hands.queue(sessionId);
          if (!this.stopping) this.emitter.to(rooms.staff(sessionId)).emit('hand:queue', queue);
        })
        .map((p, i) => p.catch(failed(`hand queue of ${sessions[i]}`))),
    ]);
  }

  async sendReactions(): Promise<void> {
    const gathered = this.buffers.takeReactions();
    await Promise.all([...gathered].map(([sessionId, counts]) => this.store.addReactions(sessionId, counts)));
    const due = await this.store.takeReactions(REACTION_BURST_MS);
    if (this.stopping) return;
    const at = new Date().toISOString();
    for (const { sessionId, counts } of due) {
      if (Object.keys(counts).length) {
        this.emitter.to(rooms.audience(sessionId)).emit('reaction:burst', { sessionId, at, counts });
      }
    }
  }

  /** Each process tells only its own sockets (`local`), so a change is never sent twice. */
  async sendChatStates(): Promise<void> {
    const ids = this.sockets.sessionsHere();
    for (const id of this.chatStates.keys()) if (!ids.has(id)) this.chatStates.delete(id);
    if (!ids.size) return;
    const states: ChatState[] = await this.settings.chatStates([...ids]);
    if (this.stopping) return;
    for (const s of states) {
      const key = `${s.enabled}|${s.premoderation}`;
      const before = this.chatStates.get(s.sessionId);
      this.chatStates.set(s.sessionId, key);
      // The first look sends too: a change between a join and that look must not be missed.
      if (before !== key) {
        this.emitter.local.to(rooms.audience(s.sessionId)).emit('chat:state', s);
      }
    }
  }

  private loop(name: string, everyMs: number, work: () => Promise<void>): void {
    const tick = async () => {
      const running = work().catch((e: Error) => this.logger.warn(`${name} tick failed: ${e.message}`));
      this.ticking.add(running);
      await running;
      this.ticking.delete(running);
      if (this.stopping) return;
      this.timers.delete(timer);
      timer = setTimeout(() => void tick(), everyMs);
      this.timers.add(timer);
    };
    let timer = setTimeout(() => void tick(), everyMs);
    this.timers.add(timer);
  }
}
