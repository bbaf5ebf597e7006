import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

/**
 * BullMQ queue depth by state and the age of the oldest job waiting to run — read from Redis when
 * Prometheus scrapes, so every worker process reports the same (shared) figures.
 */
export function registerQueueMetrics(registry: Registry, queues: readonly Queue[]): void {
  new Gauge({
    name: 'qatys_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of queues) {
        const counts = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
        for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'qatys_queue_oldest_waiting_seconds',
    help: 'Age of the oldest job ready to run but not yet taken (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const q of queues) {
        // Oldest first: the wait list's tail.
        const [oldest] = await q.getJobs(['waiting', 'prioritized'], 0, 0, true);
        const readySince = oldest ? oldest.timestamp + (oldest.delay ?? 0) : Date.now();
        this.set({ queue: q.name }, Math.max(0, (Date.now() - readySince) / 1000));
      }
    },
  });
}
