import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { JobMap, QUEUES } from '@qatys/contracts';
import { CertificateIssuerService } from '@qatys/domain';
import { bullConnectionOptions } from '../redis-connection';

/**
 * The `certificates` queue's worker: each job issues one certificate (PDF, stored, marked
 * issued, `certificate.issued` recorded — in one transaction, so a job run again after a crash
 * issues nothing twice). CERTIFICATE_CONCURRENCY jobs at once: rendering is CPU work, so more
 * than a few only holds memory.
 */
@Injectable()
export class CertificateProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CertificateProcessor.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly issuer: CertificateIssuerService,
  ) {}

  onApplicationBootstrap(): void {
    try {
      this.issuer.loadFonts();
    } catch (e) {
      this.logger.error(
        { err: (e as Error).message, dir: this.config.CERTIFICATE_FONT_DIR },
        'certificate fonts missing (install fonts-dejavu-core or set CERTIFICATE_FONT_DIR): certificates cannot be issued',
      );
    }
    this.worker = new Worker(
      QUEUES.certificates,
      (job: Job<JobMap['certificate.issue']>) => this.issuer.issue(job.data.certificateId),
      {
        connection: bullConnectionOptions(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
        concurrency: this.config.CERTIFICATE_CONCURRENCY,
        lockDuration: this.config.WORKER_LOCK_DURATION_MS,
        stalledInterval: Math.max(500, Math.floor(this.config.WORKER_LOCK_DURATION_MS / 2)),
        maxStalledCount: 2,
      },
    );
    this.worker.on('error', (e) => this.logger.error({ err: e.message }, 'certificates worker error'));
    this.worker.on('failed', (job, e) => {
      if (!job) return;
      this.logger.warn({ certificateId: job.data.certificateId, err: e.message }, 'certificate job failed');
      if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
        void this.issuer.failed(job.data.certificateId, e.message).catch(() => undefined);
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
