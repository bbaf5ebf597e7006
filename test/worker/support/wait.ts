/** Polls `probe` until it returns something truthy (or throws after `timeoutMs`, naming `what`). */
type Maybe<T> = T | null | undefined | false;

export async function waitFor<T>(
  what: string,
  probe: () => Promise<Maybe<T>> | Maybe<T>,
  timeoutMs = 30000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      throw new Error(
        `timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
