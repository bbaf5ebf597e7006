import { conflict, invalid } from '../shared/domain.errors';
import type { Language } from '../shared/localized-text';
import { assertZone } from '../shared/wall-time.policy';
import type { Region, RegionRevision } from './region.entity';

/** ISO 3166-2 subdivision code: country, dash, 1-3 letters or digits (KZ-55, KZ-ALA). */
export const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

export type RegionNames = Record<Language, string>;

export interface NewRegion {
  code: string;
  names: RegionNames;
  timeZone: string;
}

export interface RegionPatch {
  code?: string;
  names?: Partial<RegionNames>;
  timeZone?: string;
}

export type RegionChange = RegionRevision['change'];

export function assertRegionCode(code: string): string {
  if (!REGION_CODE.test(code)) {
    throw invalid('invalid_region_code', `code "${code}" is not an ISO 3166-2 code like KZ-99`);
  }
  return code;
}

function cleanName(lang: Language, name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('invalid_region_name', `names.${lang} must not be blank`);
  return trimmed;
}

/** The column values of a new region, validated (code shape, non-blank names, IANA zone). */
export function newRegionValues(
  input: NewRegion,
): Pick<Region, 'code' | 'nameKk' | 'nameRu' | 'nameEn' | 'timeZone'> {
  assertZone(input.timeZone);
  return {
    code: assertRegionCode(input.code),
    nameKk: cleanName('kk', input.names.kk),
    nameRu: cleanName('ru', input.names.ru),
    nameEn: cleanName('en', input.names.en),
    timeZone: input.timeZone,
  };
}

/**
 * The fields a patch really changes (an unchanged value is no change), validated. Empty when the
 * patch repeats what is stored, so the caller can skip writing a revision.
 */
export function regionPatchValues(region: Region, patch: RegionPatch): Partial<Region> {
  const out: Partial<Region> = {};
  if (patch.code !== undefined && patch.code !== region.code) out.code = assertRegionCode(patch.code);
  if (patch.timeZone !== undefined && patch.timeZone !== region.timeZone) {
    assertZone(patch.timeZone);
    out.timeZone = patch.timeZone;
  }
  const names = patch.names ?? {};
  if (names.kk !== undefined && cleanName('kk', names.kk) !== region.nameKk)
    out.nameKk = cleanName('kk', names.kk);
  if (names.ru !== undefined && cleanName('ru', names.ru) !== region.nameRu)
    out.nameRu = cleanName('ru', names.ru);
  if (names.en !== undefined && cleanName('en', names.en) !== region.nameEn)
    out.nameEn = cleanName('en', names.en);
  return out;
}

export function assertCanRetire(region: Region): void {
  if (region.retiredAt) {
    throw conflict(
      'region_already_retired',
      `Region ${region.code} was already retired on ${region.retiredAt.toISOString()}`,
    );
  }
}

export function assertCanRestore(region: Region): void {
  if (!region.retiredAt) throw conflict('region_not_retired', `Region ${region.code} is not retired`);
}

/** What a revision row keeps: the whole region as it stood after the change. */
export function regionSnapshot(region: Region): Record<string, unknown> {
  return {
    code: region.code,
    names: { kk: region.nameKk, ru: region.nameRu, en: region.nameEn },
    timeZone: region.timeZone,
    retiredAt: region.retiredAt ? region.retiredAt.toISOString() : null,
  };
}

export function localizedRegionName(
  region: Pick<Region, 'nameKk' | 'nameRu' | 'nameEn'>,
  lang: Language,
): string {
  return lang === 'kk' ? region.nameKk : lang === 'en' ? region.nameEn : region.nameRu;
}
