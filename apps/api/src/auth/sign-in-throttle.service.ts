import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, ApiConfig, RateBudget } from '@qatys/config';
import { DomainError } from '@qatys/domain';
import { TooManyRequests } from '../common/too-many-requests';
import { REDIS } from '../core.module';
import { accountKey, clientKey, LockRule, lockSecondsAfter } from './sign-in-throttle.policy';

// Consecutive failures of an address are forgotten this long after the first one.
const FAILURE_MEMORY_SECONDS = 86400;
// An attempt past the free failures holds the address while its password is verified, so
// parallel guesses cannot all slip through between two locks; a crashed holder frees it after this.
const CLAIM_SECONDS = 15;

const ACCOUNT_LOCKED = 'Too many failed sign-ins for this e-mail address';
const CLIENT_LOCKED = 'Too many failed sign-ins from this address';
const CLIENT_BUSY = 'Too many requests from this address';

/**
 * Sign-in protection shared by every api process (Redis; each limiter falls back to a
 * per-process memory twin while Redis is unreachable, so sign-in neither fails open nor stops).
 *
 * Every check runs before the password is verified: a refused attempt costs no argon2 hash.
 * - per e-mail address: `AUTH_LOGIN_FREE_FAILURES` consecutive failures, then a lock that doubles
 *   with each further failure; a success clears both. Unknown addresses are counted alike.
 * - per client address: `AUTH_LOGIN_IP_RATE` attempts and `AUTH_LOGIN_IP_FAILURES` failures per
 *   window (a success does not clear those: a guesser with an account of their own would reset
 *   them between guesses), `AUTH_REGISTER_IP_RATE` sign-ups, `AUTH_REFRESH_IP_RATE` refreshes.
 */
@Injectable()
export class SignInThrottle {
  private readonly rule: LockRule;
  private readonly loginsByClient: RateLimiterRedis;
  private readonly failuresByClient: RateLimiterRedis;
  private readonly failuresByAccount: RateLimiterRedis;
  /** Value 1: an attempt holds the address; value 2 (`block`): the address is locked. */
  private readonly lockByAccount: RateLimiterRedis;
  private readonly registersByClient: RateLimiterRedis;
  private readonly refreshesByClient: RateLimiterRedis;
  private readonly resetsByClient: RateLimiterRedis;
  private readonly resetsByAccount: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: ApiConfig) {
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `auth:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `auth:${name}`, points, duration }),
      });
    const budget = (name: string, b: RateBudget) => limiter(name, b.points, b.seconds);
    this.rule = {
      freeFailures: config.AUTH_LOGIN_FREE_FAILURES,
      lockSeconds: config.AUTH_LOGIN_LOCK_SECONDS,
      maxLockSeconds: config.AUTH_LOGIN_MAX_LOCK_SECONDS,
    };
    this.loginsByClient = budget('login:client', config.AUTH_LOGIN_IP_RATE);
    this.failuresByClient = budget('login-failures:client', config.AUTH_LOGIN_IP_FAILURES);
    this.failuresByAccount = limiter(
      'login-failures:account',
      Number.MAX_SAFE_INTEGER,
      FAILURE_MEMORY_SECONDS,
    );
    this.lockByAccount = limiter('login-lock:account', 1, CLAIM_SECONDS);
    this.registersByClient = budget('register:client', config.AUTH_REGISTER_IP_RATE);
    this.refreshesByClient = budget('refresh:client', config.AUTH_REFRESH_IP_RATE);
    this.resetsByClient = budget('reset:client', config.AUTH_RESET_IP_RATE);
    this.resetsByAccount = budget('reset:account', config.AUTH_RESET_EMAIL_RATE);
  }

  /** Runs `verify` (the password check) only if neither the address nor the client is held back. */
  async signIn<T>(email: string, ip: string | undefined, verify: () => Promise<T>): Promise<T> {
    const client = clientKey(ip);
    const account = accountKey(email);
    await take(this.loginsByClient, client, CLIENT_BUSY);
    const clientFailures = await this.failuresByClient.get(client);
    if (clientFailures && clientFailures.consumedPoints >= this.failuresByClient.points) {
      throw new TooManyRequests(CLIENT_LOCKED, clientFailures.msBeforeNext);
    }
    const lock = await this.lockByAccount.get(account);
    if (lock && lock.consumedPoints > this.lockByAccount.points) {
      throw new TooManyRequests(ACCOUNT_LOCKED, lock.msBeforeNext);
    }
    // Counted before verifying, so parallel attempts each see their own number.
    const failures = (await this.failuresByAccount.penalty(account, 1)).consumedPoints;
    if (failures > this.rule.freeFailures) {
      try {
        await this.lockByAccount.consume(account);
      } catch (e) {
        await this.failuresByAccount.reward(account, 1);
        if (e instanceof RateLimiterRes) throw new TooManyRequests(ACCOUNT_LOCKED, e.msBeforeNext);
        throw e;
      }
    }
    let result: T;
    try {
      result = await verify();
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'unauthorized') {
        await this.failed(account, client, failures);
      } else {
        await this.failuresByAccount.reward(account, 1);
      }
      throw e;
    }
    await Promise.all([this.failuresByAccount.delete(account), this.lockByAccount.delete(account)]);
    return result;
  }

  register(ip: string | undefined): Promise<void> {
    return take(this.registersByClient, clientKey(ip), CLIENT_BUSY);
  }

  refresh(ip: string | undefined): Promise<void> {
    return take(this.refreshesByClient, clientKey(ip), CLIENT_BUSY);
  }

  /**
   * A reset request: per client and per e-mail address (so nobody floods one mailbox). Unknown
   * addresses are counted like known ones: a 429 tells nothing about who has an account.
   */
  async passwordResetRequest(email: string, ip: string | undefined): Promise<void> {
    await take(this.resetsByClient, clientKey(ip), CLIENT_BUSY);
    await take(
      this.resetsByAccount,
      accountKey(email),
      'Too many password-reset requests for this e-mail address',
    );
  }

  /** Setting a new password with a link: per client (the links cannot be guessed anyway). */
  passwordResetConfirm(ip: string | undefined): Promise<void> {
    return take(this.resetsByClient, clientKey(ip), CLIENT_BUSY);
  }

  private async failed(account: string, client: string, failures: number): Promise<void> {
    const lockSeconds = lockSecondsAfter(failures, this.rule);
    await Promise.all([
      lockSeconds > 0 ? this.lockByAccount.block(account, lockSeconds) : undefined,
      this.failuresByClient.penalty(client, 1),
    ]);
  }
}

async function take(limiter: RateLimiterRedis, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new TooManyRequests(message, e.msBeforeNext);
    throw e;
  }
}
