/**
 * The load generator of bench:engagement, in its own process: opens one client per token of
 * LOAD_TOKENS_FILE, alternately to each of LOAD_URLS (comma-separated: two gateway processes),
 * joins LOAD_SESSION_ID, then has every client answer one poll once, spread evenly over a number
 * of seconds, timing each acknowledgement. Commands (JSON lines on stdin): connect, answer, repeat,
 * disconnect. LOAD_DUMP=<path>: each answer's send time (ms after the first), ack latency (ms) and
 * server (0/1) go to <path>.<pid>, headed by the start on the monotonic clock (us, as CPU profiles
 * count) and the wall clock (ms, as Redis's SLOWLOG does): whether slow acks come in clusters
 * (a stall shared by both servers) or spread out.
 */
import { readFileSync, writeFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { io, Socket } from 'socket.io-client';
import { serveCommands } from './child-process';

const urls = process.env.LOAD_URLS!.split(',');
const sessionId = process.env.LOAD_SESSION_ID!;
const tokens: string[] = JSON.parse(readFileSync(process.env.LOAD_TOKENS_FILE!, 'utf8'));
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 200);
/** By token index (so the bench knows each client's region). */
const sockets: (Socket | undefined)[] = new Array(tokens.length);
const now = () => performance.timeOrigin + performance.now();

function open(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(`${url}/live`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => {
      s.close();
      reject(e);
    });
  });
}

async function connectAll(): Promise<Record<string, unknown>> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const t0 = performance.now();
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      try {
        const s = await open(urls[i % urls.length], tokens[i]);
        const res = (await s.timeout(60_000).emitWithAck('session:join', { sessionId })) as {
          ok: boolean;
          error?: unknown;
        };
        if (!res.ok) throw new Error(JSON.stringify(res.error));
        sockets[i] = s;
      } catch (e) {
        failed++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const joined = sockets.filter(Boolean).length;
  return { joined, failed, firstError, seconds: (performance.now() - t0) / 1000 };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** Client i answers option i % options at i/N of the spread: a steady stream, every client once. */
async function answer(pollId: string, options: number, spreadMs: number): Promise<Record<string, unknown>> {
  const n = sockets.length;
  const latencies: number[] = [];
  const ackTimes: number[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let sent = 0;
  const t0 = now();
  const dump: string[] | undefined = process.env.LOAD_DUMP
    ? [`# t0 ${(process.hrtime.bigint() / 1000n).toString()} us wall ${Date.now()}`]
    : undefined;
  const done: Promise<void>[] = [];
  while (sent < n) {
    const due = Math.min(n, Math.floor(((now() - t0) / spreadMs) * n) + 1);
    for (; sent < due; sent++) {
      const s = sockets[sent];
      if (!s) continue;
      const start = now();
      const i = sent;
      done.push(
        (
          s.timeout(60_000).emitWithAck('poll:answer', { pollId, choices: [sent % options] }) as Promise<{
            ok: boolean;
            error?: { code: string };
          }>
        ).then(
          (r) => {
            const at = now();
            if (r.ok) {
              dump?.push(`${(start - t0).toFixed(2)} ${(at - start).toFixed(2)} ${i % 2}`);
              latencies.push(at - start);
              ackTimes.push(at);
            } else {
              failed++;
              firstError ??= JSON.stringify(r.error);
            }
          },
          (e: Error) => {
            failed++;
            firstError ??= e.message;
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(done);
  if (dump) writeFileSync(`${process.env.LOAD_DUMP}.${process.pid}`, dump.join('\n'));
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    acked: latencies.length,
    failed,
    firstError,
    seconds: (now() - t0) / 1000,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    ackTimes: ackTimes.sort((a, b) => a - b),
  };
}

/** The first `count` clients answer again: every one must be refused (already answered). */
async function repeat(pollId: string, count: number): Promise<Record<string, unknown>> {
  const codes: Record<string, number> = {};
  await Promise.all(
    sockets.slice(0, count).map(async (s) => {
      const r = (await s!.timeout(60_000).emitWithAck('poll:answer', { pollId, choices: [0] })) as {
        ok: boolean;
        error?: { code: string };
      };
      const code = r.ok ? 'ok' : (r.error?.code ?? 'unknown');
      codes[code] = (codes[code] ?? 0) + 1;
    }),
  );
  return { codes };
}

serveCommands({
  connect: () => connectAll(),
  answer: (cmd) => answer(String(cmd.pollId), Number(cmd.options ?? 4), Number(cmd.spreadMs ?? 5000)),
  repeat: (cmd) => repeat(String(cmd.pollId), Number(cmd.count ?? 100)),
  disconnect: async () => {
    for (const s of sockets) s?.disconnect();
    sockets.fill(undefined);
    return {};
  },
});
process.stdout.write(`${JSON.stringify({ ready: true, clients: tokens.length })}\n`);
