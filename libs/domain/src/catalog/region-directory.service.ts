import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { invalid } from '../shared/domain.errors';
import { Region } from '../identity/region.entity';
import { RegionsService } from '../identity/regions.service';

export interface RegionRef {
  id: number;
  code: string;
  names: { kk: string; ru: string; en: string };
  timeZone: string;
  retired: boolean;
}

/**
 * Every schedule item names its target regions; reading them per request would double the list
 * endpoint's queries. The rows come from RegionsService's cache (the one its writes invalidate),
 * seen here as RegionRefs; an unknown id forces a reload (a region added by another process a
 * moment ago). Validation of ids that are written never uses the cache.
 */
@Injectable()
export class RegionDirectory {
  private refs = new WeakMap<ReadonlyMap<number, Readonly<Region>>, Map<number, RegionRef>>();

  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    private readonly source: RegionsService,
  ) {}

  async byIds(ids: readonly number[]): Promise<RegionRef[]> {
    if (!ids.length) return [];
    let map = await this.map();
    if (ids.some((id) => !map.has(id))) map = await this.map(true);
    return ids.map((id) => map.get(id)).filter((r): r is RegionRef => r !== undefined);
  }

  /** Every region by id, from the cache while it is fresh. */
  async map(force = false): Promise<Map<number, RegionRef>> {
    if (force) this.source.invalidate();
    const rows = await this.source.allById();
    let refs = this.refs.get(rows);
    if (!refs) {
      refs = new Map([...rows.values()].map((r) => [r.id, toRef(r)]));
      this.refs.set(rows, refs);
    }
    return refs;
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

function toRef(r: Readonly<Region>): RegionRef {
  return {
    id: r.id,
    code: r.code,
    names: { kk: r.nameKk, ru: r.nameRu, en: r.nameEn },
    timeZone: r.timeZone,
    retired: r.retiredAt !== null,
  };
}
