import { normalizeCompletions, normalizeReport } from './reports.client';

describe('report normalizers', () => {
  it('read the attendance report of the API in its words: joined, present, completed', () => {
    const r = normalizeReport({
      thresholdPercent: 75,
      regions: [
        {
          region: { id: 16, code: 'KZ-55', names: { kk: 'Павлодар облысы' } },
          expected: 150,
          registered: 140,
          joined: 126,
          present: 124,
          completed: 100,
          coveragePercent: 84,
          presentPercent: 82.7,
          rateBase: 'expected',
          medianMinutes: 201.5,
        },
        {
          region: null,
          expected: null,
          registered: 2,
          joined: 1,
          present: 1,
          completed: 0,
          coveragePercent: null,
          presentPercent: 50,
          rateBase: 'registered',
          medianMinutes: null,
        },
      ],
      totals: {
        expected: 150,
        registered: 142,
        joined: 127,
        present: 125,
        completed: 100,
        coveragePercent: 84.7,
        presentPercent: 83.3,
        rateBase: 'expected',
        medianMinutes: 200,
      },
      attendees: [
        {
          userId: 'u1',
          displayName: 'Әйгерім',
          email: 'a@x.kz',
          regionId: 16,
          minutes: 180,
          sharePercent: 75,
          joined: true,
          present: true,
          completed: true,
        },
      ],
    });
    expect(r.thresholdPercent).toBe(75);
    expect(r.regions[0]).toMatchObject({
      regionId: 16,
      expected: 150,
      joined: 126,
      present: 124,
      completed: 100,
      coveragePercent: 84,
      presentPercent: 82.7,
      medianMinutes: 201.5,
    });
    expect(r.regions[1]).toMatchObject({
      regionId: null,
      expected: null,
      coveragePercent: null,
      presentPercent: 50,
    });
    expect(r.totals).toMatchObject({ expected: 150, joined: 127, present: 125, presentPercent: 83.3 });
    expect(r.attendees).toEqual([
      {
        userId: 'u1',
        displayName: 'Әйгерім',
        regionId: 16,
        minutes: 180,
        sharePercent: 75,
        present: true,
        completed: true,
      },
    ]);
  });

  it('read completions and treat a missing list as empty, never as a crash', () => {
    expect(
      normalizeCompletions({
        items: [{ userId: 'u1', displayName: 'A', unitsCompleted: 3, unitsRequired: 3, unitsTotal: 4 }],
        total: 1,
      }),
    ).toEqual([{ userId: 'u1', displayName: 'A', modulesCompleted: 3, modulesTotal: 3 }]);
    expect(normalizeCompletions(null)).toEqual([]);
    expect(normalizeReport('nonsense')).toEqual({
      thresholdPercent: null,
      regions: [],
      totals: null,
      attendees: [],
    });
  });
});
