import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../shared/actor';
import { invalid } from '../shared/domain.errors';
import { offsetOf, CatalogPage, PageRequest } from './page';
import { RegionDirectory } from './region-directory.service';
import { parseStatusList, SCHEDULE_SORTS, ScheduleSort, scheduleWindow } from './schedule.policy';
import {
  SESSION_COLUMNS,
  SESSION_FROM,
  SESSION_SPEAKERS_COLUMN,
  SessionReadModel,
  SessionRow,
  sessionVisibility,
  toSessionReadModel,
} from './session.read-model';

export interface ScheduleQuery extends PageRequest {
  /** UTC instants; sessions overlapping [from, to) are listed. */
  from?: string;
  to?: string;
  /** A local day: in the zone of `regionId` when given, else in `readerZone`. */
  date?: string;
  readerZone: string;
  programId?: string;
  moduleId?: string;
  /** Sessions aimed at this region or at everyone. */
  regionId?: number;
  speakerId?: string;
  /** Comma-separated statuses. */
  status?: string;
  sort?: ScheduleSort;
}

/** Only what the filters and the visibility rule need: no module join for counting. */
const COUNT_FROM = `FROM sessions s JOIN programs p ON p.id = s.program_id`;

const ORDER: Record<ScheduleSort, string> = {
  startAt: 's.start_at ASC, s.id ASC',
  '-startAt': 's.start_at DESC, s.id DESC',
  title: 'sort_title ASC, s.start_at ASC, s.id ASC',
  '-title': 'sort_title DESC, s.start_at DESC, s.id DESC',
  createdAt: 's.created_at ASC, s.id ASC',
  '-createdAt': 's.created_at DESC, s.id DESC',
};

/**
 * The schedule list in one SQL statement whatever the page size: the page, each row's speakers
 * and the total; regions come from the cached directory.
 */
@Injectable()
export class ScheduleService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async list(actor: Actor, q: ScheduleQuery): Promise<CatalogPage<SessionReadModel>> {
    const sort = q.sort ?? 'startAt';
    if (!SCHEDULE_SORTS.includes(sort)) {
      throw invalid('invalid_sort', `sort must be one of ${SCHEDULE_SORTS.join(', ')} (got "${sort}")`);
    }
    const dayZone = q.regionId !== undefined ? await this.regions.zoneOf(q.regionId) : q.readerZone;
    const window = scheduleWindow({ from: q.from, to: q.to, date: q.date, dayZone });

    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (window.from) where.push(`s.end_at > ${p(window.from)}`);
    if (window.to) where.push(`s.start_at < ${p(window.to)}`);
    if (q.programId) where.push(`s.program_id = ${p(q.programId)}`);
    if (q.moduleId) where.push(`s.module_id = ${p(q.moduleId)}`);
    if (q.regionId !== undefined) {
      where.push(`(s.target_region_ids = '{}' OR s.target_region_ids @> ARRAY[${p(q.regionId)}::int])`);
    }
    if (q.speakerId) {
      where.push(
        `EXISTS (SELECT 1 FROM session_speakers fss WHERE fss.session_id = s.id AND fss.speaker_id = ${p(q.speakerId)})`,
      );
    }
    if (q.status !== undefined) where.push(`s.status = ANY(${p(parseStatusList(q.status))}::text[])`);
    const visible = sessionVisibility(actor, params);
    if (visible) where.push(visible);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const whereParams = params.slice();

    const sortTitle = sort.endsWith('title')
      ? `, COALESCE(s.title->>${p(actor.language)}, s.title->>'ru', s.title->>'en', s.title->>'kk') AS sort_title`
      : '';
    // The total rides along as an uncorrelated subquery (computed once): a window count would
    // make Postgres materialize every matching row, wide JSON columns included, before the LIMIT.
    const rows: (SessionRow & { total: number })[] = await this.ds.query(
      `SELECT ${SESSION_COLUMNS}, ${SESSION_SPEAKERS_COLUMN}${sortTitle},
              (SELECT count(*)::int ${COUNT_FROM} ${whereSql}) AS total
         ${SESSION_FROM} ${whereSql}
        ORDER BY ${ORDER[sort]}
        LIMIT ${p(q.pageSize)} OFFSET ${p(offsetOf(q))}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (!rows.length && q.page > 1) {
      // Past the last page there is no row for the total to ride on.
      const [c]: { n: number }[] = await this.ds.query(
        `SELECT count(*)::int AS n ${COUNT_FROM} ${whereSql}`,
        whereParams,
      );
      total = c.n;
    }
    const regions = await this.regions.byIds([...new Set(rows.flatMap((r) => r.target_region_ids))]);
    const regionMap = new Map(regions.map((r) => [r.id, r]));
    return {
      items: rows.map((r) => toSessionReadModel(r, regionMap)),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }
}
