/**
 * The browser's side of the gateway contract (libs/contracts/src/live-events.ts): one Socket.IO
 * connection to /live, typed emits that always resolve to the contract's ack shape (a timeout or
 * a lost connection becomes { ok: false }), a status the UI can show, and a re-join after every
 * reconnect. The gateway counts people, not sockets, so re-joining never inflates the figures.
 * A socket lives no longer than its token: shortly before it expires the client gets a fresh one
 * and hands it over with `auth:refresh` (rights that changed take a new connection instead).
 */
import { io, Socket } from 'socket.io-client';
import type {
  AuthRefreshResult,
  LiveAck,
  LiveClientEvents,
  LiveServerEvents,
  QuestionModerationAction,
  QuestionView,
  QuestionVoteResult,
  SessionJoinResult,
} from '@qatys/contracts/live-events';
import { LIVE_NAMESPACE } from '@qatys/contracts/live-events';
import { refreshDelay, tokenExpiresAt } from './token-expiry';

export type LiveStatus =
  | 'connecting'
  | 'connected'
  /** The connection dropped; socket.io-client is trying again. */
  | 'reconnecting'
  /** The gateway refused the handshake (token missing, expired, forged; origin not allowed). */
  | 'refused';

export interface LiveClientOptions {
  gatewayUrl: string;
  /** Called at every (re)connect so an access token refreshed meanwhile is used. */
  token(): string | undefined;
  /**
   * Gets a fresh access token (token() returns it afterwards); resolve true when it did. Called
   * before the socket's token expires, and when the handshake was refused because it had.
   */
  renewToken?(): Promise<boolean>;
}

const ACK_TIMEOUT_MS = 10_000;

type Listener<E extends keyof LiveServerEvents> = LiveServerEvents[E];

