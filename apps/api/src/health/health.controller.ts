import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { pingRedis } from '@qatys/persistence';
import { DataSource } from 'typeorm';
import { Public } from '../common/current-actor.decorator';
import { REDIS } from '../core.module';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Public()
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
      app: 'api',
      checks: { postgres: postgres ? 'up' : 'down', redis: redis ? 'up' : 'down' },
    });
  }
}
