import { Inject, Logger } from '@nestjs/common';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import {
  LIVE_NAMESPACE,
  type LiveServerEvents,
  type QuestionStatus,
  type QuestionView,
  type QuestionVoteResult,
  type SessionJoinResult,
  type SessionLeaveResult,
} from '@qatys/contracts';
import {
  Asker,
  audienceSees,
  LiveAttendanceService,
  LiveQaService,
  LiveStaffScope,
  scopeKey,
  toStaffScope,
} from '@qatys/domain';
import type { Namespace, Socket } from 'socket.io';
import { TokenBucket } from './flood.policy';
import { ack, LiveAck, nack } from './live-ack';
import { answer } from './live-errors';
import {
  QuestionAskRequest,
  QuestionModerateRequest,
  QuestionUpvoteRequest,
  SessionRefPayload,
  validatePayload,
} from './live.request';
import { rooms } from './live-rooms';
import { identityOf, LiveSocketData } from './socket-auth';

interface JoinedSession {
  staff: LiveStaffScope | null;
  /** Region and section as the server decided them at join: questions are tagged with these. */
  asker: Asker;
}

/** Per connection, in this process only (never shared: presence itself lives in Redis). */
interface SocketState {
  bucket: TokenBucket;
  joined: Map<string, JoinedSession>;
  /** A join-link socket's facts for its session, read from the handshake on; taken by its first join. */
  prefetched: { sessionId: string; person: ReturnType<LiveAttendanceService['prefetchPerson']> } | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The /live namespace. Sockets arrive here already authenticated (socket-auth middleware). Each
 * handler validates its payload, calls one domain method and maps the result; every client event
 * is acknowledged, failures with `{ ok: false, error: { code, message } }`, and the connection
 * stays up. A socket sending faster than its token bucket allows gets `throttled` acks instead of
 * work, so it cannot slow the others.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly sockets = new WeakMap<Socket, SocketState>();
  /** One string per session id (each payload brings a fresh copy; every joined socket keeps one). */
  private readonly sessionIds = new Map<string, string>();

  /** The /live namespace across every gateway process (rooms and emits go through the Redis adapter). */
  @WebSocketServer() readonly namespace!: Namespace;

