/**
 * Groups calls made in the same turn of the event loop — or within `windowMs` of the first — into
 * one call of `run` (at most `maxSize` items). When twenty jobs become active together, their
 * twenty reads become one statement: on a 2-core box every round trip to Postgres costs a syscall
 * and a backend wake-up on both sides. Jobs of a steady stream finish a little apart, so a window
 * of a few ms gathers them where a single tick would not.
 */
export class MicroBatcher<I, O> {
  private pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly maxSize = 100,
    private readonly windowMs = 0,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        if (this.windowMs > 0) setTimeout(() => this.flush(), this.windowMs);
        else setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending.splice(0, this.maxSize);
    if (!batch.length) return;
    if (this.pending.length && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    this.run(batch.map((b) => b.item)).then(
      (out) => batch.forEach((b, i) => b.resolve(out[i])),
      (e) => batch.forEach((b) => b.reject(e)),
    );
  }
}
