import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { JobMap, QUEUES } from '@qatys/contracts';
import { CERTIFICATES_CHANNEL, pagePending } from '@qatys/domain';
import { PgListener } from '@qatys/persistence';

const PAGE = 1000;

/**
 * Postgres -> Redis for certificates: every pending certificate gets a `certificate.issue` job
 * (job id `certificate-<id>`: relaying twice adds nothing). Woken by NOTIFY when certificates are
 * made, and on a timer as the reconciler is for reminders, so a job Redis lost comes back.
 */
@Injectable()
export class CertificateRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CertificateRelay.name);
  private readonly pg: PgListener;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    @InjectQueue(QUEUES.certificates) private readonly queue: Queue,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
  ) {
    this.pg = new PgListener({
      connection: { connectionString: config.DATABASE_URL, application_name: 'qatys-worker-certificates' },
      channels: [CERTIFICATES_CHANNEL],
      onNotify: () => this.wake(),
      onListening: () => this.wake(),
      onLost: (e) => this.logger.warn({ err: e?.message }, 'LISTEN connection lost; reconnecting'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.pg.start();
    this.timer = setInterval(() => this.wake(), this.config.REMINDER_RECONCILE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pg.stop();
    await this.running;
  }

  /** Relays now (or once more right after the pass under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.relay()
      .then(() => undefined)
      .catch((e: Error) => this.logger.error({ err: e.message }, 'certificate relay failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async relay(): Promise<number> {
    let after: { createdAt: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const rows = await pagePending(this.ds, after, PAGE);
      if (!rows.length) break;
      total += rows.length;
      after = { createdAt: rows[rows.length - 1].created_at, id: rows[rows.length - 1].id };
      await this.queue.addBulk(
        rows.map((r) => ({
          name: 'certificate.issue',
          data: { certificateId: r.id } satisfies JobMap['certificate.issue'],
          opts: {
            jobId: `certificate-${r.id}`,
            attempts: this.config.NOTIFY_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.NOTIFY_BACKOFF_MS },
            removeOnComplete: true,
            removeOnFail: { age: 7 * 24 * 3600, count: 10000 },
          },
        })),
      );
      if (rows.length < PAGE) break;
    }
    return total;
  }
}
