import { ChildProcess, spawn } from 'child_process';
import { createInterface } from 'readline';

/**
 * A benchmark process speaking JSON lines: commands on stdin, replies on stdout (one line each,
 * in order). Started through bash so its file-descriptor limit can be raised first (Node cannot
 * raise its own): 10,000 sockets need more than the usual 1,024.
 */
export class BenchChild {
  private readonly replies: ((line: Record<string, unknown>) => void)[] = [];
  private readonly queued: Record<string, unknown>[] = [];
  readonly exited: Promise<number | null>;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line);
      } catch {
        process.stderr.write(`[bench child] ${line}\n`);
        return;
      }
      const waiting = this.replies.shift();
      if (waiting) waiting(msg);
      else this.queued.push(msg);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** The child's process id (node's own: bash execs it). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static start(script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): BenchChild {
    const quoted = [...nodeArgs, script].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn(
      'bash',
      [
        '-c',
        `ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "${process.execPath}" ${quoted}`,
      ],
      { env, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    return new BenchChild(child);
  }

  /** The next line the child prints (its ready message, or the reply to a command). */
  next<T = Record<string, unknown>>(timeoutMs = 600_000): Promise<T> {
    const queued = this.queued.shift();
    if (queued) return Promise.resolve(queued as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench child did not answer in time')), timeoutMs);
      void this.exited.then((code) => reject(new Error(`bench child exited (${code})`)));
      this.replies.push((m) => {
        clearTimeout(timer);
        resolve(m as T);
      });
    });
  }

  async ask<T = Record<string, unknown>>(cmd: Record<string, unknown>, timeoutMs?: number): Promise<T> {
    this.child.stdin!.write(`${JSON.stringify(cmd)}\n`);
    const reply = await this.next<T & { error?: string }>(timeoutMs);
    if (reply.error) throw new Error(`bench child: ${reply.error}`);
    return reply;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(t);
  }
}

/** Serves JSON-line commands in a child: each handler's result (or error) is printed as one line. */
export function serveCommands(
  handlers: Record<string, (cmd: Record<string, unknown>) => Promise<unknown>>,
): void {
  let chain = Promise.resolve();
  createInterface({ input: process.stdin }).on('line', (line) => {
    chain = chain.then(async () => {
      let reply: unknown;
      try {
        const cmd = JSON.parse(line) as Record<string, unknown>;
        const handler = handlers[cmd.cmd as string];
        reply = handler ? await handler(cmd) : { error: `unknown command ${String(cmd.cmd)}` };
      } catch (e) {
        reply = { error: (e as Error).stack ?? String(e) };
      }
      process.stdout.write(`${JSON.stringify(reply ?? {})}\n`);
    });
  });
}

/** Heap in use after full collections (the process runs with --expose-gc). */
export async function settledHeap(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage().heapUsed;
}
