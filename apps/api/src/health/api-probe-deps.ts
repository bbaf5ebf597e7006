import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DrainState, MigrationsAtHead, PgProbe, pgProbeOf, ProbeDeps } from '@qatys/observability';
import { DataSource } from 'typeorm';
import { REDIS } from '../core.module';

/** What the api's readiness looks at (PostgreSQL through the probes' own connection). */
@Injectable()
export class ApiProbeDeps implements ProbeDeps, OnApplicationShutdown {
  readonly pg: PgProbe;
  readonly migrations: MigrationsAtHead;

  constructor(
    @InjectDataSource() ds: DataSource,
    @Inject(REDIS) readonly redis: Redis,
    readonly drain: DrainState,
  ) {
    this.pg = pgProbeOf(ds, 'api');
    this.migrations = new MigrationsAtHead(ds, this.pg);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pg.close();
  }
}
