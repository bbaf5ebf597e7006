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

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header on navigation: POST /admin/queues/session sets this cookie. */
export const QUEUE_DASHBOARD_COOKIE = 'qatys_queues';

/**
 * bull-board (the queue dashboard) mounted on the API's Express instance at /admin/queues, for
 * admins only: the API's access token as a bearer header, or — for a browser — in the HttpOnly
 * cookie that POST /admin/queues/session sets. Anything else gets the API's error shape (401/403).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit, OnApplicationShutdown {
  private readonly queues: Queue[];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(JwtService) private readonly jwt: JwtService,
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
    if (!claims.roles?.includes('admin')) {
      return { status: 403, error: 'forbidden', message: 'The queue dashboard is for admins only' };
    }
    return claims;
  }

  private async guard(req: Request, res: Response, next: NextFunction): Promise<void> {
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
