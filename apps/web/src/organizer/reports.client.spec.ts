import { normalizeCompletions, normalizeReport } from './reports.client';

describe('report normalizers', () => {
  it('read the attendance report of the API', () => {
    const r = normalizeReport({
      regions: [
        {
          region: { id: 16, code: 'KZ-55', names: { kk: 'Павлодар облысы' } },
          expected: 150,
          registered: 140,
          attended: 124,
          completed: 100,
          attendanceRatePercent: 82.7,
          rateBase: 'expected',
          medianMinutes: 201,
        },
        {
          region: null,
          expected: null,
          registered: 2,
          attended: 1,
          completed: 0,
          attendanceRatePercent: null,
          rateBase: 'registered',
          medianMinutes: null,
        },
      ],
      totals: {
        expected: 150,
        registered: 142,
        attended: 125,
        completed: 100,
        attendanceRatePercent: 83.3,
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
          attended: true,
        },
      ],
    });
    expect(r.regions[0]).toMatchObject({
      regionId: 16,
      expected: 150,
      attended: 124,
      attendanceRate: 82.7,
      medianMinutes: 201,
    });
    expect(r.regions[1]).toMatchObject({ regionId: null, expected: null, attendanceRate: null });
    expect(r.totals).toMatchObject({ expected: 150, attended: 125, attendanceRate: 83.3 });
    expect(r.attendees).toEqual([
      { userId: 'u1', displayName: 'Әйгерім', regionId: 16, minutes: 180, sharePercent: 75, attended: true },
    ]);
  });

  it('read completions and treat a missing list as empty, never as a crash', () => {
    expect(
      normalizeCompletions({
        items: [{ userId: 'u1', displayName: 'A', unitsAttended: 3, unitsRequired: 3, unitsTotal: 4 }],
        total: 1,
      }),
    ).toEqual([{ userId: 'u1', displayName: 'A', modulesAttended: 3, modulesTotal: 3 }]);
    expect(normalizeCompletions(null)).toEqual([]);
    expect(normalizeReport('nonsense')).toEqual({ regions: [], totals: null, attendees: [] });
  });
});
