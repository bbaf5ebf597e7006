/**
 * The baseline of bench:engagement: a bare Socket.IO server with the same Redis adapter as our
 * gateway (so two of them share rooms), no auth and no stores, doing what a poll minimally needs:
 * `session:join` -> join the room + ack, `poll:answer` -> HINCRBY a Redis hash + ack. Prints
 * `{"port": N}` when listening. BARE_REDIS_URL, BARE_PREFIX.
 */
import { createServer } from 'http';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Server } from 'socket.io';
import { serveCommands } from './child-process';

const prefix = process.env.BARE_PREFIX ?? 'bare';
const pub = new Redis(process.env.BARE_REDIS_URL ?? 'redis://127.0.0.1:6379/0', {
  enableAutoPipelining: true,
});
const sub = pub.duplicate();
const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'], maxHttpBufferSize: 64 * 1024 });
io.adapter(createAdapter(pub, sub, { key: `${prefix}:socket.io` }));
const live = io.of('/live');

live.on('connection', (socket) => {
  socket.on('session:join', (payload: { sessionId?: string }, ack?: (r: unknown) => void) => {
    void socket.join(`s:${payload?.sessionId}`);
    ack?.({ ok: true, data: { sessionId: payload?.sessionId } });
  });
  socket.on('poll:answer', (payload: { pollId: string; choices: number[] }, ack?: (r: unknown) => void) => {
    pub.hincrby(`${prefix}:poll:${payload.pollId}`, String(payload.choices?.[0] ?? 0), 1).then(
      () => ack?.({ ok: true, data: {} }),
      (e: Error) => ack?.({ ok: false, error: { code: 'internal', message: e.message } }),
    );
  });
});

httpServer.listen(0, '127.0.0.1', () => {
  serveCommands({
    stop: async () => {
      io.close();
      await pub.quit().catch(() => undefined);
      await sub.quit().catch(() => undefined);
      setImmediate(() => process.exit(0));
      return {};
    },
  });
  process.stdout.write(`${JSON.stringify({ port: (httpServer.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
