import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'crypto';
import { IsNull, Repository } from 'typeorm';
import { entityReader, perDataSource, pgErrorCode, preparedQuery } from '@qatys/persistence';
import { domainEvent, recordEvents } from '../events/domain-events';
import { conflict, invalid, notFound, unauthorized } from '../shared/domain.errors';
import type { Language } from '../shared/localized-text';
import { assertZone } from '../shared/wall-time.policy';
import { HashCost, hashPassword, verifyPassword } from './password';
import { Region } from './region.entity';
import type { Role } from '../shared/roles';
import { CalendarFeedToken, RefreshToken, User } from './user.entity';

export const PASSWORD_HASH_COST = Symbol('PASSWORD_HASH_COST');

export interface NewUser {
  email: string;
  password: string;
  displayName: string;
  language?: Language;
  timeZone?: string;
  homeRegionId?: number | null;
  roles?: Role[];
  coordinatorRegionIds?: number[];
  organizationId?: string | null;
}

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');

// Verified against when the e-mail is unknown, so a wrong e-mail and a wrong password take the
// same time and an attacker cannot tell which accounts exist.
let dummyHash: Promise<string> | undefined;

/** The statement of IdentityService.insertUser, made once per data source (it needs the metadata). */
const userInsert = perDataSource((ds) => {
  const user = entityReader(ds, User, 'u');
  const sql = `WITH created AS (
       INSERT INTO users AS u
              (email, display_name, password_hash, language, time_zone, home_region_id, roles,
               coordinator_region_ids, organization_id)
       SELECT $1::varchar, $2::varchar, $3::varchar, $4::varchar, $5::varchar, $6::int, $7::text[], $8::int[], $9::uuid
        WHERE $6::int IS NULL OR EXISTS (SELECT 1 FROM regions WHERE id = $6::int AND retired_at IS NULL)
       RETURNING ${user.select}),
     token AS (
       INSERT INTO refresh_tokens (id, user_id, token_hash, family_id, expires_at)
       SELECT $10::uuid, created."u__id", $11::varchar, $10::uuid, $12::timestamptz FROM created
        WHERE $10::uuid IS NOT NULL)
     SELECT * FROM created`;
  return { sql, user };
});

/** A refresh token starting a new family (a sign-in): the token itself, and the row that stands for it. */
function newRefreshToken(ttlSeconds: number) {
  const token = newSecret();
  const id = randomUUID();
  return {
    token,
    id,
    familyId: id,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
  };
}

