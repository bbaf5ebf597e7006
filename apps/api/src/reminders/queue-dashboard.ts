import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { AccessTokenClaims, QUEUES } from '@qatys/contracts';
import { IdentityService } from '@qatys/domain';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header on navigation: POST /admin/queues/session sets this cookie. */
export const QUEUE_DASHBOARD_COOKIE = 'qatys_queues';

/**
 * The page and its API load nothing from elsewhere (data residency: no third-party call from a
 * page); inline styles only because bull-board sets some.
 */
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Drops the page's tags that load from another site (bull-board asks Google Fonts for IBM Plex). */
export function withoutExternalAssets(html: string): string {
  return html
    .replace(/<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?\/\/[^>]*>/gi, '')
    .replace(/<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^>]*>\s*<\/script>/gi, '');
}

type ViewEngine = (path: string, options: object, done: (err: Error | null, html?: string) => void) => void;

/**
 * bull-board (the queue dashboard) mounted on the API's Express instance at /admin/queues, for
 * admins only: the API's access token as a bearer header, or — for a browser — in the HttpOnly
 * cookie that POST /admin/queues/session sets. Each request checks the person's roles as they are
 * NOW (a revoked admin or a disabled account is out at once, whatever the token says). Anything
 * else gets the API's error shape (401/403). The page is served without external assets and
 * under a Content-Security-Policy that allows none.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnApplicationShutdown {
  private readonly queues: Queue[];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(JwtService) private readonly jwt: JwtService,
    private readonly identity: IdentityService,
    @Inject(APP_CONFIG) config: ApiConfig,
  ) {
    this.queues = Object.values(QUEUES).map(
      (name) =>
        new Queue(name, {
          connection: { url: config.REDIS_URL, maxRetriesPerRequest: 2, lazyConnect: true },
          prefix: config.REDIS_PREFIX,
        }),
    );
  }

  onModuleInit(): void {
    // No HTTP server in an application context (the demo seeder): nothing to mount.
    if (!this.adapterHost.httpAdapter) return;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
    const board = serverAdapter.getRouter() as unknown as {
      engines: Record<string, ViewEngine>;
      engine(ext: string, fn: ViewEngine): void;
    };
    const render = board.engines['.ejs'];
    board.engine('ejs', (path, options, done) =>
      render(path, options, (err, html) =>
        done(err, html === undefined ? html : withoutExternalAssets(html)),
      ),
    );
    const app = this.adapterHost.httpAdapter.getInstance<{ use: (...args: unknown[]) => void }>();
    app.use(
      QUEUE_DASHBOARD_PATH,
      (req: Request, res: Response, next: NextFunction) => void this.guard(req, res, next),
    );
    app.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close().catch(() => undefined)));
  }

  /** Verifies an access token of an admin; returns its claims or the HTTP error to send. */
  async admin(
    token: string | undefined,
  ): Promise<AccessTokenClaims | { status: 401 | 403; error: string; message: string }> {
    if (!token) return { status: 401, error: 'unauthorized', message: 'Missing bearer token' };
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return { status: 401, error: 'unauthorized', message: 'Invalid or expired access token' };
    }
    if (claims.typ !== 'access')
      return { status: 401, error: 'unauthorized', message: 'Not an access token' };
    // The roles the token was issued with may have been revoked since: the current ones decide.
    const user = await this.identity.getUser(claims.sub).catch(() => null);
    if (!user || user.disabledAt) {
      return { status: 401, error: 'unauthorized', message: 'The account is gone or disabled' };
    }
    if (!user.roles.includes('admin')) {
      return { status: 403, error: 'forbidden', message: 'The queue dashboard is for admins only' };
    }
    return claims;
  }

  private async guard(req: Request, res: Response, next: NextFunction): Promise<void> {
    res.setHeader('Content-Security-Policy', QUEUE_DASHBOARD_CSP);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7)
      : cookie(req.headers.cookie, QUEUE_DASHBOARD_COOKIE);
    const result = await this.admin(token);
    if ('status' in result) {
      res
        .status(result.status)
        .json({ statusCode: result.status, error: result.error, message: result.message });
      return;
    }
    next();
  }
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
