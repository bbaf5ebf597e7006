import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { JobMap, QUEUES } from '@qatys/contracts';
import { ConversionOutcome, RecordingConversionService } from '@qatys/domain';
import { bullConnectionOptions } from '../redis-connection';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `recordings` queue's worker: one conversion at a time per process (ffmpeg and janus-pp-rec
 * take a core each). BullMQ renews the job's lock while it runs, however long; a worker killed
 * mid-conversion leaves the job stalled, and it runs again (from the .mjr files, which are never
 * changed) on whichever worker is alive. The last failed attempt marks the recording `failed`.
 */
@Injectable()
export class RecordingProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecordingProcessor.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    private readonly conversions: RecordingConversionService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(
      QUEUES.recordings,
      (job: Job<JobMap['recording.convert']>) => this.process(job),
      {
        connection: bullConnectionOptions(this.config.REDIS_URL),
        prefix: this.config.REDIS_PREFIX,
        concurrency: 1,
        lockDuration: Math.max(10_000, this.config.WORKER_LOCK_DURATION_MS),
        maxStalledCount: 3,
      },
    );
    this.worker.on('error', (e) => this.logger.error({ err: e.message }, 'recordings worker error'));
    this.worker.on('failed', (job, e) => {
      if (job)
        this.logger.warn({ jobId: job.id, attempt: job.attemptsMade, err: e.message }, 'conversion failed');
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job<JobMap['recording.convert']>): Promise<ConversionOutcome> {
    const sessionId = job.data?.sessionId;
    if (job.name !== 'recording.convert' || typeof sessionId !== 'string' || !UUID.test(sessionId)) {
      throw new UnrecoverableError(`malformed ${job.name} job`);
    }
    try {
      return await this.conversions.convert(sessionId);
    } catch (e) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.conversions.fail(sessionId);
      throw e;
    }
  }
}
