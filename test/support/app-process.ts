import { ChildProcess, spawn } from 'child_process';
import { createServer } from 'net';
import type { AddressInfo } from 'net';
import { join } from 'path';
import { waitFor } from './wait';

const ROOT = join(__dirname, '../..');

export type AppKind = 'api' | 'worker' | 'gateway';

export interface AppProcess {
  kind: AppKind;
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:<port> (the worker's: its health/metrics listener). */
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const PORT_VAR: Record<AppKind, string> = {
  api: 'API_PORT',
  worker: 'WORKER_HEALTH_PORT',
  gateway: 'GATEWAY_PORT',
};

/**
 * One of the real programs (apps/<kind>/src/main.ts, compiled on the fly by SWC through
 * scripts/lib/ts-register.js) as a child process on a free loopback port, ready once its
 * /health/ready answers 200. `env` is the whole environment besides PATH and the port.
 */
export async function spawnApp(
  kind: AppKind,
  env: Record<string, string>,
  port?: number,
): Promise<AppProcess> {
  port ??= await freePort();
  let output = '';
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts/lib/ts-register.js'), join(ROOT, `apps/${kind}/src/main.ts`)],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env, [PORT_VAR[kind]]: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `the ${kind} process to be ready`,
    async () => {
      if (!running()) throw new Error(`${kind} exited during start:\n${output.slice(-4000)}`);
      return (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200;
    },
    { timeoutMs: 90_000, everyMs: 200 },
  );
  return { kind, child, port, url, output: () => output, exited, running };
}

/** SIGKILLs what still runs and waits for it to be gone. */
export async function killAll(apps: readonly AppProcess[]): Promise<void> {
  for (const a of apps) if (a.running()) a.child.kill('SIGKILL');
  await Promise.all(apps.map((a) => a.exited));
}
