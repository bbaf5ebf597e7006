import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JobMap, QUEUES } from '@qatys/contracts';
import { RecordingConversionService } from '@qatys/domain';

/** Janus closes a destroyed room's files as its participants go: the job starts a moment later. */
const START_DELAY_MS = 2000;
export const RECORDING_ATTEMPTS = 3;

export const recordingJobId = (sessionId: string): string => `recording-${sessionId}`;

/**
 * Postgres -> Redis for conversions: a room whose recording is `pending` gets one job (its id is
 * the session's, so adding it again is a no-op). Made after the outbox batch that handled
 * `room.ended`, and again by the room clock for any pending room whose job Redis lost.
 */
@Injectable()
export class RecordingJobs {
  constructor(
    @InjectQueue(QUEUES.recordings) readonly queue: Queue<JobMap['recording.convert']>,
    private readonly conversions: RecordingConversionService,
  ) {}

  async enqueue(sessionIds: readonly string[]): Promise<void> {
    if (!sessionIds.length) return;
    await this.queue.addBulk(
      sessionIds.map((sessionId) => ({
        name: 'recording.convert',
        data: { sessionId },
        opts: {
          jobId: recordingJobId(sessionId),
          delay: START_DELAY_MS,
          attempts: RECORDING_ATTEMPTS,
          backoff: { type: 'exponential', delay: 30_000 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /** Every pending conversion has its job (after a Redis loss, or a batch whose relay failed). */
  async reconcile(): Promise<number> {
    const pending = await this.conversions.pending();
    await this.enqueue(pending);
    return pending.length;
  }
}
