import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { pingRedis } from '@qatys/persistence';
import { DataSource } from 'typeorm';
import { GATEWAY_REDIS } from './gateway.tokens';

/** Public liveness of the gateway and its stores: 200 when Postgres and Redis answer, else 503. */
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  async check(@Res() res: Response): Promise<void> {
    const [postgres, redis] = await Promise.all([
      this.ds.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      pingRedis(this.redis),
    ]);
    const ok = postgres && redis;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      app: 'gateway',
      checks: { postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    });
  }
}
