import type Redis from 'ioredis';

/**
 * BullMQ keeps delayed jobs, locks and queue state as ordinary keys: a Redis that evicts keys
 * under memory pressure silently drops jobs. Anything but `noeviction` is a problem to shout about.
 */
export function evictionPolicyProblem(policy: string | null): string | null {
  if (policy === 'noeviction') return null;
  if (policy === null) {
    return 'Redis maxmemory-policy could not be read (INFO refused?): make sure it is noeviction, or BullMQ can lose jobs';
  }
  return `Redis maxmemory-policy is "${policy}", not noeviction: under memory pressure Redis evicts keys and BullMQ loses jobs (reminders, notices). Set maxmemory-policy noeviction`;
}

/** Reads the policy with INFO (allowed where managed Redis refuses CONFIG GET). */
export async function redisEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const info = await redis.info('memory');
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Start-up check every app runs: logs an error-level line when the policy is not noeviction. */
export async function warnUnlessNoEviction(
  redis: Redis,
  logError: (message: string) => void,
): Promise<string | null> {
  const policy = await redisEvictionPolicy(redis);
  const problem = evictionPolicyProblem(policy);
  if (problem) logError(problem);
  return policy;
}
