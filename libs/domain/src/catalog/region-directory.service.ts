import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { invalid } from '../shared/domain.errors';
import { Region } from '../identity/region.entity';

export interface RegionRef {
  id: number;
  code: string;
  names: { kk: string; ru: string; en: string };
  timeZone: string;
  retired: boolean;
}

const TTL_MS = 30_000;

/**
 * Regions are twenty rows that change a few times a decade, yet every schedule item names its
 * target regions: reading them per request would double the list endpoint's queries. The map is
 * cached for a short while (and reloaded when an unknown id shows up, e.g. a region added by
 * another process a moment ago). Validation of ids that are written never uses the cache.
 */
@Injectable()
export class RegionDirectory {
  private cache?: { at: number; byId: Map<number, RegionRef> };
  private loading?: Promise<Map<number, RegionRef>>;

  constructor(@InjectRepository(Region) private readonly regions: Repository<Region>) {}

  async byIds(ids: readonly number[]): Promise<RegionRef[]> {
    if (!ids.length) return [];
    let map = await this.map();
    if (ids.some((id) => !map.has(id))) map = await this.map(true);
    return ids.map((id) => map.get(id)).filter((r): r is RegionRef => r !== undefined);
  }

  /** Every region by id, from the cache while it is fresh. */
  async map(force = false): Promise<Map<number, RegionRef>> {
    if (!force && this.cache && Date.now() - this.cache.at < TTL_MS) return this.cache.byId;
    this.loading ??= this.regions
      .find({ order: { id: 'ASC' } })
      .then((rows) => {
        const byId = new Map(rows.map((r) => [r.id, toRef(r)]));
        this.cache = { at: Date.now(), byId };
        return byId;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** The zone of a region (retired ones too: old schedules are still read). */
  async zoneOf(id: number, field = 'regionId'): Promise<string> {
    const [r] = await this.byIds([id]);
    if (!r) throw invalid('unknown_region', `${field}: region ${id} does not exist`);
    return r.timeZone;
  }

  /** Ids a session may target: existing, not retired. Checked against the table, not the cache. */
  async assertActive(ids: readonly number[], field = 'targetRegionIds'): Promise<number[]> {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    if (!unique.length) return [];
    const rows = await this.regions.find({
      where: { id: In(unique) },
      select: { id: true, retiredAt: true },
    });
    const ok = new Set(rows.filter((r) => !r.retiredAt).map((r) => r.id));
    const bad = unique.filter((id) => !ok.has(id));
    if (bad.length) {
      throw invalid(
        'unknown_region',
        bad.length === 1
          ? `${field}: region ${bad[0]} does not exist or is retired`
          : `${field}: regions ${bad.join(', ')} do not exist or are retired`,
        { regionIds: bad },
      );
    }
    return unique;
  }
}

function toRef(r: Region): RegionRef {
  return {
    id: r.id,
    code: r.code,
    names: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
    timeZone: r.timeZone,
    retired: r.retiredAt !== null,
  };
}