  constructor(
    private readonly live: LiveAttendanceService,
    private readonly qa: LiveQaService,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /**
   * Event name -> handler. Every socket gets ONE listener that throttles, routes and acknowledges
   * (rather than Nest's @SubscribeMessage, which keeps an rxjs pipeline per handler per socket:
   * about 27 KB a connection, measured with bench:gateway).
   */
  private readonly routes = new Map<
    string,
    (socket: Socket, body: unknown) => LiveAck<unknown> | Promise<LiveAck<unknown>>
  >([
    ['ping', (s, b) => this.ping(s, b)],
    ['session:join', (s, b) => this.join(s, b)],
    ['session:leave', (s, b) => this.leave(s, b)],
    ['question:ask', (s, b) => this.ask(s, b)],
    ['question:upvote', (s, b) => this.upvote(s, b)],
    ['question:moderate', (s, b) => this.moderate(s, b)],
  ]);

  handleConnection(socket: Socket): void {
    const { actor, joinToken } = socket.data as LiveSocketData;
    this.logger.debug({ socketId: socket.id, userId: actor.userId }, 'socket connected');
    const state: SocketState = {
      bucket: new TokenBucket(
        this.config.GATEWAY_FLOOD_EVENTS_PER_SECOND,
        this.config.GATEWAY_FLOOD_BURST,
        Date.now(),
      ),
      joined: new Map(),
      // A join link is for one session, and its page joins it at once: reading who the person is
      // now overlaps their round trip instead of adding to their join.
      prefetched: joinToken && {
        sessionId: joinToken.sessionId,
        person: this.live.prefetchPerson(joinToken.sessionId, actor.userId),
      },
    };
    this.sockets.set(socket, state);
    socket.onAny((event: string, ...args: unknown[]) => {
      const reply =
        typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : undefined;
      // Over its budget: the event is dropped (acknowledged as such) before any work is done.
      if (!state.bucket.take(Date.now()))
        return reply?.(nack('throttled', 'Too many events from this connection; slow down'));
      const route = this.routes.get(event);
      if (!route) return reply?.(nack('unknown_event', `Unknown event "${event}"`));
      const body = args.length === 0 ? undefined : args.length === 1 ? args[0] : args;
      void Promise.resolve()
        .then(() => route(socket, body))
        .then(
          (result) => reply?.(result),
          (e: Error) => {
            this.logger.error(e.stack ?? String(e));
            reply?.(nack('internal', 'Something went wrong on the server; nothing changed'));
          },
        );
    });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const state = this.sockets.get(socket);
    if (!state) return;
    const sessions = [...state.joined.keys()];
    state.joined.clear();
    await Promise.all(
      sessions.map((s) =>
        this.live
          .leave(socket.id, s, 'disconnected')
          .catch((e: Error) => this.logger.warn(`leave of ${socket.id} from ${s} failed: ${e.message}`)),
      ),
    );
  }

  ping(socket: Socket, body: unknown): LiveAck<{ userId: string }> {
    if (body !== undefined && !isPlainObject(body)) {
      return nack('invalid_payload', 'ping takes no payload or a JSON object');
    }
    return ack({ userId: (socket.data as LiveSocketData).actor.userId });
  }

  async join(socket: Socket, body: unknown): Promise<LiveAck<SessionJoinResult>> {
    const p = validatePayload(SessionRefPayload, 'session:join', body);
    if (!p.ok) return p;
    const sessionId = this.sessionKey(p.value.sessionId);
    return answer(async () => {
      const state = this.state(socket);
      const prefetched = state.prefetched;
      state.prefetched = undefined;
      const j = await this.live.join(
        socket.id,
        identityOf(socket.data as LiveSocketData),
        sessionId,
        prefetched?.sessionId === sessionId ? prefetched.person : undefined,
      );
      if (socket.disconnected) {
        // Gone while the join was decided: do not leave a ghost in the counts.
        await this.live.leave(socket.id, sessionId, 'disconnected');
        return this.joinResult(j);
      }
      // Remembered first, so a disconnect from here on takes the connection out of the counts.
      state.joined.set(sessionId, {
        staff: j.staff,
        asker: {
          userId: (socket.data as LiveSocketData).actor.userId,
          sessionId,
          regionId: j.regionId,
          sectionId: j.sectionId,
        },
      });
      const names = [rooms.audience(sessionId)];
      if (j.staff) names.push(rooms.staff(sessionId), rooms.attendance(sessionId, scopeKey(j.staff)));
      await socket.join(names);
      return this.joinResult(j);
    });
  }

  async leave(socket: Socket, body: unknown): Promise<LiveAck<SessionLeaveResult>> {
    const p = validatePayload(SessionRefPayload, 'session:leave', body);
    if (!p.ok) return p;
    const sessionId = this.sessionKey(p.value.sessionId);
    const state = this.state(socket);
    const joined = state.joined.get(sessionId);
    if (!joined) return nack('not_joined', `You have not joined session ${sessionId}`);
    return answer(async () => {
      state.joined.delete(sessionId);
      await this.live.leave(socket.id, sessionId, 'left');
      for (const room of [...socket.rooms]) if (room.startsWith(`s:${sessionId}:`)) await socket.leave(room);
      return { sessionId };
    });
  }

  async ask(socket: Socket, body: unknown): Promise<LiveAck<QuestionView>> {
    const p = validatePayload(QuestionAskRequest, 'question:ask', body);
    if (!p.ok) return p;
    const joined = this.state(socket).joined.get(this.sessionKey(p.value.sessionId));
    if (!joined) return nack('not_joined', `Join session ${p.value.sessionId} before asking`);
    return answer(async () => {
      const q = await this.qa.ask(joined.asker, p.value.text, p.value.anonymous ?? false);
      this.publish(q, null);
      return q;
    });
  }

  async upvote(socket: Socket, body: unknown): Promise<LiveAck<QuestionVoteResult>> {
    const p = validatePayload(QuestionUpvoteRequest, 'question:upvote', body);
    if (!p.ok) return p;
    const state = this.state(socket);
    return answer(async () => {
      const userId = (socket.data as LiveSocketData).actor.userId;
      const r = await this.qa.vote(
        userId,
        p.value.questionId,
        p.value.up ?? true,
        new Set(state.joined.keys()),
      );
      if (r.changed) this.publish(r.question, r.question.status);
      return r;
    });
  }

  async moderate(socket: Socket, body: unknown): Promise<LiveAck<QuestionView>> {
    const p = validatePayload(QuestionModerateRequest, 'question:moderate', body);
    if (!p.ok) return p;
    return answer(async () => {
      const r = await this.qa.moderate(
        identityOf(socket.data as LiveSocketData),
        p.value.questionId,
        p.value.action,
      );
      if (r.changed) this.publish(r.question, r.before);
      return r.question;
    });
  }

  /**
   * Tells the room about a new or changed question: staff always (pending ones too); the
   * audience when it can see the question now or could before (a dismissed one disappears).
   */
  private publish(q: QuestionView, before: QuestionStatus | null): void {
    const staff = rooms.staff(q.sessionId);
    this.emitter.to(staff).emit(before === null ? 'question:new' : 'question:update', q);
    const seen = audienceSees(q.status);
    const wasSeen = before !== null && audienceSees(before);
    if (!seen && !wasSeen) return;
    this.emitter
      .to(rooms.audience(q.sessionId))
      .except(staff)
      .emit(seen && !wasSeen ? 'question:new' : 'question:update', q);
  }

  /** The namespace typed with the server -> client events of the contract. */
  get emitter(): Namespace<Record<string, never>, LiveServerEvents> {
    return this.namespace as unknown as Namespace<Record<string, never>, LiveServerEvents>;
  }

  private joinResult(j: Awaited<ReturnType<LiveAttendanceService['join']>>): SessionJoinResult {
    return {
      sessionId: j.sessionId,
      role: j.staff ? 'staff' : 'attendee',
      staffScope: j.staff ? toStaffScope(j.staff) : null,
      counted: j.counted,
      regionId: j.regionId,
      sectionId: j.sectionId,
      session: {
        startAt: j.session.startAt.toISOString(),
        endAt: j.session.endAt.toISOString(),
        status: j.session.status,
        qaPremoderation: j.session.settings.qaPremoderation,
      },
      attendance: j.attendance,
    };
  }

  private sessionKey(id: string): string {
    const key = id.toLowerCase();
    let shared = this.sessionIds.get(key);
    if (shared === undefined) {
      if (this.sessionIds.size >= 10_000) this.sessionIds.clear();
      this.sessionIds.set(key, (shared = key));
    }
    return shared;
  }

  private state(socket: Socket): SocketState {
    const s = this.sockets.get(socket);
    if (!s) throw new Error(`socket ${socket.id} has no state`);
    return s;
  }
}
