import type { Region } from './region.entity';
import {
  assertCanRestore,
  assertCanRetire,
  assertRegionCode,
  localizedRegionName,
  newRegionValues,
  regionPatchValues,
  regionSnapshot,
} from './region.policy';

const region = (r: Partial<Region> = {}): Region =>
  ({
    id: 16,
    code: 'KZ-55',
    nameKk: 'Павлодар облысы',
    nameRu: 'Павлодарская область',
    nameEn: 'Pavlodar Region',
    timeZone: 'Asia/Almaty',
    retiredAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...r,
  }) as Region;

describe('region policy', () => {
  it('accepts ISO 3166-2 codes and refuses anything else', () => {
    expect(assertRegionCode('KZ-99')).toBe('KZ-99');
    expect(assertRegionCode('KZ-ALA')).toBe('KZ-ALA');
    for (const bad of ['kz-99', 'KZ99', 'KZ-', 'KZ-1234', 'KAZ-1', ' KZ-1']) {
      expect(() => assertRegionCode(bad)).toThrow(/ISO 3166-2/);
    }
  });

  it('validates a new region: zone, names', () => {
    expect(
      newRegionValues({
        code: 'KZ-99',
        names: { kk: ' Жаңа ', ru: 'Новая', en: 'New' },
        timeZone: 'Asia/Oral',
      }),
    ).toEqual({
      code: 'KZ-99',
      nameKk: 'Жаңа',
      nameRu: 'Новая',
      nameEn: 'New',
      timeZone: 'Asia/Oral',
    });
    expect(() =>
      newRegionValues({ code: 'KZ-99', names: { kk: 'a', ru: 'b', en: 'c' }, timeZone: 'Asia/Nowhere' }),
    ).toThrow(/timeZone "Asia\/Nowhere" is not an IANA time zone/);
    expect(() =>
      newRegionValues({ code: 'KZ-99', names: { kk: 'a', ru: '  ', en: 'c' }, timeZone: 'UTC' }),
    ).toThrow(/names.ru must not be blank/);
  });

  it('keeps only real changes of a patch', () => {
    const r = region();
    expect(regionPatchValues(r, { code: 'KZ-55', names: { ru: 'Павлодарская область' } })).toEqual({});
    expect(regionPatchValues(r, { names: { en: 'Pavlodar' }, timeZone: 'Asia/Qostanay' })).toEqual({
      nameEn: 'Pavlodar',
      timeZone: 'Asia/Qostanay',
    });
    expect(() => regionPatchValues(r, { timeZone: 'Mars/Base' })).toThrow(/IANA/);
  });

  it('refuses retiring twice and restoring an active region', () => {
    expect(() => assertCanRetire(region())).not.toThrow();
    expect(() => assertCanRetire(region({ retiredAt: new Date('2024-01-01T00:00:00Z') }))).toThrow(
      /already retired/,
    );
    expect(() => assertCanRestore(region())).toThrow(/not retired/);
    expect(() => assertCanRestore(region({ retiredAt: new Date() }))).not.toThrow();
  });

  it('snapshots the whole region and names it in each language', () => {
    expect(regionSnapshot(region({ retiredAt: new Date('2024-01-01T00:00:00Z') }))).toEqual({
      code: 'KZ-55',
      names: { kk: 'Павлодар облысы', ru: 'Павлодарская область', en: 'Pavlodar Region' },
      timeZone: 'Asia/Almaty',
      retiredAt: '2024-01-01T00:00:00.000Z',
    });
    expect(localizedRegionName(region(), 'kk')).toBe('Павлодар облысы');
    expect(localizedRegionName(region(), 'en')).toBe('Pavlodar Region');
  });
});
