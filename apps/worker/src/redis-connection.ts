import type { ConnectionOptions } from 'bullmq';

/**
 * Connection options (not a client) for BullMQ: given options, every queue and worker opens and
 * closes its own connections, so shutdown needs no bookkeeping of a shared client. Workers block
 * on Redis, hence `maxRetriesPerRequest: null`.
 */
export function bullConnectionOptions(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true };
}
