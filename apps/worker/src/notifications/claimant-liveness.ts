import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { claimantLockStatement, DeliveryClaimant } from '@qatys/domain';
import { PgSession } from '@qatys/persistence';

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
  private readonly session: PgSession;

  constructor(@Inject(APP_CONFIG) config: WorkerConfig) {
    const lock = claimantLockStatement(this.id);
    this.session = new PgSession({
      connection: {
        connectionString: config.DATABASE_URL,
        application_name: 'qatys-worker-liveness',
        keepAlive: true,
        keepAliveInitialDelayMillis: KEEPALIVE.idle * 1000,
      },
      async setUp(client) {
        // The server side probes too: a worker machine that vanished releases its claims in seconds, not hours.
        await client.query(
          `SET tcp_keepalives_idle = ${KEEPALIVE.idle}; SET tcp_keepalives_interval = ${KEEPALIVE.interval}; ` +
            `SET tcp_keepalives_count = ${KEEPALIVE.count}`,
        );
        await client.query(lock.text, lock.values);
      },
      onReady: () => this.logger.log({ claimant: this.id }, 'holding the claimant lock'),
      onLost: (e) => this.logger.warn({ err: e?.message }, 'claimant lock lost; sends wait until it is back'),
    });
  }

  isHeld(): boolean {
    return this.session.ready;
  }

  async onModuleInit(): Promise<void> {
    await this.session.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.session.stop();
  }
}
