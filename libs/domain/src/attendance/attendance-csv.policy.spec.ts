import { reportCsv, snakeCase } from './attendance-csv.policy';

describe('reportCsv', () => {
  it('names each column after its JSON field and writes the region code, booleans and ISO instants', () => {
    const rows = [
      {
        userId: 'u1',
        regionId: 16,
        sharePercent: 75,
        completed: true,
        completedAt: new Date('2024-06-17T09:00:00Z'),
      },
      { userId: 'u2', regionId: null, sharePercent: 0, completed: false, completedAt: null },
      { userId: 'u3', regionId: 99, sharePercent: 12.5, completed: false, completedAt: null },
    ];
    const csv = reportCsv(
      ['userId', 'regionId', 'sharePercent', 'completed', 'completedAt'],
      rows,
      new Map([[16, 'KZ-55']]),
    );
    expect(csv.split('\r\n')).toEqual([
      'user_id,region,share_percent,completed,completed_at',
      'u1,KZ-55,75,true,2024-06-17T09:00:00.000Z',
      'u2,,0,false,',
      'u3,99,12.5,false,',
      '',
    ]);
  });

  it('turns camelCase into snake_case', () => {
    expect(snakeCase('sessionsCompleted')).toBe('sessions_completed');
    expect(snakeCase('joined')).toBe('joined');
  });
});
