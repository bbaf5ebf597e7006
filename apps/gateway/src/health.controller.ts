import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { storesHealth } from '@qatys/persistence';
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
    const health = await storesHealth('gateway', this.ds, this.redis);
    res.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(health);
  }
}
