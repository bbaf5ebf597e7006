import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { claimantLockStatement, DeliveryClaimant } from '@qatys/domain';

/** Seconds of silence after which Postgres probes, then the probes, then how many may go unanswered. */
const KEEPALIVE = { idle: 5, interval: 2, count: 3 };

/**
 * This worker process as the holder of send claims: a session advisory lock keyed by a random
 * id, on a connection of its own, held from start to the very end of shutdown (after the last
 * "sent" mark). Postgres releases it when the connection goes — at once when the process is
 * killed (its socket closes), within about 11 s (TCP keepalives) when the machine vanishes — and
 * from then on the claims of this process are taken over by other workers (delivery.queries).
 * A stalled event loop does not lose the lock, so a slow but living send is never taken over.
 *
 * If the connection is lost while the process lives, deliveries wait (isHeld() is false) until
 * the lock is held again: a claim made without it would look abandoned to everyone else.
 * Needs a direct connection to Postgres (not through a transaction-mode pooler), like LISTEN.
 */
@Injectable()
export class ClaimantLiveness implements DeliveryClaimant, OnModuleInit, OnApplicationShutdown {
  readonly id = randomUUID();
  private readonly logger = new Logger(ClaimantLiveness.name);
  private client?: Client;
  private held = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: WorkerConfig) {}

  isHeld(): boolean {
    return this.held;
  }

  async onModuleInit(): Promise<void> {
    await this.connect().catch((e: Error) => this.lost(e));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.held = false;
    clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'qatys-worker-liveness',
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE.idle * 1000,
    });
    client.on('error', (e) => this.client === client && this.lost(e));
    client.on('end', () => this.client === client && this.lost());
    this.client = client;
    await client.connect();
    // The server side probes too: a worker machine that vanished releases its claims in seconds, not hours.
    await client.query(
      `SET tcp_keepalives_idle = ${KEEPALIVE.idle}; SET tcp_keepalives_interval = ${KEEPALIVE.interval}; ` +
        `SET tcp_keepalives_count = ${KEEPALIVE.count}`,
    );
    const lock = claimantLockStatement(this.id);
    await client.query(lock.text, lock.values);
    if (this.stopped || this.client !== client) return;
    this.held = true;
    this.logger.log({ claimant: this.id }, 'holding the claimant lock');
  }

  private lost(e?: Error): void {
    if (this.stopped) return;
    if (this.held || e)
      this.logger.warn({ err: e?.message }, 'claimant lock lost; sends wait until it is back');
    this.held = false;
    if (this.retry) return;
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connect().catch((err: Error) => this.lost(err));
    }, 1000);
  }
}
