import { Injectable } from '@nestjs/common';
import type { EngagementState } from '@qatys/contracts';
import {
  ChatService,
  EngagementAccess,
  EngagementSettingsService,
  HandsService,
  PollsService,
} from '@qatys/domain';
import type { Socket } from 'socket.io';
import type { LiveAck } from '../live-ack';
import { answer } from '../live-errors';
import { LiveSockets } from '../live-sockets';
import { validatePayload } from '../live.request';
import { Handler, identity, joinedTo } from './engagement-context';
import { SessionOnlyRequest } from './engagement.request';
import { PollHandlers } from './poll.handlers';
import { RoomHandlers } from './room.handlers';

/**
 * The engagement events of /live (polls, hands, reactions, chat), routed by the gateway's one
 * listener per socket after its flood control, ack and payload-shape checks. Rights come from the
 * socket's verified join: its region for answers and messages, its staff scope for what it reads,
 * and EngagementAccess (moderators, organizers, speakers) for what it runs.
 */
@Injectable()
export class EngagementHandlers {
  private readonly routes: Map<string, Handler>;

  constructor(
    private readonly sockets: LiveSockets,
    private readonly polls: PollsService,
    private readonly hands: HandsService,
    private readonly chat: ChatService,
    private readonly settings: EngagementSettingsService,
    private readonly rights: EngagementAccess,
    pollHandlers: PollHandlers,
    room: RoomHandlers,
  ) {
    this.routes = new Map<string, Handler>([
      ['engagement:sync', (s, b) => this.sync(s, b)],
      ['poll:create', (s, b) => pollHandlers.create(s, b)],
      ['poll:open', pollHandlers.step('open')],
      ['poll:close', pollHandlers.step('close')],
      ['poll:reveal', (s, b) => pollHandlers.reveal(s, b)],
      ['poll:answer', (s, b) => pollHandlers.answer(s, b)],
      ['poll:results', (s, b) => pollHandlers.results(s, b)],
      ['hand:raise', (s, b) => room.raise(s, b)],
      ['hand:lower', (s, b) => room.lower(s, b)],
      ['hand:take', (s, b) => room.take(s, b)],
      ['hand:clear', (s, b) => room.clear(s, b)],
      ['reaction:send', (s, b) => room.react(s, b)],
      ['chat:send', (s, b) => room.send(s, b)],
      ['chat:moderate', (s, b) => room.moderate(s, b)],
      ['chat:mute', (s, b) => room.mute(s, b)],
    ]);
  }

  route(event: string): Handler | undefined {
    return this.routes.get(event);
  }

  /** Everything a page needs after a (re)join. */
  async sync(socket: Socket, body: unknown): Promise<LiveAck<EngagementState>> {
    const p = validatePayload(SessionOnlyRequest, 'engagement:sync', body);
    if (!p.ok) return p;
    const j = joinedTo(this.sockets, socket, p.value.sessionId);
    if (!j.ok) return j.reply;
    return answer(async () => {
      const { sessionId } = j;
      const userId = j.joined.asker.userId;
      const staff = j.joined.staff !== null;
      const [canManage, view, hands, myHand, settings, muted, messages] = await Promise.all([
        staff ? this.rights.canManage(identity(socket), sessionId) : false,
        this.polls.sessionView(sessionId, userId, staff),
        staff ? this.hands.queue(sessionId) : null,
        this.hands.mine(sessionId, userId),
        this.settings.settings(sessionId),
        this.chat.isMuted(sessionId, userId),
        this.chat.recent(sessionId, userId, staff),
      ]);
      return {
        sessionId,
        canManage,
        ...view,
        hands,
        myHand,
        chat: {
          sessionId,
          enabled: settings.chatEnabled,
          premoderation: settings.chatPremoderation,
          muted,
          messages,
        },
      };
    });
  }
}
