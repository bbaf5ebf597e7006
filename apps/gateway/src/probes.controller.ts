import { Controller, Get, Inject, OnApplicationShutdown, Req, Res } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type Redis from 'ioredis';
import { APP_CONFIG, GatewayConfig } from '@qatys/config';
import {
  AppMetrics,
  DrainState,
  metricsAllowed,
  MigrationsAtHead,
  PgProbe,
  pgProbeOf,
  probe,
  readinessIndicators,
} from '@qatys/observability';
import { DataSource } from 'typeorm';
import { GATEWAY_REDIS } from './gateway.tokens';

/**
 * The gateway's probes (terminus, as the api's: liveness; readiness = not draining, stores up,
 * migrations at head) and Prometheus' /metrics (METRICS_TOKEN when set).
 */
@Controller()
export class ProbesController implements OnApplicationShutdown {
  private readonly pg: PgProbe;
  private readonly migrations: MigrationsAtHead;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
    private readonly metrics: AppMetrics,
    @InjectDataSource() ds: DataSource,
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.pg = pgProbeOf(ds, 'gateway');
    this.migrations = new MigrationsAtHead(ds, this.pg);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pg.close();
  }

  @Get('health/live')
  async live(@Res() res: Response): Promise<void> {
    const r = await probe(this.health, []);
    res.status(r.status).json(r.body);
  }

  @Get('health/ready')
  async ready(@Res() res: Response): Promise<void> {
    const r = await probe(
      this.health,
      readinessIndicators(this.indicators, {
        pg: this.pg,
        redis: this.redis,
        drain: this.drain,
        migrations: this.migrations,
      }),
    );
    res.status(r.status).json(r.body);
  }

  @Get('metrics')
  async get(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!metricsAllowed(this.config.METRICS_TOKEN, req.headers.authorization)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer')
        .json({ statusCode: 401, error: 'unauthorized', message: 'metrics token required' });
      return;
    }
    const { contentType, body } = await this.metrics.text();
    res.status(200).setHeader('Content-Type', contentType);
    res.end(body);
  }
}
