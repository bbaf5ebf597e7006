import { Inject, Injectable } from '@nestjs/common';
import type {
  ChatAudience,
  ChatMessageView,
  ChatModerationAction,
  ChatMuteResult,
  ChatStatus,
} from '@qatys/contracts';
import { DataSource } from 'typeorm';
import type { LiveIdentity } from '../attendance/live-access.service';
import { LiveRateLimiter } from '../qa/live-rate-limiter';
import type { Asker } from '../qa/questions.service';
import { conflict, DomainError, forbidden, invalid } from '../shared/domain.errors';
import { chatStep, chatText, initialChatStatus } from './chat.policy';
import { EngagementAccess } from './engagement-access';
import { EngagementSettingsService } from './engagement-settings.service';
import { ENGAGEMENT_OPTIONS, EngagementOptions } from './engagement.tokens';

interface MessageRow {
  id: string;
  session_id: string;
  author_id: string;
  display_name: string;
  region_id: number | null;
  audience: ChatAudience;
  text: string;
  status: ChatStatus;
  staff: boolean;
  created_at: Date;
}

const COLUMNS = `m.id, m.session_id, m.author_id, u.display_name, m.region_id, m.audience, m.text, m.status, m.staff,
  m.created_at`;

export function chatView(r: MessageRow): ChatMessageView {
  return {
    id: r.id,
    sessionId: r.session_id,
    author: { id: r.author_id, displayName: r.display_name },
    regionId: r.region_id,
    to: r.audience,
    text: r.text,
    status: r.status,
    staff: r.staff,
    createdAt: r.created_at.toISOString(),
  };
}

export interface ChatChange {
  message: ChatMessageView;
  before: ChatStatus;
  changed: boolean;
}

/**
 * The chat of a live session (off unless the organizer turns it on): messages to everyone
 * (pre-moderated when the session says so) or to the staff only, at most
 * `chatMessagesPerWindow` per person per window across every gateway; moderators approve and
 * delete, and mute people. Only accepted messages use the allowance.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: EngagementSettingsService,
    private readonly rights: EngagementAccess,
    private readonly limiter: LiveRateLimiter,
    @Inject(ENGAGEMENT_OPTIONS) private readonly options: EngagementOptions,
  ) {}

  async send(asker: Asker, fromStaff: boolean, rawText: string, to: ChatAudience): Promise<ChatMessageView> {
    const text = chatText(rawText);
    const s = await this.settings.settings(asker.sessionId);
    if (!s.chatEnabled) throw conflict('chat_disabled', 'The chat is off in this session');
    const { chatMessagesPerWindow: limit, rateWindowMs: windowMs } = this.options;
    const taken = await this.limiter.take('chat', asker.userId, limit, windowMs);
    if ('waitMs' in taken) {
      throw new DomainError(
        'conflict',
        'rate_limited',
        `At most ${limit} messages per ${Math.round(windowMs / 1000)} s; try again later`,
        { retryAfterMs: taken.waitMs, limit, windowMs },
      );
    }
    try {
      // The mute is checked in the insert itself: a message racing a mute is either stored before it or refused.
      const [row]: MessageRow[] = await this.ds.query(
        `WITH m AS (
           INSERT INTO chat_messages (session_id, author_id, region_id, audience, staff, text, status)
           SELECT $1, $2, $3, $4, $5, $6, $7
            WHERE NOT EXISTS (SELECT 1 FROM chat_mutes WHERE session_id = $1 AND user_id = $2)
           RETURNING *)
         SELECT ${COLUMNS} FROM m JOIN users u ON u.id = m.author_id`,
        [
          asker.sessionId,
          asker.userId,
          asker.regionId,
          to,
          fromStaff,
          text,
          initialChatStatus(to, s.chatPremoderation, fromStaff),
        ],
      );
      if (!row) throw new DomainError('forbidden', 'muted', 'A moderator muted you in this chat');
      return chatView(row);
    } catch (e) {
      await this.limiter.giveBack('chat', asker.userId, taken.unit).catch(() => undefined);
      throw e;
    }
  }

  async moderate(
    identity: LiveIdentity,
    messageId: string,
    action: ChatModerationAction,
  ): Promise<ChatChange> {
    const [found]: { session_id: string }[] = await this.ds.query(
      `SELECT session_id FROM chat_messages WHERE id = $1`,
      [messageId],
    );
    if (!found) throw new DomainError('not_found', 'message_not_found', `Message ${messageId} not found`);
    await this.rights.assertManager(identity, found.session_id);
    return this.ds.transaction(async (em) => {
      const [m]: { status: ChatStatus }[] = await em.query(
        `SELECT status FROM chat_messages WHERE id = $1 FOR UPDATE`,
        [messageId],
      );
      const next = chatStep(m.status, action);
      if (next.changed) {
        await em.query(
          `UPDATE chat_messages SET status = $2, moderated_by = $3, moderated_at = now() WHERE id = $1`,
          [messageId, next.status, identity.userId],
        );
      }
      const [row]: MessageRow[] = await em.query(
        `SELECT ${COLUMNS} FROM chat_messages m JOIN users u ON u.id = m.author_id WHERE m.id = $1`,
        [messageId],
      );
      return { message: chatView(row), before: m.status, changed: next.changed };
    });
  }

  async mute(
    identity: LiveIdentity,
    sessionId: string,
    userId: string,
    muted: boolean,
  ): Promise<ChatMuteResult> {
    await this.rights.assertManager(identity, sessionId);
    if (userId === identity.userId) throw forbidden('You cannot mute yourself');
    const [user] = await this.ds.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    if (!user) throw invalid('invalid_payload', `User ${userId} not found`);
    await this.ds.query(
      muted
        ? `INSERT INTO chat_mutes (session_id, user_id, muted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`
        : `DELETE FROM chat_mutes WHERE session_id = $1 AND user_id = $2`,
      muted ? [sessionId, userId, identity.userId] : [sessionId, userId],
    );
    return { sessionId, userId, muted };
  }

  async isMuted(sessionId: string, userId: string): Promise<boolean> {
    const rows = await this.ds.query(`SELECT 1 FROM chat_mutes WHERE session_id = $1 AND user_id = $2`, [
      sessionId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** The last `limit` messages a person may read, oldest first: staff every one, others approved ones to everyone and their own. */
  async recent(sessionId: string, userId: string, staff: boolean, limit = 100): Promise<ChatMessageView[]> {
    const rows: MessageRow[] = await this.ds.query(
      `SELECT * FROM (
         SELECT ${COLUMNS} FROM chat_messages m JOIN users u ON u.id = m.author_id
          WHERE m.session_id = $1 AND m.status <> 'deleted'
            AND ($3 OR (m.audience = 'all' AND m.status = 'approved') OR m.author_id = $2)
          ORDER BY m.created_at DESC, m.id DESC LIMIT $4) x
       ORDER BY created_at, id`,
      [sessionId, userId, staff, limit],
    );
    return rows.map(chatView);
  }
}
