import type { LiveServerEvents } from '@qatys/contracts';
import { DomainError, type LiveIdentity } from '@qatys/domain';
import type { Namespace, Socket } from 'socket.io';
import { nack, type LiveAck } from '../live-ack';
import { rooms } from '../live-rooms';
import type { JoinedSession, LiveSockets } from '../live-sockets';
import { identityOf, type LiveSocketData } from '../socket-auth';

export type Handler = (socket: Socket, body: unknown) => Promise<LiveAck<unknown>>;
export type Emitter = Namespace<Record<string, never>, LiveServerEvents>;

/** The namespace a socket belongs to, typed with the server -> client events (emits go through the adapter). */
export const emitterOf = (socket: Socket): Emitter => socket.nsp as unknown as Emitter;

export const identity = (socket: Socket): LiveIdentity => identityOf(socket.data as LiveSocketData);

/** The socket's join of a session (region, staff scope), or the not_joined refusal. */
export function joinedTo(
  sockets: LiveSockets,
  socket: Socket,
  sessionId: string,
): { ok: true; joined: JoinedSession; sessionId: string } | { ok: false; reply: LiveAck<never> } {
  const key = sessionId.toLowerCase();
  const joined = sockets.find(socket)?.joined.get(key);
  if (!joined) return { ok: false, reply: nack('not_joined', `Join session ${sessionId} first`) };
  return { ok: true, joined, sessionId: key };
}

/** Inside a handler's work: the socket's join of the session, or a `not_joined` refusal thrown. */
export function mustHaveJoined(sockets: LiveSockets, socket: Socket, sessionId: string): JoinedSession {
  const j = joinedTo(sockets, socket, sessionId);
  if (!j.ok) throw new DomainError('forbidden', 'not_joined', `Join session ${sessionId} first`);
  return j.joined;
}

/** To everyone in the session but staff (who get their own copy through the staff room). */
export const audienceOnly = (e: Emitter, sessionId: string) =>
  e.to(rooms.audience(sessionId)).except(rooms.staff(sessionId));
