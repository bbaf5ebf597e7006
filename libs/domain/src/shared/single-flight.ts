/**
 * One run of a read per key at a time: whoever asks for a key while its run is under way gets
 * that run's promise instead of starting another. When a poll opens, thousands of answers arrive
 * within a second, and every one that comes before the first read returns would otherwise send
 * the same query. The key is forgotten as soon as its run settles: a failure is not remembered,
 * and what the run produced is its caller's to keep.
 */
export class SingleFlight<V> {
  private readonly running = new Map<string, Promise<V>>();

  run(key: string, work: () => Promise<V>): Promise<V> {
    let p = this.running.get(key);
    if (!p) {
      p = work().finally(() => this.running.delete(key));
      this.running.set(key, p);
    }
    return p;
  }

  /** Runs under way (0 once every one settled). */
  get size(): number {
    return this.running.size;
  }
}
