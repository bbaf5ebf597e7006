/**
 * The baseline: a bare Socket.IO server (same version, no adapter, no auth, no stores) doing what
 * a live room minimally does: `session:join` -> join the room + ack, `question:ask` -> broadcast
 * to the room + ack, and one room broadcast per second. Prints `{"port": N}` when listening.
 */
import { createServer } from 'http';
import { Server } from 'socket.io';
import { serveCommands, settledHeap } from './child-process';

const httpServer = createServer();
const io = new Server(httpServer, { transports: ['websocket'] });
const live = io.of('/live');
const rooms = new Set<string>();
let seq = 0;

live.on('connection', (socket) => {
  socket.on('session:join', (payload: { sessionId?: string }, ack?: (r: unknown) => void) => {
    const room = `s:${payload?.sessionId}`;
    rooms.add(room);
    void socket.join(room);
    ack?.({ ok: true, data: { sessionId: payload?.sessionId } });
  });
  socket.on('question:ask', (payload: { sessionId: string; text: string }, ack?: (r: unknown) => void) => {
    const q = { id: String(++seq), sessionId: payload.sessionId, text: payload.text };
    live.to(`s:${payload.sessionId}`).emit('question:new', q);
    ack?.({ ok: true, data: q });
  });
});

setInterval(() => {
  for (const room of rooms) live.to(room).emit('room:tick', { at: new Date().toISOString() });
}, 1000).unref();

httpServer.listen(0, '127.0.0.1', () => {
  serveCommands({
    heap: async () => ({ heapUsed: await settledHeap(), rss: process.memoryUsage().rss }),
    stop: async () => {
      io.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  });
  process.stdout.write(`${JSON.stringify({ port: (httpServer.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
