import { Inject, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import {
  type AuthRefreshResult,
  LIVE_NAMESPACE,
  type LiveServerEvents,
  type QuestionStatus,
  type QuestionView,
  type QuestionVoteResult,
  type SessionJoinResult,
  type SessionLeaveResult,
} from '@qatys/contracts';
import {
  audienceSees,
  LiveAttendanceService,
  LiveQaService,
  LiveRightsService,
  scopeKey,
} from '@qatys/domain';
import type { Namespace, Socket } from 'socket.io';
import { TokenBucket } from './flood.policy';
import { ack, LiveAck, nack } from './live-ack';
import { EngagementHandlers } from './engagement/engagement.handlers';
import { personRoom } from './engagement/engagement-rooms';
import { answer } from './live-errors';
import {
  AuthRefreshRequest,
  QuestionAskRequest,
  QuestionModerateRequest,
  QuestionUpvoteRequest,
  SessionRefPayload,
  validatePayload,
} from './live.request';
import { rooms } from './live-rooms';
import { joinResult } from './live-results';
import { LiveRightsWatcher } from './live-rights.watcher';
import { LiveSockets, SocketState, TOKEN_EXPIRED } from './live-sockets';
import { inspectPayload, label } from './payload-shape.policy';
import { identityOf, LiveSocketData, refreshSocketToken } from './socket-auth';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The /live namespace. Sockets arrive here already authenticated (socket-auth middleware). Each
 * handler validates its payload, calls one domain method and maps the result; every client event
 * is acknowledged, failures with `{ ok: false, error: { code, message } }`, and the connection
 * stays up. Before any handler: a socket sending faster than its token bucket allows gets
 * `throttled` acks instead of work, so it cannot slow the others; an event without an ack is
 * ignored; a socket whose token has expired is ended; a payload nested too deep, too big or
 * holding text that is not Unicode (NUL, unpaired surrogates) is refused before anything else
 * reads it.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);
  /** One string per session id (each payload brings a fresh copy; every joined socket keeps one). */
  private readonly sessionIds = new Map<string, string>();

  /** The /live namespace across every gateway process (rooms and emits go through the Redis adapter). */
  @WebSocketServer() readonly namespace!: Namespace;

  constructor(
    private readonly live: LiveAttendanceService,
    private readonly qa: LiveQaService,
    private readonly rights: LiveRightsService,
    private readonly watcher: LiveRightsWatcher,
    private readonly sockets: LiveSockets,
    private readonly engagement: EngagementHandlers,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    this.sockets.attach(namespace);
  }

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
    ['auth:refresh', (s, b) => this.refresh(s, b)],
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
        changes: this.rights.changes,
      },
    };
    this.sockets.add(socket, state);
    socket.onAny((event: string, ...args: unknown[]) => {
      const reply =
        typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : undefined;
      // Over its budget: the event is dropped (acknowledged as such) before any work is done.
      if (!state.bucket.take(Date.now())) {
        return reply?.(nack('throttled', 'Too many events from this connection; slow down'));
      }
      // Nobody would hear the answer: nothing is done (every event of the contract takes an ack).
      if (!reply) return;
      if ((socket.data as LiveSocketData).expiresAt <= Date.now()) {
        reply({ ok: false, error: TOKEN_EXPIRED });
        return this.sockets.end(socket, TOKEN_EXPIRED);
      }
      const route = this.routes.get(event) ?? this.engagement.route(event);
      if (!route) return reply(nack('unknown_event', `Unknown event "${label(event)}"`));
      const body = args.length === 0 ? undefined : args.length === 1 ? args[0] : args;
      const refused = inspectPayload(event, body);
      if (refused) return reply({ ok: false, error: refused });
      void Promise.resolve()
        .then(() => route(socket, body))
        .then(
          (result) => reply(result),
          (e: Error) => {
            this.logger.error(e.stack ?? String(e));
            reply(nack('internal', 'Something went wrong on the server; nothing changed'));
          },
        );
    });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const state = this.sockets.find(socket);
    if (!state) return;
    const sessions = [...state.joined.keys()];
    state.joined.clear();
    const userId = (socket.data as LiveSocketData).actor.userId;
    await Promise.all(
      sessions.map((s) =>
        this.live
          .leave(socket.id, s, userId, 'disconnected')
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
      const state = this.sockets.state(socket);
      const prefetched = state.prefetched?.sessionId === sessionId ? state.prefetched : undefined;
      state.prefetched = undefined;
      const userId = (socket.data as LiveSocketData).actor.userId;
      // Facts read from here on (or since the prefetch) may predate a change announced meanwhile.
      const changes = prefetched?.changes ?? this.rights.changes;
      const j = await this.live.join(
        socket.id,
        identityOf(socket.data as LiveSocketData),
        sessionId,
        prefetched?.person,
      );
      if (socket.disconnected) {
        // Gone while the join was decided: do not leave a ghost in the counts.
        await this.live.leave(socket.id, sessionId, userId, 'disconnected');
        return joinResult(j);
      }
      // Remembered first, so a disconnect from here on takes the connection out of the counts.
      state.joined.set(sessionId, {
        staff: j.staff,
        asker: {
          userId,
          sessionId,
          regionId: j.regionId,
          sectionId: j.sectionId,
        },
      });
      // The person's own room: engagement tells them in person (a hand taken, a mute).
      const names = [rooms.audience(sessionId), personRoom(sessionId, userId)];
      if (j.staff) names.push(rooms.staff(sessionId), rooms.attendance(sessionId, scopeKey(j.staff)));
      await socket.join(names);
      // Rights changed while the join was decided (maybe on facts from before): looked at again.
      if (this.rights.changes !== changes) this.watcher.recheckSoon(socket, sessionId);
      return joinResult(j);
    });
  }

  async leave(socket: Socket, body: unknown): Promise<LiveAck<SessionLeaveResult>> {
    const p = validatePayload(SessionRefPayload, 'session:leave', body);
    if (!p.ok) return p;
    const sessionId = this.sessionKey(p.value.sessionId);
    const joined = this.sockets.state(socket).joined.get(sessionId);
    if (!joined) return nack('not_joined', `You have not joined session ${sessionId}`);
    return answer(async () => {
      await this.sockets.forget(socket, sessionId);
      await this.live.leave(socket.id, sessionId, joined.asker.userId, 'left');
      return { sessionId };
    });
  }

  async ask(socket: Socket, body: unknown): Promise<LiveAck<QuestionView>> {
    const p = validatePayload(QuestionAskRequest, 'question:ask', body);
    if (!p.ok) return p;
    const joined = this.sockets.state(socket).joined.get(this.sessionKey(p.value.sessionId));
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
    const state = this.sockets.state(socket);
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

  /** `auth:refresh`: a fresh token of the same person and rights moves the socket's expiry. */
  async refresh(socket: Socket, body: unknown): Promise<LiveAck<AuthRefreshResult>> {
    const p = validatePayload(AuthRefreshRequest, 'auth:refresh', body);
    if (!p.ok) return p;
    const r = await refreshSocketToken(this.jwt, socket.data as LiveSocketData, p.value.token);
    if (!r.ok) return nack('invalid_token', r.message);
    return ack({ expiresAt: Number.isFinite(r.expiresAt) ? new Date(r.expiresAt).toISOString() : null });
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

  private sessionKey(id: string): string {
    const key = id.toLowerCase();
    let shared = this.sessionIds.get(key);
    if (shared === undefined) {
      if (this.sessionIds.size >= 10_000) this.sessionIds.clear();
      this.sessionIds.set(key, (shared = key));
    }
    return shared;
  }
}
