import { evictionPolicyProblem } from './redis-policy';

describe('evictionPolicyProblem', () => {
  it('accepts only noeviction', () => {
    expect(evictionPolicyProblem('noeviction')).toBeNull();
  });

  it.each(['allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-ttl', 'allkeys-lfu'])(
    'names %s and says what BullMQ loses',
    (policy) => {
      expect(evictionPolicyProblem(policy)).toMatch(new RegExp(`"${policy}".*BullMQ loses jobs.*noeviction`));
    },
  );

  it('warns when the policy cannot be read', () => {
    expect(evictionPolicyProblem(null)).toMatch(/could not be read.*noeviction/);
  });
});
