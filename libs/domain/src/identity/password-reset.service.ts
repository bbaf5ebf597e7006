import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { invalid } from '../shared/domain.errors';
import { PASSWORD_HASH_COST } from './identity.service';
import { HashCost, hashPassword } from './password';
import { parsePasswordResetToken, verifyPasswordResetToken } from './password-reset-token';

/**
 * Password reset by e-mail. A request records `user.password_reset_requested` for an active
 * account (nothing for an unknown or disabled e-mail, and the caller answers the same either way);
 * the notifications context turns the event into a mail the worker sends with the link. Confirming
 * sets the password only if the link still verifies against the account as it is, in one statement
 * conditioned on the old hash, and signs the person out everywhere (their refresh tokens end).
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() @Inject(PASSWORD_HASH_COST) private readonly hashCost: HashCost = 'default',
  ) {}

  /** Returns whether an event was recorded (for tests and logs only: never tell the caller). */
  async request(email: string, now = new Date()): Promise<boolean> {
    return this.ds.transaction(async (em) => {
      const [user]: { id: string }[] = await em.query(
        `SELECT id FROM users WHERE email = $1 AND disabled_at IS NULL`,
        [email.trim().toLowerCase()],
      );
      if (!user) return false;
      await recordEvents(em, [
        domainEvent('user.password_reset_requested', user.id, {
          userId: user.id,
          requestedAt: now.toISOString(),
        }),
      ]);
      return true;
    });
  }

  /** Sets the new password; 400 `reset_link_invalid` for a forged, expired or already used link. */
  async confirm(
    secret: string,
    token: string,
    password: string,
    now = new Date(),
  ): Promise<{ userId: string }> {
    const bad = () =>
      invalid('reset_link_invalid', 'This password reset link is invalid, expired or already used');
    const parts = parsePasswordResetToken(token);
    if (!parts) throw bad();
    const [row]: { password_hash: string | null }[] = await this.ds.query(
      `SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL`,
      [parts.userId],
    );
    if (!row || !verifyPasswordResetToken(secret, token, row.password_hash, now)) throw bad();
    const hashed = await hashPassword(password, this.hashCost);
    await this.ds.transaction(async (em) => {
      // Conditioned on the hash the link was checked against: of two uses at once, one wins.
      const [, affected]: [unknown, number] = await em.query(
        `UPDATE users SET password_hash = $2, updated_at = now()
          WHERE id = $1 AND password_hash IS NOT DISTINCT FROM $3 AND disabled_at IS NULL`,
        [parts.userId, hashed, row.password_hash],
      );
      if (!affected) throw bad();
      await em.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [parts.userId],
      );
    });
    return { userId: parts.userId };
  }
}
