import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { JobMap, JobName, QUEUES } from '@qatys/contracts';
import { Job, UnrecoverableError } from 'bullmq';

/** Housekeeping jobs. `maintenance.ping` proves the queue wiring end to end. */
@Processor(QUEUES.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  async process(job: Job): Promise<unknown> {
    switch (job.name as JobName) {
      case 'maintenance.ping': {
        const { at } = job.data as JobMap['maintenance.ping'];
        this.logger.log({ jobId: job.id, at }, 'maintenance.ping');
        return { pong: true, at };
      }
      default:
        // Retrying cannot help a job nobody handles: fail it for good, visibly.
        throw new UnrecoverableError(`no handler for job "${job.name}" on queue ${QUEUES.maintenance}`);
    }
  }
}
