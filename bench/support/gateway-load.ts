/**
 * The load generator of bench:gateway, in its own process: opens BENCH clients to LOAD_URL/live
 * (each with its token from LOAD_TOKENS_FILE), joins them to LOAD_SESSION_ID, and measures
 * question broadcasts as every client sees them. Commands (JSON lines on stdin): connect,
 * broadcast, disconnect.
 */
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { io, Socket } from 'socket.io-client';
import { serveCommands } from './child-process';

const url = process.env.LOAD_URL!;
const sessionId = process.env.LOAD_SESSION_ID!;
const tokens: string[] = JSON.parse(readFileSync(process.env.LOAD_TOKENS_FILE!, 'utf8'));
const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 200);
const sockets: Socket[] = [];
/** Indices (into the tokens file) of the clients that joined: who should be counted live. */
const joinedIdx: number[] = [];
const pending = new Map<string, number>();
let latencies: number[] = [];

function open(token: string): Promise<Socket> {
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
  let connectMs = 0;
  let joinMs = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      try {
        const c0 = performance.now();
        const s = await open(tokens[i]);
        const j0 = performance.now();
        connectMs += j0 - c0;
        s.on('question:new', (q: { text: string }) => {
          const sent = pending.get(q.text);
          if (sent !== undefined) latencies.push(performance.now() - sent);
        });
        const res = (await s.timeout(60_000).emitWithAck('session:join', { sessionId })) as {
          ok: boolean;
          error?: unknown;
        };
        joinMs += performance.now() - j0;
        if (!res.ok) throw new Error(JSON.stringify(res.error));
        sockets.push(s);
        joinedIdx.push(i);
      } catch (e) {
        failed++;
        firstError ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  return {
    joined: sockets.length,
    failed,
    firstError,
    seconds,
    joinsPerSecond: sockets.length / seconds,
    // Where a client's time goes: the handshake (connect) vs the session:join round trip.
    meanConnectMs: connectMs / tokens.length,
    meanJoinMs: joinMs / tokens.length,
    ...(process.env.LOAD_REPORT_JOINED ? { joinedIdx } : {}),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function broadcast(count: number, spacingMs: number): Promise<Record<string, unknown>> {
  latencies = [];
  const asker = sockets[0];
  let missing = 0;
  for (let k = 1; k <= count; k++) {
    const text = `bench question ${k} ${Date.now()}`;
    const expected = latencies.length + sockets.length;
    pending.set(text, performance.now());
    const res = (await asker.timeout(60_000).emitWithAck('question:ask', { sessionId, text })) as {
      ok: boolean;
    };
    if (!res.ok) throw new Error(`question:ask refused: ${JSON.stringify(res)}`);
    const deadline = performance.now() + 30_000;
    while (latencies.length < expected && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    missing += Math.max(0, expected - latencies.length);
    pending.delete(text);
    await new Promise((r) => setTimeout(r, spacingMs));
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    missing,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
}

serveCommands({
  connect: () => connectAll(),
  broadcast: (cmd) => broadcast(Number(cmd.count ?? 10), Number(cmd.spacingMs ?? 1000)),
  disconnect: async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    return {};
  },
});
process.stdout.write(`${JSON.stringify({ ready: true, clients: tokens.length })}\n`);
