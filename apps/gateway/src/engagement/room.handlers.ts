import { Injectable } from '@nestjs/common';
import type { ChatMessageView, ChatMuteResult, HandRaiseResult, HandView } from '@qatys/contracts';
import { audienceReads, ChatService, HandsService } from '@qatys/domain';
import type { Socket } from 'socket.io';
import { TokenBucket } from '../flood.policy';
import { ack, nack, type LiveAck } from '../live-ack';
import { answer } from '../live-errors';
import { rooms } from '../live-rooms';
import { LiveSockets } from '../live-sockets';
import { validatePayload } from '../live.request';
import { EngagementBuffers } from './engagement-buffers';
import { audienceOnly, emitterOf, Emitter, identity, joinedTo } from './engagement-context';
import { personRoom } from './engagement-rooms';
import {
  ChatModerateRequest,
  ChatMuteRequest,
  ChatSendRequest,
  HandLowerRequest,
  HandTakeRequest,
  ReactionSendRequest,
  SessionOnlyRequest,
} from './engagement.request';

/** Reactions one socket may send: a few a second (the flood control allows far more events). */
const REACTIONS_PER_SECOND = 3;
const REACTION_BURST = 6;

/** hand:*, reaction:* and chat:* — the room's other ways to take part. */
@Injectable()
export class RoomHandlers {
  private readonly reactionBuckets = new WeakMap<Socket, TokenBucket>();

  constructor(
    private readonly sockets: LiveSockets,
    private readonly hands: HandsService,
    private readonly chat: ChatService,
    private readonly buffers: EngagementBuffers,
  ) {}

  async raise(socket: Socket, body: unknown): Promise<LiveAck<HandRaiseResult>> {
    const p = validatePayload(SessionOnlyRequest, 'hand:raise', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      return this.hands.raise(j.joined.asker);
    });
  }

  async lower(socket: Socket, body: unknown): Promise<LiveAck<HandRaiseResult>> {
    const p = validatePayload(HandLowerRequest, 'hand:lower', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const me = j.joined.asker.userId;
      const target = p.value.userId?.toLowerCase();
      const lowered = await this.hands.lower(identity(socket), j.sessionId, target);
      if (lowered && target && target !== me) {
        emitterOf(socket).to(personRoom(j.sessionId, target)).emit('hand:changed', {
          sessionId: j.sessionId,
          reason: 'lowered',
        });
      }
      return { raised: false, position: null };
    });
  }

  async take(socket: Socket, body: unknown): Promise<LiveAck<HandView>> {
    const p = validatePayload(HandTakeRequest, 'hand:take', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const hand = await this.hands.take(identity(socket), j.sessionId, p.value.userId.toLowerCase());
      emitterOf(socket)
        .to(personRoom(j.sessionId, hand.userId))
        .emit('hand:changed', { sessionId: j.sessionId, reason: 'taken' });
      return hand;
    });
  }

  async clear(socket: Socket, body: unknown): Promise<LiveAck<{ lowered: number }>> {
    const p = validatePayload(SessionOnlyRequest, 'hand:clear', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const users = await this.hands.clear(identity(socket), j.sessionId);
      if (users.length) {
        emitterOf(socket)
          .to(rooms.audience(j.sessionId))
          .emit('hand:changed', { sessionId: j.sessionId, reason: 'cleared' });
      }
      return { lowered: users.length };
    });
  }

  /** Counted in this process and summed across processes once a second: no Redis call, no broadcast per reaction. */
  react(socket: Socket, body: unknown): Promise<LiveAck<Record<string, never>>> {
    const p = validatePayload(ReactionSendRequest, 'reaction:send', body);
    if (!p.ok) return Promise.resolve(p);
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return Promise.resolve(j.reply);
    let bucket = this.reactionBuckets.get(socket);
    if (!bucket)
      this.reactionBuckets.set(
        socket,
        (bucket = new TokenBucket(REACTIONS_PER_SECOND, REACTION_BURST, Date.now())),
      );
    if (!bucket.take(Date.now())) {
      return Promise.resolve(
        nack('rate_limited', `At most ${REACTIONS_PER_SECOND} reactions a second`, {
          retryAfterMs: Math.ceil(1000 / REACTIONS_PER_SECOND),
          limit: REACTIONS_PER_SECOND,
          windowMs: 1000,
        }),
      );
    }
    this.buffers.react(j.sessionId, p.value.reaction);
    return Promise.resolve(ack({}));
  }

  async send(socket: Socket, body: unknown): Promise<LiveAck<ChatMessageView>> {
    const p = validatePayload(ChatSendRequest, 'chat:send', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const m = await this.chat.send(
        j.joined.asker,
        j.joined.staff !== null,
        p.value.text,
        p.value.to ?? 'all',
      );
      this.publish(emitterOf(socket), m, false);
      return m;
    });
  }

  async moderate(socket: Socket, body: unknown): Promise<LiveAck<ChatMessageView>> {
    const p = validatePayload(ChatModerateRequest, 'chat:moderate', body);
    if (!p.ok) return p;
    return answer(async () => {
      const r = await this.chat.moderate(identity(socket), p.value.messageId, p.value.action);
      if (r.changed) {
        this.publish(emitterOf(socket), r.message, audienceReads({ to: r.message.to, status: r.before }));
      }
      return r.message;
    });
  }

  async mute(socket: Socket, body: unknown): Promise<LiveAck<ChatMuteResult>> {
    const p = validatePayload(ChatMuteRequest, 'chat:mute', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const r = await this.chat.mute(
        identity(socket),
        j.sessionId,
        p.value.userId.toLowerCase(),
        p.value.muted ?? true,
      );
      emitterOf(socket).to(personRoom(j.sessionId, r.userId)).emit('chat:muted', r);
      return r;
    });
  }

  /** Staff read every message; the audience approved ones to everyone, and hears when one it read is deleted. */
  private publish(e: Emitter, m: ChatMessageView, audienceHadIt: boolean): void {
    e.to(rooms.staff(m.sessionId)).emit('chat:message', m);
    if (audienceReads(m)) audienceOnly(e, m.sessionId).emit('chat:message', m);
    else if (audienceHadIt) audienceOnly(e, m.sessionId).emit('chat:message', { ...m, text: '' });
  }
}
