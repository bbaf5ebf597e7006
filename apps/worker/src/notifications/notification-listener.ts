import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { NOTIFICATIONS_CHANNEL } from '@qatys/domain';

/**
 * LISTEN on the notifications channel (one dedicated connection): the planning hooks NOTIFY
 * `outbox` when their transaction commits, so the worker reacts in milliseconds instead of at
 * the next poll. Only a wake-up: the outbox and the reconciler are the truth, so a lost
 * connection costs latency, never a message. After a reconnect everyone is woken once.
 */
@Injectable()
export class NotificationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationListener.name);
  private readonly handlers = new Set<(payload: string) => void>();
  private client?: Client;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: WorkerConfig) {}

  on(handler: (payload: string) => void): void {
    this.handlers.add(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect().catch((e: Error) => this.scheduleReconnect(e));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private emit(payload: string): void {
    for (const h of this.handlers) h(payload);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'qatys-worker-listen',
    });
    client.on('notification', (m) => this.emit(m.payload ?? ''));
    client.on('error', (e) => this.scheduleReconnect(e));
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(e?: Error): void {
    if (this.stopped || this.retry) return;
    if (e) this.logger.warn({ err: e.message }, 'LISTEN connection lost; reconnecting');
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().then(
        () => this.emit('outbox'),
        (err: Error) => this.scheduleReconnect(err),
      );
    }, 1000);
  }
}
