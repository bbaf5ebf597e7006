import { Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { ack, LiveAck, nack } from './live-ack';
import { LIVE_NAMESPACE } from './redis-adapter';
import type { LiveSocketData } from './socket-auth';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The /live namespace. Sockets arrive here already authenticated (socket-auth middleware).
 * `ping` proves the wiring; session join and Q&A events come later.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);

  /** The /live namespace across every gateway process (rooms and emits go through the Redis adapter). */
  @WebSocketServer() readonly namespace!: Namespace;

  handleConnection(socket: Socket): void {
    const { actor } = socket.data as LiveSocketData;
    this.logger.debug({ socketId: socket.id, userId: actor.userId }, 'socket connected');
    // An event nobody handles would otherwise leave the client's ack waiting forever.
    socket.onAny((event: string, ...args: unknown[]) => {
      if (socket.listeners(event).length > 0) return;
      const reply = args[args.length - 1];
      if (typeof reply === 'function') reply(nack('unknown_event', `Unknown event "${event}"`));
    });
  }

  @SubscribeMessage('ping')
  ping(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): LiveAck<{ userId: string }> {
    if (body !== undefined && !isPlainObject(body)) {
      return nack('invalid_payload', 'ping takes no payload or a JSON object');
    }
    return ack({ userId: (socket.data as LiveSocketData).actor.userId });
  }
}
