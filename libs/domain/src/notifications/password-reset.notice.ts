/**
 * The password-reset mail: a notice row per request (planned by the outbox handler of
 * `user.password_reset_requested`), completed at send time with the link, which is derived from
 * the account as it is then (identity/password-reset-token.ts). A request whose link would already
 * have expired, or to an account disabled since, is skipped rather than sent.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  PASSWORD_RESET_TTL_SECONDS,
  passwordResetToken,
  passwordResetUrl,
} from '../identity/password-reset-token';
import { DELIVERY_SETTINGS, DeliverySettings } from './delivery.types';
import type { NoticeContent, NoticeContentProvider, NoticeContentRequest } from './notice-content';
import type { NotificationKind } from './notification.entity';

/** Kinds about the account itself: always by e-mail (never to an organization's webhook). */
export const ACCOUNT_KINDS: readonly NotificationKind[] = ['account.password_reset'];

export async function passwordResetNotice(
  em: EntityManager,
  eventId: string,
  userId: string,
  requestedAt: string,
): Promise<void> {
  await em.query(
    `INSERT INTO notifications (kind, dedupe_key, user_id, due_at, payload, event_id)
     VALUES ('account.password_reset', $1, $2, now(), $3::jsonb, $4::bigint)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    [`password-reset-${eventId}`, userId, JSON.stringify({ requestedAt }), eventId],
  );
}

@Injectable()
export class PasswordResetNoticeContent implements NoticeContentProvider {
  readonly kinds = ACCOUNT_KINDS;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
  ) {}

  async content(r: NoticeContentRequest): Promise<NoticeContent> {
    const secret = this.settings.joinTokenSecret;
    if (!secret) return { send: false, reason: 'no_secret' };
    const requestedAt = Date.parse(String(r.payload.requestedAt ?? ''));
    if (Number.isNaN(requestedAt)) return { send: false, reason: 'malformed' };
    const expiresAt = new Date(requestedAt + PASSWORD_RESET_TTL_SECONDS * 1000);
    if (expiresAt.getTime() <= r.now.getTime()) return { send: false, reason: 'expired' };
    const [u]: { password_hash: string | null; disabled: boolean }[] = await this.ds.query(
      `SELECT password_hash, disabled_at IS NOT NULL AS disabled FROM users WHERE id = $1`,
      [r.userId],
    );
    if (!u) return { send: false, reason: 'user_gone' };
    if (u.disabled) return { send: false, reason: 'recipient_disabled' };
    const token = passwordResetToken(secret, r.userId, u.password_hash, expiresAt);
    return {
      send: true,
      view: {
        title: '',
        program: null,
        when: '',
        sessionWhen: null,
        actionLink: passwordResetUrl(this.settings.publicBaseUrl, token),
        validMinutes: Math.round(PASSWORD_RESET_TTL_SECONDS / 60),
      },
    };
  }
}
