import { Client, type ClientConfig } from 'pg';

export interface PgSessionOptions {
  /** How to reach Postgres; the session keeps one connection of its own. */
  connection: ClientConfig;
  /**
   * What makes the connection useful, run on every (re)connect: LISTEN, an advisory lock... It is
   * session state, so it lasts exactly as long as this connection.
   */
  setUp(client: Client): Promise<void>;
  /** The session state is in effect (again); `reestablished` after a loss. */
  onReady?(reestablished: boolean): void;
  /** The connection is gone, and the session state with it, until onReady. */
  onLost?(error?: Error): void;
  retryMs?: number;
}

/**
 * One dedicated Postgres connection holding session state (LISTEN, a session advisory lock),
 * reconnecting after a loss and setting the state up again. Whoever relies on the state learns of
 * every gap (onLost) and of its end (onReady). Needs a direct connection to Postgres, not one
 * through a transaction-mode pooler.
 */
export class PgSession {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private active = false;
  private everReady = false;

  constructor(private readonly options: PgSessionOptions) {}

  /** True while the session state is in effect. */
  get ready(): boolean {
    return this.active;
  }

  /** Connects and sets up; a failure is retried in the background (onLost tells the caller). */
  async start(): Promise<void> {
    await this.connect().catch((e: Error) => this.lost(e));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.active = false;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.options.connection);
    // Only the current connection counts: an old one ending late says nothing about the new one.
    client.on('error', (e) => this.client === client && this.lost(e));
    client.on('end', () => this.client === client && this.lost());
    this.client = client;
    await client.connect();
    await this.options.setUp(client);
    if (this.stopped || this.client !== client) return;
    this.active = true;
    const reestablished = this.everReady;
    this.everReady = true;
    this.options.onReady?.(reestablished);
  }

  private lost(e?: Error): void {
    if (this.stopped) return;
    const wasActive = this.active;
    this.active = false;
    if (wasActive || e) this.options.onLost?.(e);
    if (this.retry) return;
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((err: Error) => this.lost(err));
    }, this.options.retryMs ?? 1000);
  }
}

export interface PgListenerOptions {
  /** How to reach Postgres; the listener keeps one connection of its own. */
  connection: ClientConfig;
  channels: readonly string[];
  onNotify(channel: string, payload: string): void;
  /**
   * LISTEN is active (again). After a lost connection anything may have been missed, so a
   * listener that caches on the strength of its notifications starts over here.
   */
  onListening?(reconnected: boolean): void;
  /** The connection is gone: from now on, notifications may be missed until onListening. */
  onLost?(error?: Error): void;
  retryMs?: number;
}

/**
 * LISTEN on one dedicated connection (a PgSession). NOTIFY is delivered only while a session
 * listens, so a gap is possible: whoever relies on the notifications learns of every gap
 * (onLost) and of its end (onListening), and treats them as "anything may have changed".
 */
export class PgListener {
  private readonly session: PgSession;

  constructor(options: PgListenerOptions) {
    this.session = new PgSession({
      connection: options.connection,
      async setUp(client) {
        client.on('notification', (m) => options.onNotify(m.channel, m.payload ?? ''));
        for (const channel of options.channels) await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
      },
      onReady: options.onListening,
      onLost: options.onLost,
      retryMs: options.retryMs,
    });
  }

  /** True while LISTEN is in effect: notifications committed from now on will arrive. */
  get listening(): boolean {
    return this.session.ready;
  }

  start(): Promise<void> {
    return this.session.start();
  }

  stop(): Promise<void> {
    return this.session.stop();
  }
}