export class LiveClient {
  readonly socket: Socket<LiveServerEvents, LiveClientEvents>;
  private status: LiveStatus = 'connecting';
  private refusal = '';
  private readonly statusListeners = new Set<(s: LiveStatus, reason: string) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private everConnected = false;
  private renewing = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: LiveClientOptions) {
    this.socket = io(`${opts.gatewayUrl.replace(/\/+$/, '')}${LIVE_NAMESPACE}`, {
      auth: (cb) => cb({ token: opts.token() ?? '' }),
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.3,
      timeout: 10_000,
    });
    this.socket.on('connect', () => {
      const again = this.everConnected;
      this.everConnected = true;
      this.setStatus('connected');
      this.scheduleRefresh(opts.token());
      if (again) this.reconnectListeners.forEach((l) => l());
    });
    this.socket.on('disconnect', (reason) => {
      clearTimeout(this.refreshTimer);
      // "io server disconnect": the server closed it on purpose; anything else heals by itself.
      if (reason === 'io server disconnect') this.socket.connect();
      this.setStatus('reconnecting');
    });
    this.socket.on('connect_error', (err: Error & { data?: { reason?: string } }) => {
      if (this.socket.active) {
        // A network failure: socket.io-client retries on its own.
        this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
        return;
      }
      // Refused by the gateway's middleware: it will not retry by itself.
      const reason = err.data?.reason ?? err.message;
      if (/expired/.test(reason) && this.opts.renewToken && !this.renewing) {
        this.renewing = true;
        void this.opts.renewToken().then((ok) => {
          this.renewing = false;
          if (ok) this.socket.connect();
          else this.setStatus('refused', reason);
        });
        return;
      }
      this.setStatus('refused', reason);
    });
  }

  /** Whether it has been connected once (a later connect is a reconnect: onReconnect). */
  get hasConnected(): boolean {
    return this.everConnected;
  }

  get current(): { status: LiveStatus; reason: string } {
    return { status: this.status, reason: this.refusal };
  }

  onStatus(l: (s: LiveStatus, reason: string) => void): () => void {
    this.statusListeners.add(l);
    return () => this.statusListeners.delete(l);
  }

  /** After a dropped connection came back (not the first connect): re-join, re-fetch. */
  onReconnect(l: () => void): () => void {
    this.reconnectListeners.add(l);
    return () => this.reconnectListeners.delete(l);
  }

  on<E extends keyof LiveServerEvents>(event: E, l: Listener<E>): () => void {
    // socket.io-client's typed overloads do not follow a generic event name through.
    const s = this.socket as unknown as { on(e: string, l: unknown): void; off(e: string, l: unknown): void };
    s.on(event, l);
    return () => s.off(event, l);
  }

  join(sessionId: string): Promise<LiveAck<SessionJoinResult>> {
    return this.emit('session:join', { sessionId });
  }

  leave(sessionId: string): Promise<LiveAck<{ sessionId: string }>> {
    return this.emit('session:leave', { sessionId });
  }

  ask(sessionId: string, text: string, anonymous: boolean): Promise<LiveAck<QuestionView>> {
    return this.emit('question:ask', { sessionId, text, anonymous });
  }

  upvote(questionId: string, up: boolean): Promise<LiveAck<QuestionVoteResult>> {
    return this.emit('question:upvote', { questionId, up });
  }

  moderate(questionId: string, action: QuestionModerationAction): Promise<LiveAck<QuestionView>> {
    return this.emit('question:moderate', { questionId, action });
  }

  close(): void {
    clearTimeout(this.refreshTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.statusListeners.clear();
    this.reconnectListeners.clear();
  }

  /** Refreshes the socket's token a little before it expires (join-link sockets have nothing to renew with). */
  private scheduleRefresh(token: string | undefined): void {
    clearTimeout(this.refreshTimer);
    const expiresAt = tokenExpiresAt(token);
    if (!this.opts.renewToken || expiresAt === null) return;
    this.refreshTimer = setTimeout(() => void this.refresh(), refreshDelay(expiresAt, Date.now()));
  }

  private async refresh(): Promise<void> {
    // Not renewed (signed out, offline): the gateway ends the socket at expiry and the
    // reconnect path (connect_error "token expired") tries again.
    if (!(await this.opts.renewToken?.())) return;
    const token = this.opts.token();
    if (!token || !this.socket.connected) return;
    const reply = await this.emit<AuthRefreshResult>('auth:refresh', { token });
    if (reply.ok) this.scheduleRefresh(token);
    // Other rights in the new token (roles, regions): a new connection, re-joined with them.
    else if (reply.error.code === 'invalid_token') this.socket.disconnect().connect();
  }

  private emit<T>(event: keyof LiveClientEvents, payload: unknown): Promise<LiveAck<T>> {
    if (!this.socket.connected) {
      return Promise.resolve({
        ok: false,
        error: { code: 'internal', message: 'not connected' },
      } as LiveAck<T>);
    }
    const s = this.socket as unknown as {
      timeout(ms: number): {
        emit(e: string, p: unknown, cb: (err: Error | null, r: LiveAck<T>) => void): void;
      };
    };
    return new Promise((resolve) => {
      s.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, reply) => {
        if (err) resolve({ ok: false, error: { code: 'internal', message: 'no answer from the server' } });
        else resolve(reply);
      });
    });
  }

  private setStatus(s: LiveStatus, reason = ''): void {
    this.status = s;
    this.refusal = reason;
    this.statusListeners.forEach((l) => l(s, reason));
  }
}

/**
 * Questions shown pinned first, then by votes, then oldest first, then by id: the server's order
 * (compareQuestions). The times are the server's ISO strings, all in UTC to the millisecond, so
 * they compare as plain strings: `localeCompare` had a 2,000-question list wait for the browser's
 * collator (built at its first call) and a collation per comparison.
 */
export function sortQuestions(list: Iterable<QuestionView>): QuestionView[] {
  return [...list].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      b.upvotes - a.upvotes ||
      plainOrder(a.createdAt, b.createdAt) ||
      plainOrder(a.id, b.id),
  );
}

const plainOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
