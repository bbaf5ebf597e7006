import { Controller, Delete, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { forbidden, unauthorized } from '@qatys/domain';
import { Bearer, Roles } from '../common/openapi';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH, QueueDashboard } from './queue-dashboard';

@ApiTags('admin')
@Bearer()
@Controller('admin/queues/session')
export class QueueDashboardController {
  constructor(
    private readonly dashboard: QueueDashboard,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @Post()
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Opens the queue dashboard in this browser',
    description:
      'Stores your access token in an HttpOnly, SameSite=Strict cookie scoped to /admin/queues until the token expires ' +
      '(Secure when the API is reached over TLS, directly or behind a proxy with an https PUBLIC_BASE_URL), so the ' +
      'browser can then open /admin/queues. Every dashboard request checks your current roles: a revoked admin is out ' +
      'at once. API clients may instead send the bearer header to /admin/queues directly.',
  })
  @ApiNoContentResponse({ description: 'the cookie is set' })
  async open(
    // Read from the request, not @Headers(): the bearer token is the operation's security, not a parameter.
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const token = req.headers.authorization!.slice(7);
    const admin = await this.dashboard.admin(token);
    if ('status' in admin)
      throw admin.status === 401 ? unauthorized(admin.message) : forbidden(admin.message);
    const exp = (admin as { exp?: number }).exp;
    res.cookie(QUEUE_DASHBOARD_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      path: QUEUE_DASHBOARD_PATH,
      // Behind a proxy that ends TLS the request itself is plain HTTP: the public URL tells.
      secure: req.secure || new URL(this.config.PUBLIC_BASE_URL).protocol === 'https:',
      ...(exp ? { maxAge: Math.max(0, exp * 1000 - Date.now()) } : {}),
    });
  }

  @Delete()
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ summary: 'Forgets the dashboard cookie' })
  @ApiNoContentResponse({ description: 'the cookie is cleared' })
  close(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(QUEUE_DASHBOARD_COOKIE, { path: QUEUE_DASHBOARD_PATH });
  }
}
