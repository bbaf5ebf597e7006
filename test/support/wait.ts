/**
 * The one way a test waits for something that settles asynchronously (a row written by a worker,
 * a batched flush, a socket that went away): poll `probe` until it returns something truthy, and
 * fail loudly on timeout, naming what was awaited and the last thing seen. No fixed sleeps: a test
 * waits for the end state it asserts, never for "long enough".
 *
 * A probe may also throw (an `expect` that does not hold yet): the last error is reported.
 */
type Maybe<T> = T | null | undefined | false;

export interface WaitOptions {
  /** Give up after this long (default 30 s: suites share a busy 2-core machine). */
  timeoutMs?: number;
  /** Poll period (default 50 ms). */
  everyMs?: number;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<Maybe<T>> | Maybe<T>,
  options: WaitOptions | number = {},
): Promise<T> {
  const { timeoutMs = 30_000, everyMs = 50 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      lastValue = v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > until) {
      const last = lastError
        ? `last error: ${(lastError as Error).message}`
        : `last value: ${JSON.stringify(lastValue)}`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${last})`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until `check` stops throwing (typically a block of `expect`s) and returns its result.
 * The same loop as waitFor, for checks written as assertions.
 */
export function eventually<T>(check: () => Promise<T> | T, options?: WaitOptions | number): Promise<T> {
  return waitFor('the check to pass', async () => ({ v: await check() }), options).then((r) => r.v);
}
