import { Injectable, Optional, Inject } from '@nestjs/common';
import type { ChatState } from '@qatys/contracts';
import { DataSource } from 'typeorm';
import { Session } from '../catalog/session.entity';
import { assertCatalogEditor } from '../catalog/catalog-access';
import { LIVE_OPTIONS, LiveOptions } from '../attendance/live.tokens';
import type { Actor } from '../shared/actor';
import { notFound } from '../shared/domain.errors';

export interface EngagementSettingsView {
  sessionId: string;
  /** Off by default: the organizer turns the chat on per session. */
  chatEnabled: boolean;
  /** Messages to everyone wait for a moderator (default on, like the Q&A). */
  chatPremoderation: boolean;
}

export interface EngagementSettingsInput {
  chatEnabled?: boolean;
  chatPremoderation?: boolean;
}

const DEFAULTS = { chatEnabled: false, chatPremoderation: true };

/** A session's engagement settings (chat on/off, chat pre-moderation); no row = defaults. */
@Injectable()
export class EngagementSettingsService {
  private readonly cache = new Map<string, { at: number; view: EngagementSettingsView }>();
  private readonly cacheMs: number;

  constructor(
    private readonly ds: DataSource,
    @Optional() @Inject(LIVE_OPTIONS) options?: LiveOptions,
  ) {
    this.cacheMs = options?.cacheMs ?? 0;
  }

  async settings(sessionId: string, fresh = false): Promise<EngagementSettingsView> {
    const hit = this.cache.get(sessionId);
    if (!fresh && hit && Date.now() - hit.at < this.cacheMs) return hit.view;
    const [row] = await this.ds.query(
      `SELECT chat_enabled, chat_premoderation FROM session_engagement_settings WHERE session_id = $1`,
      [sessionId],
    );
    const view = row
      ? { sessionId, chatEnabled: row.chat_enabled, chatPremoderation: row.chat_premoderation }
      : { sessionId, ...DEFAULTS };
    if (this.cacheMs > 0) {
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(sessionId, { at: Date.now(), view });
    }
    return view;
  }

  /** Several sessions' chat states at once (the gateway tells rooms when they change). */
  async chatStates(sessionIds: readonly string[]): Promise<ChatState[]> {
    const rows: { session_id: string; chat_enabled: boolean; chat_premoderation: boolean }[] =
      await this.ds.query(
        `SELECT session_id, chat_enabled, chat_premoderation FROM session_engagement_settings WHERE session_id = ANY($1::uuid[])`,
        [sessionIds],
      );
    const by = new Map(rows.map((r) => [r.session_id, r]));
    return sessionIds.map((id) => {
      const r = by.get(id);
      return {
        sessionId: id,
        enabled: r?.chat_enabled ?? DEFAULTS.chatEnabled,
        premoderation: r?.chat_premoderation ?? DEFAULTS.chatPremoderation,
      };
    });
  }

  async get(actor: Actor, sessionId: string): Promise<EngagementSettingsView> {
    assertCatalogEditor(actor);
    await this.assertSession(sessionId);
    return this.settings(sessionId, true);
  }

  async put(
    actor: Actor,
    sessionId: string,
    input: EngagementSettingsInput,
  ): Promise<EngagementSettingsView> {
    assertCatalogEditor(actor);
    await this.assertSession(sessionId);
    const current = await this.settings(sessionId, true);
    const next = {
      sessionId,
      chatEnabled: input.chatEnabled ?? current.chatEnabled,
      chatPremoderation: input.chatPremoderation ?? current.chatPremoderation,
    };
    await this.ds.query(
      `INSERT INTO session_engagement_settings (session_id, chat_enabled, chat_premoderation, updated_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (session_id) DO UPDATE SET chat_enabled = EXCLUDED.chat_enabled,
         chat_premoderation = EXCLUDED.chat_premoderation, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [sessionId, next.chatEnabled, next.chatPremoderation, actor.userId],
    );
    this.cache.delete(sessionId);
    return next;
  }

  private async assertSession(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Session).existsBy({ id }))) throw notFound('Session', id);
  }
}
