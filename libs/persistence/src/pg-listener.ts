import { Client, type ClientConfig } from 'pg';

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
 * LISTEN on one dedicated connection, reconnecting after a loss. NOTIFY is delivered only while
 * a session listens, so a gap is possible: whoever relies on the notifications learns of every
 * gap (onLost) and of its end (onListening), and treats them as "anything may have changed".
 */
export class PgListener {
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private active = false;
  private everListened = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** True while LISTEN is in effect: notifications committed from now on will arrive. */
  get listening(): boolean {
    return this.active;
  }

  /** Connects and listens; a failure is retried in the background (onLost tells the caller). */
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
    client.on('notification', (m) => this.options.onNotify(m.channel, m.payload ?? ''));
    // Only the current connection counts: an old one ending late says nothing about the new one.
    client.on('error', (e) => this.client === client && this.lost(e));
    client.on('end', () => this.client === client && this.lost());
    this.client = client;
    await client.connect();
    for (const channel of this.options.channels)
      await client.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    if (this.stopped || this.client !== client) return;
    this.active = true;
    const reconnected = this.everListened;
    this.everListened = true;
    this.options.onListening?.(reconnected);
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
