import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import { LiveAttendanceService } from '@qatys/domain';
import { LiveGateway } from './live.gateway';
import { rooms } from './live-rooms';
import { LiveSockets } from './live-sockets';

const SESSION_STATE_POLL_MS = 2000;
/** How often sockets are looked at for an expired token (every event looks too). */
const TOKEN_EXPIRY_CHECK_MS = 1000;

/**
 * The periodic work of a gateway process: heartbeat + sweeping of dead processes every
 * GATEWAY_HEARTBEAT_MS, and the coalesced attendance:update (at most one per session per
 * GATEWAY_ATTENDANCE_UPDATE_MS across all processes), session states, and sockets whose token
 * expired. Loops are chained timeouts so a slow
 * Redis never stacks ticks. On a clean stop every connection leaves the counts at once.
 */
@Injectable()
export class LiveRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveRuntime.name);
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Ticks under way: a stop waits for them, so none emits through an adapter already closed. */
  private readonly ticking = new Set<Promise<void>>();
  private stopping = false;

  private readonly lastStatus = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly live: LiveAttendanceService,
    private readonly gateway: LiveGateway,
    private readonly sockets: LiveSockets,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.GATEWAY_HEARTBEAT_MS >= this.config.GATEWAY_PRESENCE_TTL_MS) {
      throw new Error('GATEWAY_HEARTBEAT_MS must be shorter than GATEWAY_PRESENCE_TTL_MS');
    }
    await this.live.start();
    this.loop('heartbeat', this.config.GATEWAY_HEARTBEAT_MS, async () => {
      await this.live.heartbeat();
      await this.live.sweep();
    });
    // Half the interval: a session's lock expires at most half an interval before it is looked at again.
    this.loop('attendance', Math.max(50, this.config.GATEWAY_ATTENDANCE_UPDATE_MS / 2), () =>
      this.sendUpdates(),
    );
    this.loop('session state', SESSION_STATE_POLL_MS, () => this.sendSessionStates());
    // A socket lives no longer than its token: one that was not refreshed (auth:refresh) ends.
    this.loop('token expiry', TOKEN_EXPIRY_CHECK_MS, async () => {
      this.sockets.endExpired(Date.now());
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.ticking]);
    await this.live.stop('shutdown').catch((e: Error) => this.logger.warn(`stopping presence: ${e.message}`));
  }

  async sendUpdates(): Promise<void> {
    const due = await this.live.dueUpdates();
    if (this.stopping) return;
    for (const u of due) {
      this.gateway.emitter.to(rooms.attendance(u.sessionId, u.scopeKey)).emit('attendance:update', u.update);
    }
  }

  /**
   * Status changes (live, ended, cancelled) are made through the API; each gateway process looks
   * at the sessions its own sockets are in and tells only those sockets (`local`), so several
   * processes never send the same change twice. Clients treat it as idempotent state.
   */
  async sendSessionStates(): Promise<void> {
    const ids = this.sockets.sessionsHere();
    for (const id of this.lastStatus.keys()) if (!ids.has(id)) this.lastStatus.delete(id);
    if (!ids.size) return;
    const rows: { id: string; status: string }[] = await this.ds.query(
      'SELECT id, status FROM sessions WHERE id = ANY($1::uuid[])',
      [[...ids]],
    );
    if (this.stopping) return;
    for (const { id, status } of rows) {
      const before = this.lastStatus.get(id);
      this.lastStatus.set(id, status);
      // The first look sends too: a change between a join and that look must not be missed.
      if (before !== status) {
        this.gateway.emitter.local.to(rooms.audience(id)).emit('session:state', { sessionId: id, status });
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
