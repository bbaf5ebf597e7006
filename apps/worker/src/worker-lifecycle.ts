import { WorkerHost } from '@nestjs/bullmq';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';

/**
 * Applies WORKER_CONCURRENCY to every processor and, on shutdown, closes the BullMQ workers
 * BEFORE anything else goes away: close() lets running jobs finish, and they may still need
 * Postgres. (Nest runs the root module's shutdown hooks first, before TypeORM's and BullMQ's own.)
 */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerLifecycle.name);

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: WorkerConfig,
  ) {}

  private hosts(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
  }

  onApplicationBootstrap(): void {
    for (const host of this.hosts()) host.worker.concurrency = this.config.WORKER_CONCURRENCY;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const hosts = this.hosts();
    this.logger.log({ signal, workers: hosts.length }, 'closing workers (running jobs finish first)');
    await Promise.all(hosts.map((h) => h.worker.close()));
  }
}
