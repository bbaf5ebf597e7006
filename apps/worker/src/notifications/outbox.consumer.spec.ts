import type { WorkerConfig } from '@qatys/config';
import type { DomainOutbox } from '@qatys/domain';
import type { RecordingJobs } from '../recordings/recording-jobs';
import type { NotificationListener } from './notification-listener';
import type { NotificationRelay } from './notification-relay';
import { OUTBOX_GATHER_MS, OutboxConsumer } from './outbox.consumer';
import type { ReminderReconciler } from './reminder-reconciler';

/**
 * The consumer's loop against a stand-in outbox (a list of unprocessed registration events, taken
 * in batches as the dispatcher would) and a relay that records what it was asked to enqueue.
 * Fake timers: the gathering window is moved through, never waited for.
 */
function harness() {
  const pending: string[] = [];
  const batches: string[][] = [];
  const relayed: string[] = [];
  let onEvent: () => void = () => undefined;
  const outbox = {
    processBatch: jest.fn(async (limit: number) => {
      const taken = pending.splice(0, limit);
      batches.push(taken);
      return {
        fetched: taken.length,
        processed: taken,
        failed: [],
        effects: { registrationIds: taken, convertRecordings: [] },
      };
    }),
  };
  const consumer = new OutboxConsumer(
    { OUTBOX_POLL_INTERVAL_MS: 60_000 } as WorkerConfig,
    outbox as unknown as DomainOutbox,
    {
      apply: async (t: { registrationIds: string[] }) => void relayed.push(...t.registrationIds),
    } as unknown as NotificationRelay,
    { on: (h: () => void) => (onEvent = h) } as unknown as NotificationListener,
    { requestFullPass: () => undefined } as unknown as ReminderReconciler,
    { enqueue: async () => undefined } as unknown as RecordingJobs,
  );
  const record = (id: string) => {
    pending.push(id);
    onEvent(); // NOTIFY after the commit
  };
  return { consumer, record, batches, relayed, pending };
}

describe('OutboxConsumer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('takes the events recorded within the gathering window as one batch, and relays each once', async () => {
    const h = harness();
    h.consumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0); // the start-up step: nothing yet
    expect(h.batches).toEqual([[]]);

    for (let i = 1; i <= 5; i++) {
      h.record(`r${i}`);
      await jest.advanceTimersByTimeAsync(OUTBOX_GATHER_MS / 10);
    }
    await jest.advanceTimersByTimeAsync(OUTBOX_GATHER_MS);
    expect(h.batches).toEqual([[], ['r1', 'r2', 'r3', 'r4', 'r5']]);

    // A later event is a window of its own; nothing is relayed twice, nothing is left.
    h.record('r6');
    await jest.advanceTimersByTimeAsync(OUTBOX_GATHER_MS);
    expect(h.relayed).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(h.pending).toEqual([]);

    const stopped = h.consumer.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
  });

  it('stops at once when shut down inside a gathering window', async () => {
    const h = harness();
    h.consumer.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    h.record('r1');
    await jest.advanceTimersByTimeAsync(1);
    let done = false;
    const stopped = h.consumer.beforeApplicationShutdown().then(() => (done = true));
    await jest.advanceTimersByTimeAsync(0);
    await stopped;
    expect(done).toBe(true);
    // The event stays in the outbox for the next worker (or this one's next start).
    expect(h.pending).toEqual(['r1']);
  });
});
