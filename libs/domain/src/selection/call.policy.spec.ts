import {
  ageOn,
  assertEligible,
  assertWindowOpen,
  DEFAULT_RUBRIC,
  normalizeQuotas,
  normalizeRubric,
  resolveWindow,
  windowState,
} from './call.policy';

const regions = Array.from({ length: 20 }, (_, i) => i + 1);

describe('application window', () => {
  it('turns local wall times into UTC across the 2024-03-01 Kazakhstan change', () => {
    const w = resolveWindow('2024-02-20T09:00', '2024-03-05T18:00', 'Asia/Almaty');
    expect(w.opensAt.toISOString()).toBe('2024-02-20T03:00:00.000Z'); // UTC+6
    expect(w.closesAt.toISOString()).toBe('2024-03-05T13:00:00.000Z'); // UTC+5
    expect(() => resolveWindow('2024-02-29T23:30', '2024-03-05T18:00', 'Asia/Almaty')).toThrow(
      /happens twice/,
    );
    expect(() => resolveWindow('2024-03-05T18:00', '2024-03-05T18:00', 'Asia/Almaty')).toThrow(
      /must be after opens/,
    );
  });

  it('is open from opensAt inclusive to closesAt exclusive', () => {
    const call = { opensAt: new Date('2024-03-01T00:00Z'), closesAt: new Date('2024-03-02T00:00Z') };
    expect(windowState(call, new Date('2024-02-29T23:59:59Z'))).toBe('not_open');
    expect(windowState(call, new Date('2024-03-01T00:00Z'))).toBe('open');
    expect(windowState(call, new Date('2024-03-02T00:00Z'))).toBe('closed');
  });

  it('says when the call opens or closed, in its zone', () => {
    const call = {
      id: 'c1',
      opensAt: new Date('2024-03-01T04:00Z'),
      closesAt: new Date('2024-03-10T13:00Z'),
      timeZone: 'Asia/Almaty',
      decidedAt: null,
    };
    expect(() => assertWindowOpen(call, new Date('2024-02-01T00:00Z'))).toThrow(
      'Call c1 opens for applications at 2024-03-01T09:00 Asia/Almaty (2024-03-01T04:00:00.000Z)',
    );
    expect(() => assertWindowOpen(call, new Date('2024-04-01T00:00Z'))).toThrow(
      'Call c1 closed for applications at 2024-03-10T18:00 Asia/Almaty (2024-03-10T13:00:00.000Z)',
    );
    expect(() => assertWindowOpen({ ...call, decidedAt: new Date() }, new Date('2024-03-05T00:00Z'))).toThrow(
      /is decided/,
    );
  });
});

describe('eligibility', () => {
  it('counts whole years; a 29 February birthday comes on 1 March', () => {
    expect(ageOn('2000-06-15', '2024-06-14')).toBe(23);
    expect(ageOn('2000-06-15', '2024-06-15')).toBe(24);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
  });

  it('checks the age range on the reference day and the allowed regions', () => {
    const rules = { minAge: 18, maxAge: 35, ageOn: '2024-06-01', allowedRegionIds: [3, 4] };
    expect(() => assertEligible(rules, '2000-01-01', 3, '2024-05-01')).not.toThrow();
    expect(() => assertEligible(rules, '2006-06-02', 3, '2024-05-01')).toThrow(
      'Applicants must be at least 18 on 2024-06-01; born 2006-06-02 is 17',
    );
    expect(() => assertEligible(rules, '1988-01-01', 3, '2024-05-01')).toThrow(/at most 35/);
    expect(() => assertEligible(rules, '2000-01-01', 5, '2024-05-01')).toThrow(
      'This call is open to regions [3, 4]; your home region 5 is not among them',
    );
    expect(() => assertEligible(rules, '2030-01-01', 3, '2024-05-01')).toThrow(/in the future/);
    expect(() => assertEligible(rules, '2000-02-30', 3, '2024-05-01')).toThrow(/YYYY-MM-DD/);
  });
});

describe('normalizeRubric', () => {
  it('defaults to career achievement, leadership potential and motivation, 0-10, equal weights', () => {
    expect(normalizeRubric(undefined)).toBe(DEFAULT_RUBRIC);
    expect(DEFAULT_RUBRIC.criteria.map((c) => [c.key, c.weight])).toEqual([
      ['career', 1],
      ['leadership', 1],
      ['motivation', 1],
    ]);
    expect(DEFAULT_RUBRIC.scale).toEqual({ min: 0, max: 10 });
  });

  it('refuses bad weights, scales and tie-break criteria', () => {
    const c = (weight: number) => [{ key: 'a', label: { en: 'A' }, weight }];
    expect(() => normalizeRubric({ criteria: c(0) })).toThrow(/weight must be a whole number 1-100/);
    expect(() => normalizeRubric({ criteria: c(1.5) })).toThrow(/weight/);
    expect(() => normalizeRubric({ scale: { min: 10, max: 10 } })).toThrow(/must be below max/);
    expect(() => normalizeRubric({ tieBreakCriterion: 'charisma' })).toThrow(/not one of the criteria/);
    expect(normalizeRubric({ criteria: c(3) }).tieBreakCriterion).toBe('a');
  });
});

describe('normalizeQuotas', () => {
  it('accepts the Young Politician School: 50 seats, 20 reserved, one per region', () => {
    expect(normalizeQuotas({ nominatedSeats: 20, regionMin: 1 }, 50, regions)).toEqual({
      nominatedSeats: 20,
      regionMin: 1,
      regionMax: null,
      regions: [],
    });
  });

  it('refuses quotas that cannot add up to the capacity, naming the numbers', () => {
    expect(() => normalizeQuotas({ nominatedSeats: 60 }, 50, regions)).toThrow(
      'quotas.nominatedSeats (60) exceeds the capacity of the cohort (50)',
    );
    expect(() => normalizeQuotas({ regionMin: 3 }, 50, regions)).toThrow(
      'the per-region minimums add up to 60 seats over the 20 regions that may apply, but the cohort has 50',
    );
    expect(() => normalizeQuotas({ regionMax: 2 }, 50, regions)).toThrow(
      'the per-region maximums allow at most 40 seats over the 20 regions that may apply, but the cohort has 50',
    );
    expect(() => normalizeQuotas({ regions: [{ regionId: 3, min: 4, max: 2 }] }, 50, regions)).toThrow(
      'region 3: the minimum (4) is greater than the maximum (2)',
    );
    expect(() => normalizeQuotas({ regions: [{ regionId: 99, min: 1 }] }, 50, regions)).toThrow(
      /region 99 may not apply/,
    );
    expect(() => normalizeQuotas({ nominatedSeats: -1 }, 50, regions)).toThrow(/whole number >= 0/);
  });
});