@Injectable()
export class IdentityService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(RefreshToken) private readonly refreshTokens: Repository<RefreshToken>,
    @InjectRepository(CalendarFeedToken) private readonly feedTokens: Repository<CalendarFeedToken>,
    @Optional() @Inject(PASSWORD_HASH_COST) private readonly hashCost: HashCost = 'default',
  ) {}

  async createUser(input: NewUser): Promise<User> {
    return this.insertUser(input, null);
  }

  /** Self sign-up: the new account and the refresh token of its first sign-in, in one statement. */
  async signUp(input: NewUser, refreshTtlSeconds: number): Promise<{ user: User; refreshToken: string }> {
    const refresh = newRefreshToken(refreshTtlSeconds);
    return { user: await this.insertUser(input, refresh), refreshToken: refresh.token };
  }

  /**
   * One statement, prepared once per connection (a crowd signs up through it): the home region
   * checked, the user inserted and, for a sign-up, its first refresh token — where a region
   * check, TypeORM's save and a second insert took three round trips and most of the api's
   * non-hashing time per sign-up. A retired or unknown home region inserts nothing (400); a
   * taken e-mail fails the unique index (409).
   */
  private async insertUser(
    input: NewUser,
    refresh: ReturnType<typeof newRefreshToken> | null,
  ): Promise<User> {
    const email = input.email.trim().toLowerCase();
    const timeZone = input.timeZone ?? 'Asia/Almaty';
    assertZone(timeZone);
    for (const id of input.coordinatorRegionIds ?? [])
      await this.assertActiveRegion(id, 'coordinatorRegionIds');
    const passwordHash = await hashPassword(input.password, this.hashCost);
    const ds = this.users.manager.connection;
    const insert = userInsert(ds);
    let rows: Record<string, unknown>[];
    try {
      rows = await preparedQuery(ds, 'qatys_insert_user', insert.sql, [
        email,
        input.displayName.trim(),
        passwordHash,
        input.language ?? 'ru',
        timeZone,
        input.homeRegionId ?? null,
        input.roles?.length ? [...new Set(input.roles)] : ['attendee'],
        input.coordinatorRegionIds ?? [],
        input.organizationId ?? null,
        refresh?.id ?? null,
        refresh?.tokenHash ?? null,
        refresh?.expiresAt ?? null,
      ]);
    } catch (e) {
      if (pgErrorCode(e) === '23505')
        throw conflict('email_taken', `A user with e-mail ${email} already exists`);
      throw e;
    }
    if (!rows.length)
      throw invalid(
        'unknown_region',
        `homeRegionId: region ${input.homeRegionId} does not exist or is retired`,
      );
    return insert.user.read(rows[0]);
  }

  async verifyCredentials(email: string, password: string): Promise<User> {
    const user = await this.users.findOne({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, passwordHash: true, disabledAt: true },
    });
    // No password yet (an account made from an expected list): the same time as an unknown e-mail.
    if (!user || !user.passwordHash) {
      dummyHash ??= hashPassword(newSecret(), this.hashCost);
      await verifyPassword(await dummyHash, password);
      throw unauthorized('Wrong e-mail or password');
    }
    if (!(await verifyPassword(user.passwordHash, password)) || user.disabledAt) {
      throw unauthorized('Wrong e-mail or password');
    }
    return this.getUser(user.id);
  }

  /**
   * The first password of an account made from an expected list (it had none). 409 when the
   * account already has one: this is not a way to change a password.
   */
  async setInitialPassword(userId: string, password: string): Promise<void> {
    const hashed = await hashPassword(password, this.hashCost);
    const res = await this.users
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash: hashed })
      .where('id = :userId AND password_hash IS NULL', { userId })
      .execute();
    if (!res.affected) throw conflict('password_already_set', 'This account already has a password: sign in');
  }

  async getUser(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User', id);
    return user;
  }

  async updateProfile(
    id: string,
    patch: { displayName?: string; language?: Language; timeZone?: string; homeRegionId?: number | null },
  ): Promise<User> {
    if (patch.timeZone !== undefined) assertZone(patch.timeZone);
    if (patch.homeRegionId != null) await this.assertActiveRegion(patch.homeRegionId, 'homeRegionId');
    // The event commits or rolls back with the zone; the row stays locked until then, so two
    // changes in a row are compared with what the other committed (one event per real change).
    return this.users.manager.transaction(async (em) => {
      const user = await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      const oldTimeZone = user.timeZone;
      const zoneChanged = patch.timeZone !== undefined && patch.timeZone !== oldTimeZone;
      Object.assign(user, patch);
      const saved = await em.save(user);
      // Quiet hours are the attendee's local night: planned reminders move with the zone (outbox).
      if (zoneChanged)
        await recordEvents(em, [
          domainEvent('user.time_zone_changed', id, { userId: id, oldTimeZone, newTimeZone: user.timeZone }),
        ]);
      return saved;
    });
  }

  async assertActiveRegion(id: number, field = 'regionId'): Promise<void> {
    // A plain statement: building TypeORM's findOneBy for it (metadata walk, alias rewriting)
    // was ~2% of the api's CPU in the sign-up crowd's profile (bench:national, 2026-12-06).
    const rows: unknown[] = await this.regions.query(
      `SELECT 1 FROM regions WHERE id = $1 AND retired_at IS NULL`,
      [id],
    );
    if (!rows.length) throw invalid('unknown_region', `${field}: region ${id} does not exist or is retired`);
  }

  /** Issues an opaque refresh token starting a new family (a sign-in); only its hash is kept. */
  async issueRefreshToken(userId: string, ttlSeconds: number): Promise<string> {
    const { token, ...row } = newRefreshToken(ttlSeconds);
    await this.refreshTokens.insert({ ...row, userId });
    return token;
  }

  /**
   * Exchanges a refresh token for a new one of the same family (rotation). One statement marks
   * the old token used and inserts its successor, so it is single-use even under two parallel
   * requests, and the successor exists as soon as the old token reads as used. Presenting a
   * token that was already used means it was copied: every live token of its family is revoked,
   * the one that replaced it included, and both holders must sign in again.
   */
  async rotateRefreshToken(token: string, ttlSeconds: number): Promise<{ user: User; refreshToken: string }> {
    const next = newSecret();
    const rows: { user_id: string }[] = await this.refreshTokens.query(
      `WITH used AS (
         UPDATE refresh_tokens SET revoked_at = now()
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
          RETURNING user_id, family_id)
       INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at)
       SELECT user_id, $2, family_id, now() + make_interval(secs => $3) FROM used
       RETURNING user_id`,
      [sha256(token), sha256(next), ttlSeconds],
    );
    if (!rows.length) {
      await this.refreshTokens.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE revoked_at IS NULL
            AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND revoked_at IS NOT NULL)`,
        [sha256(token)],
      );
      throw unauthorized('Refresh token is invalid, expired or already used');
    }
    const user = await this.getUser(rows[0].user_id);
    if (user.disabledAt) throw unauthorized('Account disabled');
    return { user, refreshToken: next };
  }

  async revokeRefreshToken(token: string): Promise<void> {
    await this.refreshTokens.update(
      { tokenHash: sha256(token), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  /** A new personal calendar feed token; earlier ones are revoked (one live feed URL per user). */
  async rotateCalendarFeedToken(userId: string): Promise<string> {
    const token = newSecret();
    await this.feedTokens.manager.transaction(async (em) => {
      await em.update(CalendarFeedToken, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await em.insert(CalendarFeedToken, { userId, tokenHash: sha256(token) });
    });
    return token;
  }

  async revokeCalendarFeedTokens(userId: string): Promise<void> {
    await this.feedTokens.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async userForCalendarFeedToken(token: string): Promise<User> {
    const row = await this.feedTokens.findOneBy({ tokenHash: sha256(token), revokedAt: IsNull() });
    if (!row) throw unauthorized('Calendar feed token is invalid or revoked');
    return this.getUser(row.userId);
  }
}
