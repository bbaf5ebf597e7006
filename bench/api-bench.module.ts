import { Controller, Get, Inject, Module, OnModuleDestroy, Query } from '@nestjs/common';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { Pool } from 'pg';

/** Filled by the bench server with the exact body of `GET /sessions?pageSize=50` before the load starts. */
export const memoryBody: { json: string } = { json: '{}' };

export const RAW_PG = Symbol('RAW_PG');

/**
 * Baselines mounted inside the real API (same guard, pipes and logger): one route answers from
 * memory, one runs a single hand-written SQL query with the bare `pg` driver.
 */
@Controller('bench')
export class BenchController {
  constructor(@Inject(RAW_PG) private readonly pool: Pool) {}

  @Get('memory')
  memory(): string {
    return memoryBody.json;
  }

  @Get('raw-pg')
  async rawPg(@Query('page') page = '1'): Promise<unknown> {
    const offset = (Math.max(1, Number(page)) - 1) * 50;
    const { rows } = await this.pool.query(
      `SELECT s.id, s.title, s.start_at, s.end_at, s.time_zone, s.status, s.format, s.capacity,
              s.registered_count, s.target_region_ids, s.version, count(*) OVER () AS total,
              coalesce((SELECT json_agg(json_build_object('id', sp.id, 'fullName', sp.full_name,
                                        'affiliation', sp.affiliation) ORDER BY ss.position)
                          FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id
                         WHERE ss.session_id = s.id), '[]') AS speakers
         FROM sessions s
        ORDER BY s.start_at, s.id
        LIMIT 50 OFFSET $1`,
      [offset],
    );
    return { items: rows, page: Number(page), pageSize: 50, total: Number(rows[0]?.total ?? 0) };
  }
}

@Module({
  controllers: [BenchController],
  providers: [
    {
      provide: RAW_PG,
      inject: [APP_CONFIG],
      useFactory: (c: ApiConfig) => new Pool({ connectionString: c.DATABASE_URL, max: c.DB_POOL_SIZE }),
    },
  ],
})
export class ApiBenchModule implements OnModuleDestroy {
  constructor(@Inject(RAW_PG) private readonly pool: Pool) {}

  async onModuleDestroy(): Promise<void> {
    // Nest may destroy a module reached through two import paths twice; end the pool once.
    if (!this.pool.ended) await this.pool.end();
  }
}
