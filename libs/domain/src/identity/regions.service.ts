import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pgErrorCode } from '@qatys/persistence';
import { conflict, notFound } from '../shared/domain.errors';
import { Region, RegionRevision } from './region.entity';
import {
  assertCanRestore,
  assertCanRetire,
  newRegionValues,
  NewRegion,
  RegionChange,
  RegionPatch,
  regionPatchValues,
  regionSnapshot,
} from './region.policy';

/**
 * Other processes (a second API instance, the worker) do not hear about a change made here, so
 * their cached copy is refreshed after at most this long. Region edits are rare reference-data
 * changes; a minute of staleness elsewhere is acceptable, and this process sees its own changes at once.
 */
export const REGION_CACHE_TTL_MS = 60_000;

/**
 * Regions as editable reference data: every change writes a RegionRevision in the same
 * transaction, and `allById()` offers a cached read for the hot paths (every schedule query).
 */
@Injectable()
export class RegionsService {
  private cache?: { loadedAt: number; data: Promise<ReadonlyMap<number, Readonly<Region>>> };

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Every region, retired ones included, by id, from an in-process cache (see REGION_CACHE_TTL_MS).
   * The objects are frozen: copy before changing anything.
   */
  allById(): Promise<ReadonlyMap<number, Readonly<Region>>> {
    if (!this.cache || Date.now() - this.cache.loadedAt > REGION_CACHE_TTL_MS) {
      const data = this.ds
        .getRepository(Region)
        .find({ order: { code: 'ASC' } })
        .then((rows) => new Map(rows.map((r) => [r.id, Object.freeze(r)] as const)));
      const entry = { loadedAt: Date.now(), data };
      this.cache = entry;
      // A failed load must not stay cached.
      data.catch(() => {
        if (this.cache === entry) this.cache = undefined;
      });
    }
    return this.cache.data;
  }

  /** Drops the cached copy; called after every committed change (never before: a reader could re-cache old rows). */
  invalidate(): void {
    this.cache = undefined;
  }

  /** Active regions (or all of them), ordered by code, from the cache. */
  async list(opts: { includeRetired?: boolean } = {}): Promise<Readonly<Region>[]> {
    const all = [...(await this.allById()).values()];
    return opts.includeRetired ? all : all.filter((r) => !r.retiredAt);
  }

  /** One region, retired or not (old registrations and reports still point at retired ones). */
  async get(id: number): Promise<Readonly<Region>> {
    const region = (await this.allById()).get(id) ?? (await this.ds.getRepository(Region).findOneBy({ id }));
    if (!region) throw notFound('Region', id);
    return region;
  }

  async create(input: NewRegion, changedBy: string): Promise<Region> {
    const values = newRegionValues(input);
    return this.write(async (em) => {
      if (await em.existsBy(Region, { code: values.code })) throw codeTaken(values.code);
      const saved = await em.save(em.create(Region, { ...values, retiredAt: null }));
      await this.revise(em, saved, 'created', changedBy);
      return saved;
    }, values.code);
  }

  async update(id: number, patch: RegionPatch, changedBy: string): Promise<Region> {
    return this.write(async (em) => {
      const region = await this.lock(em, id);
      const changes = regionPatchValues(region, patch);
      if (!Object.keys(changes).length) return region;
      if (changes.code && (await em.existsBy(Region, { code: changes.code }))) throw codeTaken(changes.code);
      Object.assign(region, changes);
      const saved = await em.save(region);
      await this.revise(em, saved, 'updated', changedBy);
      return saved;
    }, patch.code);
  }

  /** Retired regions are refused for new home regions and registrations but stay readable. */
  async retire(id: number, changedBy: string): Promise<Region> {
    return this.write(async (em) => {
      const region = await this.lock(em, id);
      assertCanRetire(region);
      region.retiredAt = new Date();
      const saved = await em.save(region);
      await this.revise(em, saved, 'retired', changedBy);
      return saved;
    });
  }

  async restore(id: number, changedBy: string): Promise<Region> {
    return this.write(async (em) => {
      const region = await this.lock(em, id);
      assertCanRestore(region);
      region.retiredAt = null;
      const saved = await em.save(region);
      await this.revise(em, saved, 'restored', changedBy);
      return saved;
    });
  }

  /** Every revision of a region, oldest first. */
  async history(id: number): Promise<RegionRevision[]> {
    await this.get(id);
    return this.ds.getRepository(RegionRevision).find({ where: { regionId: id }, order: { id: 'ASC' } });
  }

  private async write<T>(work: (em: EntityManager) => Promise<T>, code?: string): Promise<T> {
    try {
      return await this.ds.transaction(work);
    } catch (e) {
      // Two admins taking the same code at once: the unique index decides.
      if (pgErrorCode(e) === '23505') throw codeTaken(code ?? 'this code');
      throw e;
    } finally {
      this.invalidate();
    }
  }

  private async lock(em: EntityManager, id: number): Promise<Region> {
    const region = await em.findOne(Region, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!region) throw notFound('Region', id);
    return region;
  }

  private async revise(
    em: EntityManager,
    region: Region,
    change: RegionChange,
    changedBy: string,
  ): Promise<void> {
    await em.insert(RegionRevision, {
      regionId: region.id,
      change,
      snapshot: regionSnapshot(region),
      changedBy,
    } as never);
  }
}

const codeTaken = (code: string) =>
  conflict('region_code_taken', `A region with code ${code} already exists`);
