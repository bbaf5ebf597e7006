import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DrainState, MigrationsAtHead, ProbeDeps } from '@qatys/observability';
import { DataSource } from 'typeorm';
import { REDIS } from '../core.module';

/** What the api's readiness looks at. */
@Injectable()
export class ApiProbeDeps implements ProbeDeps {
  readonly migrations: MigrationsAtHead;

  constructor(
    @InjectDataSource() readonly ds: DataSource,
    @Inject(REDIS) readonly redis: Redis,
    readonly drain: DrainState,
  ) {
    this.migrations = new MigrationsAtHead(ds);
  }
}
