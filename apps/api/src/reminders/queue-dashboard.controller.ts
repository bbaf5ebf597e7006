import { Controller, Delete, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor, forbidden } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { Bearer, Roles } from '../common/openapi';
import { QUEUE_DASHBOARD_COOKIE, QUEUE_DASHBOARD_PATH } from './queue-dashboard';

@ApiTags('admin')
@Bearer()
@Controller('admin/queues/session')
export class QueueDashboardController {
  @Post()
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({
    summary: 'Opens the queue dashboard in this browser',
    description:
      'Stores your access token in an HttpOnly, SameSite=Strict cookie scoped to /admin/queues (until the token expires), ' +
      'so the browser can then open /admin/queues. API clients may instead send the bearer header to /admin/queues directly.',
  })
  @ApiNoContentResponse({ description: 'the cookie is set' })
  open(
    @CurrentActor() actor: Actor,
    // Read from the request, not @Headers(): the bearer token is the operation's security, not a parameter.
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): void {
    if (!actor.roles.includes('admin')) throw forbidden('The queue dashboard is for admins only');
    res.cookie(QUEUE_DASHBOARD_COOKIE, req.headers.authorization!.slice(7), {
      httpOnly: true,
      sameSite: 'strict',
      path: QUEUE_DASHBOARD_PATH,
      secure: false,
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
