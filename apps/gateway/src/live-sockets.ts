import { Injectable, Logger } from '@nestjs/common';
import type { LiveError, LiveServerEvents } from '@qatys/contracts';
import type { Asker, LiveAttendanceService, LiveStaffScope } from '@qatys/domain';
import type { Namespace, Socket } from 'socket.io';
import type { TokenBucket } from './flood.policy';
import { rooms } from './live-rooms';
import type { LiveSocketData } from './socket-auth';

export interface JoinedSession {
  staff: LiveStaffScope | null;
  /** Region and section as the server decided them at join: questions are tagged with these. */
  asker: Asker;
}

/** Per connection, in this process only (never shared: presence itself lives in Redis). */
export interface SocketState {
  bucket: TokenBucket;
  joined: Map<string, JoinedSession>;
  /** A join-link socket's facts for its session, read from the handshake on; taken by its first join. */
  prefetched:
    | {
        sessionId: string;
        person: ReturnType<LiveAttendanceService['prefetchPerson']>;
        /** LiveRightsService.changes when the read started. */
        changes: number;
      }
    | undefined;
}

type Emitting = Socket<Record<string, never>, LiveServerEvents>;

/**
 * The sockets this process holds and what each has joined, for the gateway's handlers and for
 * whatever takes a socket out from the server's side (rights revoked, token expired).
 */
@Injectable()
export class LiveSockets {
  private readonly logger = new Logger(LiveSockets.name);
  private readonly states = new WeakMap<Socket, SocketState>();
  private namespace?: Namespace;
  /**
   * Sessions with a joined socket in this process, kept from the adapter's room events. The
   * periodic looks (session and chat states, metrics) read this instead of scanning the adapter's
   * rooms, which hold one room per socket: with 5,000 sockets a scan took 5-13 ms of the event
   * loop every time, long enough to show in the poll answers' ack p99 (bench:engagement profile).
   */
  private readonly audiences = new Set<string>();

  /** The gateway hands over its namespace once the server is up. */
  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.adapter.on('create-room', (room: string) => {
      const id = rooms.sessionOfAudience(room);
      if (id) this.audiences.add(id);
    });
    namespace.adapter.on('delete-room', (room: string) => {
      const id = rooms.sessionOfAudience(room);
      if (id) this.audiences.delete(id);
    });
  }

  /** Sessions this process holds joined sockets of (kept up to date: read it, do not keep it). */
  sessionsHere(): ReadonlySet<string> {
    return this.audiences;
  }

  add(socket: Socket, state: SocketState): void {
    this.states.set(socket, state);
  }

  find(socket: Socket): SocketState | undefined {
    return this.states.get(socket);
  }

  state(socket: Socket): SocketState {
    const s = this.states.get(socket);
    if (!s) throw new Error(`socket ${socket.id} has no state`);
    return s;
  }

  /** This process's sockets. */
  all(): Iterable<Socket> {
    return this.namespace?.sockets.values() ?? [];
  }

  /** How many sockets this process holds. */
  get size(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  /** This process's sockets per session they joined (each joined socket is in its audience room). */
  sessionCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const id of this.audiences) {
      const n = this.namespace?.adapter.rooms.get(rooms.audience(id))?.size;
      if (n) counts.set(id, n);
    }
    return counts;
  }

  /** This process's sockets that joined a session (every joined socket is in its audience room). */
  *inSession(sessionId: string): Iterable<Socket> {
    const ids = this.namespace?.adapter.rooms.get(rooms.audience(sessionId));
    if (!ids) return;
    for (const id of [...ids]) {
      const s = this.namespace!.sockets.get(id);
      if (s) yield s;
    }
  }

  /** Forgets a session on a socket and takes it out of the session's rooms (the domain's leave is apart). */
  async forget(socket: Socket, sessionId: string): Promise<void> {
    this.find(socket)?.joined.delete(sessionId);
    for (const room of [...socket.rooms]) if (room.startsWith(`s:${sessionId}:`)) await socket.leave(room);
  }

  /** The person's right to be in the session ended: out of it, and told why. */
  async revoke(socket: Socket, sessionId: string, error: LiveError): Promise<void> {
    if (!this.find(socket)?.joined.has(sessionId)) return;
    await this.forget(socket, sessionId);
    (socket as Emitting).emit('session:left', { sessionId, reason: 'rights_revoked', error });
  }

  /** The socket's sign-in no longer holds: the client is told why, then the connection closes. */
  end(socket: Socket, error: LiveError): void {
    if (socket.disconnected) return;
    this.logger.debug({ socketId: socket.id, code: error.code }, 'ending socket');
    (socket as Emitting).emit('auth:ended', { error });
    socket.disconnect(true);
  }

  /** Ends every socket whose token has expired by `now` (ms). */
  endExpired(now: number): number {
    let n = 0;
    for (const socket of this.all()) {
      if ((socket.data as LiveSocketData).expiresAt <= now) {
        this.end(socket, TOKEN_EXPIRED);
        n++;
      }
    }
    return n;
  }
}

export const TOKEN_EXPIRED: LiveError = {
  code: 'token_expired',
  message: 'Your sign-in has expired; reconnect with a fresh token',
};
