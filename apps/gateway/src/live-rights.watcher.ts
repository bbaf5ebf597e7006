import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LIVE_ERROR_CODES, type LiveErrorCode } from '@qatys/contracts';
import { LiveRightsService, RosterChange } from '@qatys/domain';
import type { Socket } from 'socket.io';
import { LiveSockets } from './live-sockets';
import { identityOf, LiveSocketData } from './socket-auth';

/** Notifications arriving this close together are handled as one pass (a bulk change is many). */
const GATHER_MS = 10;
const KNOWN = new Set<string>(LIVE_ERROR_CODES);
const DISABLED = { code: 'forbidden' as const, message: 'This account is disabled' };

interface Pending {
  sessions: Set<string>;
  users: Set<string>;
  all: boolean;
}

const nothing = (): Pending => ({ sessions: new Set(), users: new Set(), all: false });

/**
 * Rights of sockets already inside sessions, kept true while they are connected: every change the
 * rosters announce (a session's registrations or speakers, a person's account; anything after the
 * LISTEN connection was back) re-checks this process's sockets it concerns. A socket that may no
 * longer be in a session leaves it at once (counts, interval closed `rights_revoked`) and is told
 * with `session:left`; one whose account was disabled is then closed (`auth:ended`).
 */
@Injectable()
export class LiveRightsWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveRightsWatcher.name);
  private pending = nothing();
  private timer?: NodeJS.Timeout;
  private running = false;
  private unsubscribe?: () => void;

  constructor(
    private readonly rights: LiveRightsService,
    private readonly sockets: LiveSockets,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.rights.onChange((c) => this.note(c));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    clearTimeout(this.timer);
  }

  /** One socket in one session, looked at again now (a join that raced a change). */
  recheckSoon(socket: Socket, sessionId: string): void {
    void this.recheck(socket, sessionId).catch((e: Error) =>
      this.logger.warn(`re-checking ${socket.id} in ${sessionId} failed: ${e.message}`),
    );
  }

  private note(change: RosterChange): void {
    if ('all' in change) this.pending.all = true;
    else if ('session' in change) this.pending.sessions.add(change.session);
    else this.pending.users.add(change.user);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.running) return;
    this.timer = setTimeout(() => void this.run(), GATHER_MS);
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    const p = this.pending;
    this.pending = nothing();
    this.running = true;
    try {
      await this.apply(p);
    } catch (e) {
      this.logger.warn(`re-checking rights failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
      const q = this.pending;
      if (q.all || q.sessions.size || q.users.size) this.schedule();
    }
  }

  private async apply(p: Pending): Promise<void> {
    const checks: [Socket, string][] = [];
    const people = new Map<string, Socket[]>();
    const everything = (s: Socket) => {
      for (const sessionId of this.sockets.find(s)?.joined.keys() ?? []) checks.push([s, sessionId]);
      const userId = (s.data as LiveSocketData).actor.userId;
      people.set(userId, [...(people.get(userId) ?? []), s]);
    };
    if (p.all) {
      for (const s of this.sockets.all()) everything(s);
    } else {
      for (const sessionId of p.sessions) {
        for (const s of this.sockets.inSession(sessionId)) {
          if (!p.users.has((s.data as LiveSocketData).actor.userId)) checks.push([s, sessionId]);
        }
      }
      if (p.users.size) {
        for (const s of this.sockets.all())
          if (p.users.has((s.data as LiveSocketData).actor.userId)) everything(s);
      }
    }
    await Promise.all(
      checks.map(([s, sessionId]) =>
        this.recheck(s, sessionId).catch((e: Error) =>
          this.logger.warn(`re-checking ${s.id} in ${sessionId} failed: ${e.message}`),
        ),
      ),
    );
    for (const userId of await this.rights.inactiveUsers([...people.keys()])) {
      for (const s of people.get(userId) ?? []) this.sockets.end(s, DISABLED);
    }
  }

  private async recheck(socket: Socket, sessionId: string): Promise<void> {
    const joined = this.sockets.find(socket)?.joined.get(sessionId);
    if (!joined || socket.disconnected) return;
    const outcome = await this.rights.recheck(
      socket.id,
      identityOf(socket.data as LiveSocketData),
      sessionId,
      joined.staff !== null,
    );
    if (outcome.ok) return;
    const code: LiveErrorCode = KNOWN.has(outcome.code) ? (outcome.code as LiveErrorCode) : 'forbidden';
    await this.sockets.revoke(socket, sessionId, { code, message: outcome.message });
  }
}
