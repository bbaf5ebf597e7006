import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Response } from 'express';
import { probe, readinessIndicators } from '@qatys/observability';
import { Public } from '../common/openapi';
import { ApiProbeDeps } from './api-probe-deps';
import { ProbeResponse } from './probe.response';

/**
 * Kubernetes-style probes (terminus): liveness says only that the process answers (a restart is
 * the cure for nothing else); readiness says whether to send it work. `/health` stays as it was.
 */
@ApiTags('health')
@Controller('health')
export class ProbesController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly deps: ApiProbeDeps,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no store is asked)' })
  @ApiOkResponse({ type: ProbeResponse, description: 'alive' })
  async live(@Res() res: Response): Promise<void> {
    const r = await probe(this.health, []);
    res.status(r.status).json(r.body);
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: not draining (SIGTERM), PostgreSQL and Redis answer, the schema is at this build’s head (Redis eviction policy reported)',
  })
  @ApiOkResponse({ type: ProbeResponse, description: 'ready for traffic' })
  @ApiServiceUnavailableResponse({
    type: ProbeResponse,
    description: 'draining, a store down, or migrations pending',
  })
  async ready(@Res() res: Response): Promise<void> {
    const r = await probe(this.health, readinessIndicators(this.indicators, this.deps));
    res.status(r.status).json(r.body);
  }
}
