import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type Redis from 'ioredis';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import { StoresHealth, storesHealth } from '@qatys/persistence';
import {
  AppMetrics,
  DrainState,
  MigrationsAtHead,
  PgProbe,
  pgProbeOf,
  probe,
  readinessIndicators,
  serveMetrics,
} from '@qatys/observability';
import { DataSource } from 'typeorm';
import { WORKER_REDIS } from './worker.tokens';

export type WorkerHealth = StoresHealth<'worker'>;

const ROUTES = ['/health', '/health/live', '/health/ready', '/metrics'];

/**
 * The worker has no HTTP API; orchestrators and Prometheus still need answers. A bare node:http
 * server on WORKER_HEALTH_HOST:WORKER_HEALTH_PORT answers GET /health (200 when Postgres and
 * Redis answer, 503 otherwise), the terminus probes /health/live and /health/ready (as the
 * api's: draining, stores, migrations at head) and /metrics — nothing else.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private readonly pg: PgProbe;
  private readonly migrations: MigrationsAtHead;

  constructor(
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(WORKER_REDIS) private readonly redis: Redis,
    private readonly terminus: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly drain: DrainState,
    private readonly metrics: AppMetrics,
  ) {
    this.pg = pgProbeOf(ds, 'worker');
    this.migrations = new MigrationsAtHead(ds, this.pg);
  }

  check(): Promise<WorkerHealth> {
    return storesHealth('worker', this.ds, this.redis);
  }

  /** Base URL once listening (the port is the real one when WORKER_HEALTH_PORT is 0). */
  get url(): string {
    const addr = this.server?.address() as AddressInfo | null | undefined;
    if (!addr) throw new Error('worker health server is not listening');
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    return `http://${host}:${addr.port}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_HEALTH_PORT, this.config.WORKER_HEALTH_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker health on ${this.url}/health`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await this.pg.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (!ROUTES.includes(path))
      return this.send(res, 404, { statusCode: 404, error: 'not_found', message: `No route ${path}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.send(res, 405, {
        statusCode: 405,
        error: 'method_not_allowed',
        message: `Use GET ${path}`,
      });
    }
    const end = this.metrics.http.startTimer({ method: req.method, route: path });
    res.once('finish', () => end({ status_code: String(res.statusCode) }));
    try {
      if (path === '/metrics') return await serveMetrics(this.metrics, this.config.METRICS_TOKEN, req, res);
      if (path === '/health/live' || path === '/health/ready') {
        const r = await probe(
          this.terminus,
          path === '/health/live'
            ? []
            : readinessIndicators(this.indicators, {
                pg: this.pg,
                redis: this.redis,
                drain: this.drain,
                migrations: this.migrations,
              }),
        );
        return this.send(res, r.status, r.body);
      }
      const health = await this.check();
      this.send(res, health.status === 'ok' ? 200 : 503, health);
    } catch (e) {
      this.logger.error({ err: (e as Error).message, path }, 'health server request failed');
      if (!res.headersSent)
        this.send(res, 500, { statusCode: 500, error: 'internal', message: 'internal error' });
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    const json = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(json),
    });
    res.end(json);
  }
}
