import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { VideoProviders } from '@qatys/domain';
import { storesHealth } from '@qatys/persistence';
import { DataSource } from 'typeorm';
import { Public } from '../common/openapi';
import { REDIS } from '../core.module';
import { HealthResponse } from './health.response';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() private readonly video?: VideoProviders,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Whether PostgreSQL and Redis answer (and, reported only, the video servers)' })
  @ApiOkResponse({ type: HealthResponse, description: 'both stores answer' })
  @ApiServiceUnavailableResponse({
    type: HealthResponse,
    description: 'a store does not answer (status degraded)',
  })
  async check(@Res() res: Response): Promise<void> {
    const [health, janus] = await Promise.all([
      storesHealth('api', this.ds, this.redis),
      this.video?.janus?.health() ?? Promise.resolve(null),
    ]);
    const media = janus
      ? { janus: janus.map((n) => ({ id: n.id, status: n.up ? 'up' : 'down' })) }
      : undefined;
    res
      .status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ ...health, media });
  }
}
