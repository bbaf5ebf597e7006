import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { AppMetrics, metricsAllowed } from '@qatys/observability';
import { MetricsToken } from '../common/openapi';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
  ) {}

  @MetricsToken()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this process (HTTP per route, Node runtime)' })
  @ApiOkResponse({
    description: 'Prometheus text exposition format 0.0.4',
    content: {
      'text/plain': {
        schema: { type: 'string', example: 'qatys_http_request_duration_seconds_count{...} 3' },
      },
    },
  })
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!metricsAllowed(this.config.METRICS_TOKEN, req.headers.authorization)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json({ statusCode: 401, error: 'unauthorized', message: 'metrics token required' });
      return;
    }
    const { contentType, body } = await this.metrics.text();
    res.status(200).type(contentType).send(body);
  }
}
