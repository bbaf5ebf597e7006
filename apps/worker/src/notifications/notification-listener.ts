import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { OUTBOX_CHANNEL, OUTBOX_WAKE } from '@qatys/domain';
import { PgListener } from '@qatys/persistence';

/**
 * LISTEN on the outbox channel (one dedicated connection): recording a domain event NOTIFYs
 * `outbox` when its transaction commits, so the worker reacts in milliseconds instead of at the
 * next poll. Only a wake-up: the outbox and the reconciler are the truth, so a lost
 * connection costs latency, never a message. After a reconnect everyone is woken once.
 */
@Injectable()
export class NotificationListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationListener.name);
  private readonly handlers = new Set<(payload: string) => void>();
  private readonly pg: PgListener;

  constructor(@Inject(APP_CONFIG) config: WorkerConfig) {
    this.pg = new PgListener({
      connection: { connectionString: config.DATABASE_URL, application_name: 'qatys-worker-listen' },
      channels: [OUTBOX_CHANNEL],
      onNotify: (_channel, payload) => this.emit(payload),
      onListening: (reconnected) => reconnected && this.emit(OUTBOX_WAKE),
      onLost: (e) => this.logger.warn({ err: e?.message }, 'LISTEN connection lost; reconnecting'),
    });
  }

  on(handler: (payload: string) => void): void {
    this.handlers.add(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.pg.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pg.stop();
  }

  private emit(payload: string): void {
    for (const h of this.handlers) h(payload);
  }
}
