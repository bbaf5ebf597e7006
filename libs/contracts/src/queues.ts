/**
 * Queue and job names, and the payload of each job (one JobMap). Payloads carry ids and UTC ISO
 * instants only. Names never change once shipped: jobs already in Redis refer to them.
 */
export const QUEUES = {
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobMap {
  'maintenance.ping': { at: string };
}
export type JobName = keyof JobMap;
