import type { INestApplicationContext } from '@nestjs/common';

/**
 * Readiness and shutdown meet here. From SIGTERM on the app is *draining*: /health/ready answers
 * 503 so balancers and Kubernetes stop sending new work, while requests and sockets already here
 * carry on; only after SHUTDOWN_DRAIN_MS does the app close (Nest's shutdown hooks).
 */
export class DrainState {
  private since: number | undefined;

  get draining(): boolean {
    return this.since !== undefined;
  }

  begin(): void {
    this.since ??= Date.now();
  }
}

/**
 * Replaces Nest's enableShutdownHooks for SIGTERM/SIGINT: mark draining, wait `drainMs`, then
 * close the app (its hooks finish running work) and exit. A second signal skips the wait.
 */
export function stopOnSignals(
  app: INestApplicationContext,
  drain: DrainState,
  drainMs: number,
  log: (message: string) => void,
): void {
  let closing: Promise<void> | undefined;
  let skipWait: () => void = () => undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return skipWait();
    drain.begin();
    log(`${signal}: draining for ${drainMs} ms (readiness 503), then closing`);
    closing = new Promise<void>((resolve) => {
      skipWait = resolve;
      setTimeout(resolve, drainMs).unref();
    })
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (e: Error) => {
          process.stderr.write(`shutdown failed: ${e.stack ?? e.message}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
